using Microsoft.AspNetCore.Identity;

namespace BranchNetwork.Core.Accounts;

/// <summary>Identity asks this before every sign-in: a disabled account is refused (SignInResult.NotAllowed).</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(!user.IsDisabled);
}
