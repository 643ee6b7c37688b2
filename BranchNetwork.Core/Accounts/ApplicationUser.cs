using Microsoft.AspNetCore.Identity;

namespace BranchNetwork.Core.Accounts;

public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    /// <summary>The name shown in the portal and written into histories (e.g. 张敏).</summary>
    public string DisplayName { get; set; } = "";
}
