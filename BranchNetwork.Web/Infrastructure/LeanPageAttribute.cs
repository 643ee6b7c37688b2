namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// A page served outside the portal's frame, for slow lines: static server rendering, none of MudBlazor's styles or
/// scripts and no circuit, only its own small stylesheet and script. <c>App.razor</c> reads it from the endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LeanPageAttribute(string stylesheet, string script) : Attribute
{
    public string Stylesheet { get; } = stylesheet;

    public string Script { get; } = script;
}
