using BranchNetwork.Core.Accounts;

namespace BranchNetwork.Core.Common;

/// <summary>Who is acting: services check it before they read or change anything, and the audit trail records it.</summary>
public interface ICurrentUser
{
    Task<Actor> GetActorAsync();
}

/// <summary>
/// A signed-in user as the services see them: their role and, for a branch worker, the one branch whose units
/// (the branch and its service points) are their whole world.
/// </summary>
public sealed record Actor(string? UserId, string Name, string? Role, int? BranchId = null)
{
    /// <summary>The portal itself: start-up, migrations, demo data.</summary>
    public static readonly Actor System = new(null, "system", Roles.Administrator);

    public static readonly Actor Anonymous = new(null, "anonymous", null);

    public bool IsAdministrator => Role == Roles.Administrator;

    public bool IsBranchWorker => Role == Roles.BranchWorker;

    /// <summary>Administrators and head-library staff keep the whole network.</summary>
    public bool CanEditNetwork => Role is Roles.Administrator or Roles.HeadLibraryStaff;

    /// <summary>Everyone but branch workers reads the whole network (observers only read).</summary>
    public bool ReadsWholeNetwork => Role is Roles.Administrator or Roles.HeadLibraryStaff or Roles.Observer;

    public bool CanRead => ReadsWholeNetwork || (IsBranchWorker && BranchId is not null);

    /// <summary>Head staff on every unit, a branch worker on their own (the services narrow it to their scope).</summary>
    public bool CanEditUnits => CanEditNetwork || IsBranchWorker;

    public void DemandRead()
    {
        if (!CanRead)
        {
            throw new AccessDeniedException();
        }
    }

    public void DemandEditNetwork()
    {
        if (!CanEditNetwork)
        {
            throw new AccessDeniedException();
        }
    }

    public void DemandEditUnits()
    {
        if (!CanEditUnits)
        {
            throw new AccessDeniedException();
        }
    }

    public void DemandAdministrator()
    {
        if (!IsAdministrator)
        {
            throw new AccessDeniedException();
        }
    }
}

/// <summary>The checks every service opens with: who is acting, and may they?</summary>
public static class CurrentUserChecks
{
    public static async Task<Actor> ReaderAsync(this ICurrentUser user)
    {
        var actor = await user.GetActorAsync();
        actor.DemandRead();
        return actor;
    }

    public static async Task<Actor> UnitEditorAsync(this ICurrentUser user)
    {
        var actor = await user.GetActorAsync();
        actor.DemandEditUnits();
        return actor;
    }

    public static async Task<Actor> NetworkEditorAsync(this ICurrentUser user)
    {
        var actor = await user.GetActorAsync();
        actor.DemandEditNetwork();
        return actor;
    }
}

/// <summary>The caller's role does not allow this; pages and endpoints answer 403 (or 404 where data would leak).</summary>
public sealed class AccessDeniedException() : DomainException(ErrorCodes.AccessDenied);

/// <summary>The portal itself acting, with no user: the design-time tools and contexts that never save audited changes.</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();

    private SystemUser()
    {
    }

    public Task<Actor> GetActorAsync() => Task.FromResult(Actor.System);
}
