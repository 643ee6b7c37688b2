namespace BranchNetwork.Core.Common;

/// <summary>
/// Lets work that runs in a child service scope (one per operation, so no database context outlives it) act as the
/// user who started it: the portal's <see cref="ICurrentUser"/> answers with <see cref="Inherited"/> when set.
/// </summary>
public sealed class ActorContext
{
    public Actor? Inherited { get; set; }
}
