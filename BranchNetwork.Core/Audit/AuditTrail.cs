using System.Globalization;
using System.Text.Json;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BranchNetwork.Core.Audit;

/// <summary>
/// Turns what a save is about to write into audit entries, so they are saved in the same transaction as the change
/// itself. Every service's changes are covered without the service having to remember it.
/// </summary>
internal static class AuditTrail
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Bookkeeping that says nothing to a reader of the trail (and secrets that must never appear in it).
    private static readonly HashSet<string> IgnoredUserFields =
    [
        nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp),
        nameof(ApplicationUser.AccessFailedCount), nameof(ApplicationUser.LockoutEnd), nameof(ApplicationUser.NormalizedEmail),
        nameof(ApplicationUser.NormalizedUserName), nameof(ApplicationUser.UserName), nameof(ApplicationUser.Id),
        nameof(ApplicationUser.BranchId),
    ];

    // Keys are shown as codes (a new row's id is not known before the save).
    private static readonly HashSet<string> IgnoredUnitFields = [nameof(Unit.Id), nameof(Unit.Version), nameof(Unit.ParentId)];

    public static bool HasAuditedChanges(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Unit or ApplicationUser or IdentityUserRole<string>);

    public static async Task<List<AuditEntry>> CollectAsync(BranchNetworkDbContext db, Actor actor, DateTime atUtc, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        AuditEntry Entry(string type, string key, string action, IReadOnlyList<FieldChange> changes) => new()
        {
            AtUtc = atUtc,
            UserId = actor.UserId,
            UserName = actor.Name,
            EntityType = type,
            EntityKey = key,
            Action = action,
            Changes = changes.Count == 0 ? null : JsonSerializer.Serialize(changes, Json),
        };

        var tracked = db.ChangeTracker.Entries().ToList();
        foreach (var unit in tracked.Where(e => e.Entity is Unit && e.State is EntityState.Added or EntityState.Modified))
        {
            var changes = Changes(unit, IgnoredUnitFields);
            var entity = (Unit)unit.Entity;
            if (unit.State == EntityState.Added && entity.Parent is { } parent)
            {
                changes.Add(new FieldChange("Parent", null, parent.Code));
            }

            var action = unit.State == EntityState.Added ? AuditActions.Created
                : changes.Any(c => c.Field == nameof(Unit.Status)) ? AuditActions.StatusChanged
                : changes.Any(c => c.Field == nameof(Unit.PlaquedOn)) ? AuditActions.Plaqued
                : AuditActions.Updated;
            if (action == AuditActions.StatusChanged && entity.StatusHistory.Count > 0)
            {
                // The step the change just appended holds the reason.
                changes.Add(new FieldChange("Reason", null, entity.StatusHistory[^1].Reason));
            }

            if (changes.Count > 0)
            {
                entries.Add(Entry(AuditEntities.Unit, entity.Code, action, changes));
            }
        }

        foreach (var user in tracked.Where(e => e.Entity is ApplicationUser && e.State is EntityState.Added or EntityState.Modified))
        {
            var entity = (ApplicationUser)user.Entity;
            var changes = Changes(user, IgnoredUserFields);
            var branch = user.Property(nameof(ApplicationUser.BranchId));
            if (user.State == EntityState.Added ? entity.BranchId is not null : !Equals(branch.OriginalValue, branch.CurrentValue))
            {
                var old = user.State == EntityState.Added ? null : await UnitCodeAsync(db, (int?)branch.OriginalValue, ct);
                changes.Add(new FieldChange("Branch", old, await UnitCodeAsync(db, entity.BranchId, ct)));
            }

            var passwordChanged = user.State == EntityState.Modified && user.Property(nameof(ApplicationUser.PasswordHash)).IsModified
                && !Equals(user.Property(nameof(ApplicationUser.PasswordHash)).OriginalValue, user.Property(nameof(ApplicationUser.PasswordHash)).CurrentValue);
            var key = entity.Email ?? entity.Id;
            if (user.State == EntityState.Added)
            {
                entries.Add(Entry(AuditEntities.User, key, AuditActions.Created, changes));
                continue;
            }

            if (changes.FirstOrDefault(c => c.Field == nameof(ApplicationUser.IsDisabled)) is { } disabled)
            {
                entries.Add(Entry(AuditEntities.User, key, disabled.New == "True" ? AuditActions.Disabled : AuditActions.Enabled, []));
                changes.Remove(disabled);
            }

            if (passwordChanged)
            {
                entries.Add(Entry(AuditEntities.User, key, entity.MustChangePassword ? AuditActions.PasswordReset : AuditActions.PasswordChanged, []));
                changes.RemoveAll(c => c.Field == nameof(ApplicationUser.MustChangePassword));
            }

            if (changes.Count > 0)
            {
                entries.Add(Entry(AuditEntities.User, key, AuditActions.Updated, changes));
            }
        }

        var roleChanges = tracked.Where(e => e.Entity is IdentityUserRole<string> && e.State is EntityState.Added or EntityState.Deleted).ToList();
        foreach (var byUser in roleChanges.GroupBy(e => ((IdentityUserRole<string>)e.Entity).UserId))
        {
            var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
            string? Names(EntityState state) => string.Join(", ", byUser.Where(e => e.State == state)
                .Select(e => roleNames.GetValueOrDefault(((IdentityUserRole<string>)e.Entity).RoleId))) is { Length: > 0 } names ? names : null;
            var user = db.Users.Local.FirstOrDefault(u => u.Id == byUser.Key)
                ?? await db.Users.AsNoTracking().FirstAsync(u => u.Id == byUser.Key, ct);
            entries.Add(Entry(AuditEntities.User, user.Email ?? user.Id, AuditActions.RoleChanged,
                [new FieldChange("Role", Names(EntityState.Deleted), Names(EntityState.Added))]));
        }

        return entries;
    }

    private static async Task<string?> UnitCodeAsync(BranchNetworkDbContext db, int? id, CancellationToken ct) =>
        id is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == id).Select(u => u.Code).FirstOrDefaultAsync(ct);

    private static List<FieldChange> Changes(EntityEntry entry, HashSet<string> ignored) =>
        entry.Properties
            .Where(p => !ignored.Contains(p.Metadata.Name) && !p.Metadata.IsShadowProperty())
            .Where(p => entry.State == EntityState.Added ? p.CurrentValue is not null : p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => new FieldChange(
                p.Metadata.Name,
                entry.State == EntityState.Added ? null : Format(p.OriginalValue),
                Format(p.CurrentValue)))
            .ToList();

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
