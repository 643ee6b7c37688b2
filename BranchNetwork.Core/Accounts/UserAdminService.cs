using System.ComponentModel.DataAnnotations;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Accounts;

/// <summary>
/// User administration, for administrators only: create accounts, change role or branch, disable and enable, reset
/// passwords. The last active administrator cannot be disabled or demoted, and nobody disables or demotes themself.
/// Each operation runs in its own service scope, so no database context lives on in a Blazor circuit.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, ICurrentUser currentUser, TimeProvider time)
{
    public Task<IReadOnlyList<UserSummary>> ListAsync(string? search = null, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<UserSummary>>(async (_, db, _) =>
        {
            var query = db.Users.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(search))
            {
                var text = search.Trim();
                query = query.WhereContainsIgnoringCase(db.Database, text, u => u.Email, u => u.DisplayName);
            }

            var rows = await query.OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.IsDisabled, u.LockoutEnd, u.MustChangePassword, u.ConcurrencyStamp,
                    BranchCode = u.Branch != null ? u.Branch.Code : null,
                    BranchName = u.Branch != null ? u.Branch.Name : null,
                })
                .ToListAsync(ct);
            var roles = await RolesByUserAsync(db, ct);
            var now = time.GetUtcNow();
            return rows.Select(u => new UserSummary(
                u.Id, u.Email ?? "", u.DisplayName, roles.GetValueOrDefault(u.Id, ""), u.BranchCode, u.BranchName, u.IsDisabled,
                u.LockoutEnd > now, u.MustChangePassword, u.ConcurrencyStamp ?? "")).ToList();
        });

    public Task<IssuedPassword> CreateAsync(NewUser input, CancellationToken ct = default) =>
        RunAsync(async (users, db, _) =>
        {
            var email = (input.Email ?? "").Trim();
            if (email.Length == 0 || email.Length > 256 || !new EmailAddressAttribute().IsValid(email))
            {
                throw new DomainException(ErrorCodes.UserInvalidEmail, nameof(NewUser.Email));
            }

            if (await users.FindByEmailAsync(email) is not null)
            {
                throw new DomainException(ErrorCodes.UserEmailTaken, nameof(NewUser.Email), email);
            }

            var (displayName, role, branchId) = await CheckAsync(db, input.DisplayName, input.Role, input.BranchCode, ct);
            var password = OneTimePassword.Create();
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, BranchId = branchId,
                MustChangePassword = true,
            };
            await db.Database.InTransactionAsync(async () =>
            {
                Check(await users.CreateAsync(user, password));
                Check(await users.AddToRoleAsync(user, role));
            }, ct);
            return new IssuedPassword(email, password);
        });

    public Task UpdateAsync(string userId, string concurrencyStamp, UserChange change, CancellationToken ct = default) =>
        RunAsync(async (users, db, actor) =>
        {
            var user = await FindAsync(users, userId, concurrencyStamp);
            var (displayName, role, branchId) = await CheckAsync(db, change.DisplayName, change.Role, change.BranchCode, ct);
            var currentRoles = await users.GetRolesAsync(user);
            var demoted = currentRoles.Contains(Roles.Administrator) && role != Roles.Administrator;
            if (demoted)
            {
                await RefuseLosingAnAdministratorAsync(users, user, actor);
            }

            // One save for name, branch and role, so the trail shows one role change from old to new.
            await db.Database.InTransactionAsync(async () =>
            {
                user.DisplayName = displayName;
                user.BranchId = branchId;
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
                if (!currentRoles.SequenceEqual([role]))
                {
                    db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(ct));
                    var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
                    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                }

                await db.SaveChangesAsync(ct);

                // A new role or branch takes effect at once: the user's sessions are re-checked and re-issued.
                Check(await users.UpdateSecurityStampAsync(user));
            }, ct);
            return true;
        });

    public Task SetDisabledAsync(string userId, string concurrencyStamp, bool disabled, CancellationToken ct = default) =>
        RunAsync(async (users, db, actor) =>
        {
            var user = await FindAsync(users, userId, concurrencyStamp);
            if (disabled && (await users.GetRolesAsync(user)).Contains(Roles.Administrator))
            {
                await RefuseLosingAnAdministratorAsync(users, user, actor);
            }
            else if (disabled && user.Id == actor.UserId)
            {
                throw new DomainException(ErrorCodes.UserNotYourself);
            }

            user.IsDisabled = disabled;
            if (!disabled)
            {
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
            }

            // A new security stamp ends the account's open sessions.
            Check(await users.UpdateSecurityStampAsync(user));
            return true;
        });

    /// <summary>Replaces the password with a one-time one, ends the user's sessions and lifts a lockout.</summary>
    public Task<IssuedPassword> ResetPasswordAsync(string userId, CancellationToken ct = default) =>
        RunAsync(async (users, db, _) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new DomainException(ErrorCodes.UserNotFound);
            var password = OneTimePassword.Create();
            await db.Database.InTransactionAsync(async () =>
            {
                user.MustChangePassword = true;
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
                Check(await users.RemovePasswordAsync(user));
                Check(await users.AddPasswordAsync(user, password));
            }, ct);
            return new IssuedPassword(user.Email ?? "", password);
        });

    /// <summary>The branches a branch worker can be bound to.</summary>
    public Task<IReadOnlyList<UnitRef>> BranchesAsync(CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<UnitRef>>(async (_, db, _) => await db.Units.AsNoTracking()
            .Where(u => u.Kind == UnitKind.Branch)
            .OrderBy(u => u.Code)
            .Select(u => new UnitRef(u.Code, u.Name, u.Kind, u.Status))
            .ToListAsync(ct));

    private async Task<T> RunAsync<T>(Func<UserManager<ApplicationUser>, BranchNetworkDbContext, Actor, Task<T>> work)
    {
        var actor = await currentUser.GetActorAsync();
        actor.DemandAdministrator();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = actor;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BranchNetworkDbContext>();
        return await work(users, db, actor);
    }

    private static async Task<ApplicationUser> FindAsync(UserManager<ApplicationUser> users, string userId, string concurrencyStamp)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException(ErrorCodes.UserNotFound);
        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UserChangedMeanwhile, user.Email ?? "");
        }

        return user;
    }

    private static async Task<(string DisplayName, string Role, int? BranchId)> CheckAsync(
        BranchNetworkDbContext db, string? displayName, string? role, string? branchCode, CancellationToken ct)
    {
        var name = Texts.Required(displayName, ApplicationUser.DisplayNameMaxLength, nameof(NewUser.DisplayName));

        if (role is null || !Roles.All.Contains(role))
        {
            throw new DomainException(ErrorCodes.UserUnknownRole, nameof(NewUser.Role));
        }

        if (role != Roles.BranchWorker)
        {
            return (name, role, null);
        }

        if (string.IsNullOrWhiteSpace(branchCode))
        {
            throw new DomainException(ErrorCodes.UserBranchRequired, nameof(NewUser.BranchCode));
        }

        var code = branchCode.Trim().ToUpperInvariant();
        var branch = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct);
        if (branch is not { Kind: UnitKind.Branch })
        {
            throw new DomainException(ErrorCodes.UserBranchNotABranch, nameof(NewUser.BranchCode), branchCode);
        }

        return (name, role, branch.Id);
    }

    private static async Task RefuseLosingAnAdministratorAsync(UserManager<ApplicationUser> users, ApplicationUser user, Actor actor)
    {
        if (user.Id == actor.UserId)
        {
            throw new DomainException(ErrorCodes.UserNotYourself);
        }

        var activeAdministrators = (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(u => !u.IsDisabled);
        if (activeAdministrators <= 1 && !user.IsDisabled)
        {
            throw new DomainException(ErrorCodes.UserLastAdministrator);
        }
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(BranchNetworkDbContext db, CancellationToken ct) =>
        (await (from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name })
            .ToListAsync(ct))
        .GroupBy(r => r.UserId)
        .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(r => r.Name)));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // Identity's own refusals (a duplicate e-mail raced in, a concurrency stamp moved on) are rare here:
            // the rules above catch the ordinary cases with a clear message first.
            var error = result.Errors.First();
            throw error.Code switch
            {
                nameof(IdentityErrorDescriber.ConcurrencyFailure) => new ConcurrencyConflictException(ErrorCodes.UserChangedMeanwhile, ""),
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                    new DomainException(ErrorCodes.UserEmailTaken, nameof(NewUser.Email), ""),
                _ => new DomainException(ErrorCodes.UserRefused, null, error.Description),
            };
        }
    }
}
