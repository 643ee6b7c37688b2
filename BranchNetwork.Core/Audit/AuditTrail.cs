using System.Globalization;
using System.Text.Json;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Training;
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
            && e.Entity is Unit or ApplicationUser or IdentityUserRole<string> or MonthlyReport or ReportValue or Indicator or Closure
                or StaffMember or TrainingSession or Attendance or Activity or ResourceItem or Delivery or Grant or UnitStandard or StandardItem
                or TownshipPopulation or VillagePopulation
                or StatisticsOverride
                or AssessmentScheme or AssessmentSection or AssessmentItem or AssessmentGrade or ManualScore or AssessmentEvidence
                or Scores.ScoreComponent);

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
            Changes = changes.Count == 0 ? null : JsonSerializer.Serialize(changes.ToList(), AuditJson.Default.ListFieldChange),
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

        CollectFigures(tracked, entries, Entry);
        await NameClosureUnitsAsync(db, tracked, entries, ct);
        CollectTraining(tracked, entries, Entry);
        CollectAssessment(tracked, entries, Entry);

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

    /// <summary>A closure moved to another unit (or the whole network) names both by code, not by id.</summary>
    private static async Task NameClosureUnitsAsync(BranchNetworkDbContext db, List<EntityEntry> tracked, List<AuditEntry> entries, CancellationToken ct)
    {
        foreach (var closure in tracked.Where(e => e.Entity is Closure && e.State is EntityState.Added or EntityState.Modified))
        {
            var unit = closure.Property(nameof(Closure.UnitId));
            if (closure.State == EntityState.Modified ? Equals(unit.OriginalValue, unit.CurrentValue) : unit.CurrentValue is null)
            {
                continue;
            }

            var c = (Closure)closure.Entity;
            var key = $"{c.Unit?.Code ?? "*"} {c.StartsOn:yyyy-MM-dd}";
            var old = closure.State == EntityState.Added ? null : await UnitCodeAsync(db, (int?)unit.OriginalValue, ct) ?? "*";
            var entry = entries.LastOrDefault(e => e.EntityType == AuditEntities.Closure && e.EntityKey == key);
            if (entry is not null)
            {
                var changes = entry.Changes is null ? [] : JsonSerializer.Deserialize(entry.Changes, AuditJson.Default.ListFieldChange)!;
                changes.Insert(0, new FieldChange("Unit", old, c.Unit?.Code ?? "*"));
                entries[entries.IndexOf(entry)] = new AuditEntry
                {
                    AtUtc = entry.AtUtc, UserId = entry.UserId, UserName = entry.UserName, EntityType = entry.EntityType, EntityKey = entry.EntityKey,
                    Action = entry.Action, Changes = JsonSerializer.Serialize(changes, AuditJson.Default.ListFieldChange),
                };
            }
        }
    }

    /// <summary>The trail's field of a reviewer's comment on one value: <c>{indicator code}:returnComment</c>.</summary>
    internal const string ReturnNoteField = "returnComment";

    private static readonly HashSet<string> ReportFields = [nameof(MonthlyReport.State), nameof(MonthlyReport.Revision), nameof(MonthlyReport.Comment)];

    private static void CollectFigures(
        List<EntityEntry> tracked, List<AuditEntry> entries, Func<string, string, string, IReadOnlyList<FieldChange>, AuditEntry> entry)
    {
        foreach (var indicator in tracked.Where(e => e.Entity is Indicator && e.State is EntityState.Added or EntityState.Modified))
        {
            var changes = Changes(indicator, [nameof(Indicator.Id), nameof(Indicator.Version)]);
            if (changes.Count > 0)
            {
                entries.Add(entry(AuditEntities.Indicator, ((Indicator)indicator.Entity).Code,
                    indicator.State == EntityState.Added ? AuditActions.Created : AuditActions.Updated, changes));
            }
        }

        foreach (var closure in tracked.Where(e => e.Entity is Closure && e.State is EntityState.Added or EntityState.Modified))
        {
            var c = (Closure)closure.Entity;
            var changes = Changes(closure, [nameof(Closure.Id), nameof(Closure.UnitId), nameof(Closure.Version)]);
            if (changes.Count > 0)
            {
                entries.Add(entry(AuditEntities.Closure, $"{c.Unit?.Code ?? "*"} {c.StartsOn:yyyy-MM-dd}", ActionOf(closure), changes));
            }
        }

        var values = tracked.Where(e => e.Entity is ReportValue && e.State is EntityState.Added or EntityState.Modified).ToList();
        foreach (var reportEntry in tracked.Where(e => e.Entity is MonthlyReport && e.State is EntityState.Added or EntityState.Modified))
        {
            var report = (MonthlyReport)reportEntry.Entity;
            var changes = Changes(reportEntry, [.. reportEntry.Properties.Select(p => p.Metadata.Name).Where(n => !ReportFields.Contains(n))]);
            foreach (var value in values.Where(v => report.Values.Any(own => ReferenceEquals(own, v.Entity))))
            {
                var reported = (ReportValue)value.Entity;
                var code = reported.Indicator.Code;
                var amount = value.Property(nameof(ReportValue.Value));
                var explanation = value.Property(nameof(ReportValue.Explanation));
                if (value.State == EntityState.Added || !Equals(amount.OriginalValue, amount.CurrentValue))
                {
                    changes.Add(new FieldChange(code, value.State == EntityState.Added ? null : Format(amount.OriginalValue), Format(amount.CurrentValue)));
                }

                if (value.State == EntityState.Added ? reported.Explanation is not null : !Equals(explanation.OriginalValue, explanation.CurrentValue))
                {
                    changes.Add(new FieldChange($"{code}:explanation", value.State == EntityState.Added ? null : (string?)explanation.OriginalValue, reported.Explanation));
                }
            }

            var notes = tracked.Where(e => e.Entity is ReturnNote && e.State == EntityState.Added).Select(e => (ReturnNote)e.Entity)
                .Where(note => report.Returns.Any(r => r.Notes.Any(own => ReferenceEquals(own, note))));
            changes.AddRange(notes.Select(note => new FieldChange($"{note.Indicator.Code}:{ReturnNoteField}", null, note.Text)));

            var state = reportEntry.Property(nameof(MonthlyReport.State));
            var action = reportEntry.State == EntityState.Added ? AuditActions.Created
                : !state.IsModified || Equals(state.OriginalValue, state.CurrentValue) ? AuditActions.Updated
                : report.State switch
                {
                    ReportState.Submitted => AuditActions.Submitted,
                    ReportState.Approved => AuditActions.Approved,
                    ReportState.Returned => AuditActions.Returned,
                    _ when state.OriginalValue is ReportState.Submitted => AuditActions.Withdrawn,
                    _ => AuditActions.CorrectionStarted,
                };
            if (changes.Count > 0)
            {
                entries.Add(entry(AuditEntities.Report, $"{report.Unit?.Code ?? report.UnitId.ToString(CultureInfo.InvariantCulture)} {report.Period}", action, changes));
            }
        }
    }

    private static void CollectTraining(
        List<EntityEntry> tracked, List<AuditEntry> entries, Func<string, string, string, IReadOnlyList<FieldChange>, AuditEntry> entry)
    {

        foreach (var e in tracked.Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var (type, key, ignored) = e.Entity switch
            {
                StaffMember s => (AuditEntities.Staff, $"{s.Unit?.Code} {s.Name}", new HashSet<string> { "Id", "UnitId", "Version" }),
                Activity a => (AuditEntities.Activity, $"{a.Unit?.Code} {a.Date:yyyy-MM-dd} {a.Title}", new HashSet<string> { "Id", "UnitId", "Version" }),
                TrainingSession t => (AuditEntities.Training, $"{t.StartsOn:yyyy-MM-dd} {t.Title}", new HashSet<string> { "Id", "Version" }),
                ResourceItem r => (AuditEntities.Resource, $"{r.Unit?.Code} {r.Name}", new HashSet<string> { "Id", "UnitId", "GrantId", "Version" }),
                Delivery d => (AuditEntities.Delivery, $"{d.Unit?.Code} {d.Date:yyyy-MM-dd}", new HashSet<string> { "Id", "UnitId", "Version" }),
                Grant g => (AuditEntities.Grant, $"{g.Year} {g.Title}", new HashSet<string> { "Id", "Version" }),
                UnitStandard u => (AuditEntities.Standard, $"{u.Unit?.Code} {u.Item?.Name}", new HashSet<string> { "UnitId", "ItemId", "Version" }),
                StandardItem i => (AuditEntities.Standard, i.Name, new HashSet<string> { "Id", "SortOrder" }),
                TownshipPopulation p => (AuditEntities.Population, $"{p.Year} {p.Township}", new HashSet<string> { "Id", "Version" }),
                VillagePopulation v => (AuditEntities.Population, $"{v.Year} {v.Unit?.Code}", new HashSet<string> { "Id", "UnitId", "Version" }),
                StatisticsOverride o => (AuditEntities.Statistics, $"{o.Year} {o.FieldCode}", new HashSet<string> { "Id", "Version" }),
                Scores.ScoreComponent c => (AuditEntities.Scores, c.Metric.ToString(), new HashSet<string> { "Id", "SortOrder", "Version" }),
                _ => (null, null, null),
            };
            if (type is null)
            {
                continue;
            }

            var changes = Changes(e, ignored!);
            if (e.Entity is ResourceItem or Delivery)
            {
                // Keys are ids; the trail names the unit by its code and the grant by its title.
                AddReference(e, tracked, changes, "UnitId", "Unit", (Unit u) => (u.Id, u.Code), always: false);
            }

            if (e.Entity is ResourceItem)
            {
                AddReference(e, tracked, changes, "GrantId", "Grant", (Grant g) => (g.Id, g.Title), always: true);
            }

            if (e.Entity is Grant grant)
            {
                AddGrantUnits(e, grant, tracked, changes);
            }

            if (e.Entity is TrainingSession session)
            {
                var own = tracked.Where(a => a.Entity is Attendance attendance
                    && (a.State is EntityState.Added or EntityState.Modified ? session.Attendances.Any(x => ReferenceEquals(x, attendance))
                        : a.State == EntityState.Deleted && attendance.SessionId == session.Id));
                foreach (var attendance in own)
                {
                    var a = (Attendance)attendance.Entity;
                    string? Describe(bool attended, object? hours) => attended ? $"✓ {Format(hours)}" : "✗";
                    var old = attendance.State == EntityState.Added ? null
                        : Describe((bool)attendance.Property(nameof(Attendance.Attended)).OriginalValue!, attendance.Property(nameof(Attendance.CreditedHours)).OriginalValue);
                    var now = attendance.State == EntityState.Deleted ? null : Describe(a.Attended, a.CreditedHours);
                    if (old != now)
                    {
                        changes.Add(new FieldChange(a.StaffMember?.Name ?? a.StaffMemberId.ToString(CultureInfo.InvariantCulture), old, now));
                    }
                }
            }

            if (changes.Count > 0)
            {
                entries.Add(entry(type, key!.Length > AuditEntry.EntityKeyMaxLength ? key[..AuditEntry.EntityKeyMaxLength] : key, ActionOf(e), changes));
            }
        }
    }

    /// <summary>The self-assessment's tree, grades, manual scores and evidence, removals included (with what was removed).</summary>
    private static void CollectAssessment(
        List<EntityEntry> tracked, List<AuditEntry> entries, Func<string, string, string, IReadOnlyList<FieldChange>, AuditEntry> entry)
    {
        ManualScore? ScoreOf(AssessmentEvidence evidence) => tracked.Select(t => t.Entity).OfType<ManualScore>()
            .FirstOrDefault(s => s.Evidence.Contains(evidence) || s.Id == evidence.ScoreId && s.Id != 0);
        foreach (var e in tracked.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var key = e.Entity switch
            {
                AssessmentScheme => "scheme",
                AssessmentSection s => s.NameZh,
                AssessmentItem i => i.Code,
                AssessmentGrade g => g.NameZh,
                ManualScore m => $"{m.Item?.Code} {m.Year}",
                AssessmentEvidence v => ScoreOf(v) is { } score ? $"{score.Item?.Code} {score.Year} {v.OriginalName}" : v.OriginalName,
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            HashSet<string> ignored = ["Id", "SectionId", "SortOrder", "Version", "ItemId", "ScoreId", "StoredName"];
            var changes = e.State == EntityState.Deleted
                ? e.Properties.Where(p => !ignored.Contains(p.Metadata.Name) && !p.Metadata.IsShadowProperty() && p.OriginalValue is not null)
                    .Select(p => new FieldChange(p.Metadata.Name, Format(p.OriginalValue), null)).ToList()
                : Changes(e, ignored);
            if (changes.Count > 0)
            {
                entries.Add(entry(AuditEntities.Assessment, key.Length > AuditEntry.EntityKeyMaxLength ? key[..AuditEntry.EntityKeyMaxLength] : key,
                    e.State == EntityState.Deleted ? AuditActions.Deleted : ActionOf(e), changes));
            }
        }
    }

    /// <summary>A changed reference (on a new record, when <paramref name="always"/>) as what readers know it by, not its id.</summary>
    private static void AddReference<T>(EntityEntry e, List<EntityEntry> tracked, List<FieldChange> changes, string key, string field, Func<T, (int Id, string Text)> describe, bool always)
    {
        var property = e.Property(key);
        var added = e.State == EntityState.Added;
        if (added ? !always || property.CurrentValue is null : Equals(property.OriginalValue, property.CurrentValue))
        {
            return;
        }

        string? Text(object? id) => id is int wanted
            ? tracked.Select(t => t.Entity).OfType<T>().Select(describe).Where(d => d.Id == wanted).Select(d => d.Text).FirstOrDefault()
                ?? wanted.ToString(CultureInfo.InvariantCulture)
            : null;
        changes.Add(new FieldChange(field, added ? null : Text(property.OriginalValue), Text(property.CurrentValue)));
    }

    /// <summary>A grant's units (a join table, not a property) as their codes before and after the save.</summary>
    private static void AddGrantUnits(EntityEntry e, Grant grant, List<EntityEntry> tracked, List<FieldChange> changes)
    {
        static string? Codes(IEnumerable<string> codes) => string.Join(", ", codes.Order(StringComparer.Ordinal)) is { Length: > 0 } text ? text : null;
        var now = Codes(grant.Units.Select(u => u.Code));
        if (e.State == EntityState.Added)
        {
            if (now is not null)
            {
                changes.Add(new FieldChange(nameof(Grant.Units), null, now));
            }

            return;
        }

        var links = tracked.Where(t => t.Metadata.Name == "GrantUnits" && Equals(t.Property("GrantId").CurrentValue, grant.Id)).ToList();
        var codes = tracked.Select(t => t.Entity).OfType<Unit>().GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First().Code);
        var before = Codes(links.Where(l => l.State is EntityState.Unchanged or EntityState.Deleted)
            .Select(l => (int)l.Property("UnitsId").CurrentValue!).Select(id => codes.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture))));
        if (before != now)
        {
            changes.Add(new FieldChange(nameof(Grant.Units), before, now));
        }
    }

    /// <summary>Created, updated, or voided: the save that sets a voidable record's void time.</summary>
    private static string ActionOf(EntityEntry e) =>
        e.State == EntityState.Added ? AuditActions.Created
        : e.Entity is VoidableRecord && e.Property(nameof(VoidableRecord.VoidedAtUtc)) is { IsModified: true, OriginalValue: null, CurrentValue: not null }
            ? AuditActions.Voided
            : AuditActions.Updated;

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

    /// <summary>A value as the trail writes it (invariant: dates yyyy-MM-dd, numbers without trailing zeros).</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
