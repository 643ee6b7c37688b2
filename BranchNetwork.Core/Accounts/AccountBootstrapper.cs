using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Accounts;

/// <summary>Creates the roles, the first administrator and, in demo mode, the demo accounts.</summary>
public sealed class AccountBootstrapper(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    ILogger<AccountBootstrapper> logger)
{
    public async Task BootstrapAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var settings = options.Value;
        if (settings.DemoData)
        {
            if (string.IsNullOrWhiteSpace(settings.DemoPassword))
            {
                throw new InvalidOperationException("Bootstrap:DemoPassword must be set when Bootstrap:DemoData is true.");
            }

            foreach (var demo in DemoAccounts.All)
            {
                await EnsureUserAsync(demo.Email, demo.DisplayName, demo.Role, settings.DemoPassword);
            }

            logger.LogWarning(
                "Demo mode: sign in as {Accounts} with the demo password {Password}.",
                string.Join(", ", DemoAccounts.All.Select(a => $"{a.Email} ({a.Role})")),
                settings.DemoPassword);
        }

        if (string.IsNullOrWhiteSpace(settings.AdminEmail) || await users.FindByEmailAsync(settings.AdminEmail) is not null)
        {
            return;
        }

        var generated = string.IsNullOrWhiteSpace(settings.AdminPassword);
        var password = generated ? GeneratePassword() : settings.AdminPassword;
        await EnsureUserAsync(settings.AdminEmail, "系统管理员", Roles.Administrator, password);
        if (generated)
        {
            // Printed once: the account exists from now on, so later starts never print it again.
            Console.WriteLine($"Administrator {settings.AdminEmail} created with the password: {password}");
            Console.WriteLine("Sign in and change it; it is not shown again.");
        }
    }

    private async Task EnsureUserAsync(string email, string displayName, string role, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password), email);
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), email);
        }
    }

    private static string GeneratePassword() =>
        "Bn-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "7a";

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
