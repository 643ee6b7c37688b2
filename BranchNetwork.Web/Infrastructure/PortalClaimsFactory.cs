using System.Globalization;
using System.Security.Claims;
using BranchNetwork.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Puts what every page needs into the sign-in cookie: display name, role (Identity adds it), the branch of a branch
/// worker and whether the password must be changed. A change to any of these renews the security stamp, so the
/// cookie is re-issued within <see cref="PortalIdentity.RevalidationInterval"/>.
/// </summary>
internal sealed class PortalClaimsFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";
    public const string BranchClaim = "branch_id";
    public const string MustChangePasswordClaim = "must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.BranchId is { } branch)
        {
            identity.AddClaim(new Claim(BranchClaim, branch.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
