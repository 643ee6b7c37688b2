using BranchNetwork.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>Makes a refused sign-in cost what a wrong password costs, whatever the reason.</summary>
internal static class SignInTiming
{
    private static readonly ApplicationUser Nobody = new() { UserName = "nobody" };

    private static string? hashOfNothing;

    public static void CostOfAPasswordCheck(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        // Hashed with the portal's own hasher and settings, so the check costs exactly what a real one does.
        var hash = hashOfNothing ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
