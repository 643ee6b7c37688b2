using BranchNetwork.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Accounts;

/// <summary>Creates the roles, the first administrator and, in demo mode, the demo accounts.</summary>
public sealed class AccountBootstrapper(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    BranchNetworkDbContext db,
    IOptions<BootstrapOptions> options,
    ILogger<AccountBootstrapper> logger)
{
    public async Task BootstrapAsync()
    {
        var existingRoles = await roles.Roles.Select(r => r.Name!).ToListAsync();
        foreach (var role in Roles.All.Except(existingRoles))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), role);
        }

        var settings = options.Value;
        if (settings.DemoData)
        {
            if (string.IsNullOrWhiteSpace(settings.DemoPassword))
            {
                throw new InvalidOperationException("Bootstrap:DemoPassword must be set when Bootstrap:DemoData is true.");
            }

            // Every later start finds the demo accounts with their roles: one query, instead of two for each account, and
            // no hashing (PBKDF2 is slow by design).
            var present = (await (from u in db.Users
                    join ur in db.UserRoles on u.Id equals ur.UserId
                    join r in db.Roles on ur.RoleId equals r.Id
                    select new { u.Email, r.Name }).ToListAsync())
                .Select(a => (a.Email, a.Name)).ToHashSet();
            var missing = DemoAccounts.All.Where(a => !present.Contains((a.Email, a.Role))).ToList();
            if (missing.Count > 0)
            {
                var branches = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.Id);
                // The demo accounts share one password, so they share one hash.
                var demoHash = await HashAsync(settings.DemoPassword);
                foreach (var demo in missing)
                {
                    var branchId = demo.BranchCode is null ? null : branches.GetValueOrDefault(demo.BranchCode) as int?;
                    await EnsureUserAsync(demo.Email, demo.DisplayName, demo.Role, demoHash, branchId);
                }
            }

            logger.LogWarning(
                "Demo mode: sign in with the demo password {Password} as {Accounts}.",
                settings.DemoPassword,
                string.Join(", ", DemoAccounts.All.Select(a => $"{a.Email} ({a.Role})")));
        }

        if (string.IsNullOrWhiteSpace(settings.AdminEmail) || await users.FindByEmailAsync(settings.AdminEmail) is not null)
        {
            return;
        }

        var generated = string.IsNullOrWhiteSpace(settings.AdminPassword);
        var password = generated ? OneTimePassword.Create() : settings.AdminPassword;
        await EnsureUserAsync(settings.AdminEmail, "系统管理员", Roles.Administrator, await HashAsync(password), null);
        if (generated)
        {
            // Printed once: the account exists from now on, so later starts never print it again.
            Console.WriteLine($"Administrator {settings.AdminEmail} created with the password: {password}");
            Console.WriteLine("Sign in and change it; it is not shown again.");
        }
    }

    /// <summary>Checks the password against the rules, then hashes it.</summary>
    private async Task<string> HashAsync(string password)
    {
        var probe = new ApplicationUser();
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, probe, password), "the configured password");
        }

        return users.PasswordHasher.HashPassword(probe, password);
    }

    private async Task EnsureUserAsync(string email, string displayName, string role, string passwordHash, int? branchId)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, BranchId = branchId,
                PasswordHash = passwordHash,
            };
            Check(await users.CreateAsync(user), email);
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
