namespace BranchNetwork.Core.Common;

/// <summary>Who is acting: services write this name into histories. The portal reads it from the sign-in.</summary>
public interface ICurrentUser
{
    Task<Actor> GetActorAsync();
}

public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");
}
