using System.Text.Json;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Audit;

/// <summary>Reads the audit trail and records the events that are not data changes (sign-ins).</summary>
public sealed class AuditService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock)
{
    /// <summary>A unit's own trail shows at most this many entries, the newest.</summary>
    public const int UnitTrailLimit = 200;

    /// <summary>A page of the whole trail, newest first, for administrators; the filters run in SQL.</summary>
    public async Task<Page<AuditEntryRecord>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityKey))
        {
            var key = filter.EntityKey.Trim();
            query = query.WhereContainsIgnoringCase(db.Database, key, e => e.EntityKey);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.WhereContainsIgnoringCase(db.Database, user, e => e.UserName);
        }

        if (filter.From is { } from)
        {
            var fromUtc = ToUtc(from);
            query = query.Where(e => e.AtUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = ToUtc(to.AddDays(1));
            query = query.Where(e => e.AtUtc < toUtc);
        }

        return (await query.OrderByDescending(e => e.Id).ToPageAsync(page, ct)).Map(ToRecord);
    }

    /// <summary>A unit's own trail, for everyone who may see the unit.</summary>
    public async Task<IReadOnlyList<AuditEntryRecord>> ForUnitAsync(string code, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = code.Trim().ToUpperInvariant();
        var unit = await db.Units.AsNoTracking().InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == normalized, ct);
        if (unit is null)
        {
            return [];
        }

        var rows = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AuditEntities.Unit && e.EntityKey == normalized)
            .OrderByDescending(e => e.Id)
            .Take(UnitTrailLimit)
            .ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>Records a sign-in, a failed one or a lockout (under the e-mail that was typed).</summary>
    public async Task RecordSignInAsync(string email, string? userId, string action, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var typed = email.Length > AuditEntry.EntityKeyMaxLength ? email[..AuditEntry.EntityKeyMaxLength] : email;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.UtcNow,
            UserId = userId,
            UserName = typed,
            EntityType = AuditEntities.Account,
            EntityKey = typed,
            Action = action,
        });
        await db.SaveChangesAsync(ct);
    }

    private DateTime ToUtc(DateOnly countyDay) =>
        TimeZoneInfo.ConvertTimeToUtc(countyDay.ToDateTime(TimeOnly.MinValue), clock.Zone);

    private static AuditEntryRecord ToRecord(AuditEntry e) => new(
        e.Id,
        e.AtUtc,
        e.UserName,
        e.EntityType,
        e.EntityKey,
        e.Action,
        e.Changes is null ? [] : JsonSerializer.Deserialize(e.Changes, AuditJson.Default.ListFieldChange) ?? []);
}
