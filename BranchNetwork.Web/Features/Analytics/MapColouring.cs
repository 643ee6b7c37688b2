namespace BranchNetwork.Web.Features.Analytics;

/// <summary>What the colours of the network map say.</summary>
public enum MapColouring
{
    Status,
    Plaque,
    Report,
}
