using BranchNetwork.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Who may open what, in one place. Pages and endpoints name these policies; the services check the same rules
/// again on every read and write, so hiding a button is never the only guard.
/// </summary>
public static class Policies
{
    /// <summary>User administration and the audit trail.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Creating units, changing their status and plaques (head-library staff and administrators).</summary>
    public const string EditNetwork = nameof(EditNetwork);

    /// <summary>Editing a unit's profile: head-library staff and administrators, and branch workers on their own units.</summary>
    public const string EditUnits = nameof(EditUnits);

    /// <summary>Reading across the whole network (the review queue): everyone but branch workers.</summary>
    public const string WholeNetwork = nameof(WholeNetwork);

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
        .AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator))
        .AddPolicy(EditNetwork, p => p.RequireRole(Roles.Administrator, Roles.HeadLibraryStaff))
        .AddPolicy(EditUnits, p => p.RequireRole(Roles.Administrator, Roles.HeadLibraryStaff, Roles.BranchWorker))
        .AddPolicy(WholeNetwork, p => p.RequireRole(Roles.Administrator, Roles.HeadLibraryStaff, Roles.Observer));
}
