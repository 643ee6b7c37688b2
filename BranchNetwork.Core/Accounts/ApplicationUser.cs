using BranchNetwork.Core.Network;
using Microsoft.AspNetCore.Identity;

namespace BranchNetwork.Core.Accounts;

public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    /// <summary>The name shown in the portal and written into histories (e.g. 张敏).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>For a branch worker: the branch whose units they keep. Empty for every other role.</summary>
    public int? BranchId { get; set; }

    public Unit? Branch { get; set; }

    /// <summary>Set when an administrator resets the password: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled account cannot sign in; its history stays.</summary>
    public bool IsDisabled { get; set; }
}
