using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

/// <param name="Void">Set for a voided closure (listed only when asked for, struck through).</param>
public sealed record ClosureRecord(int Id, string? UnitCode, string? UnitName, DateOnly StartsOn, DateOnly EndsOn, string Reason, int Version = 0,
    VoidInfo? Void = null);

/// <summary>
/// Recorded closures (the whole network or one unit). Head staff record, correct and void them; everyone reads them.
/// A voided closure closes no month (the DbContext's filter leaves it out of every query but the list that asks).
/// </summary>
public sealed class ClosureService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<ClosureRecord>> ListAsync(CancellationToken ct = default) => await ListAsync(false, ct);

    /// <param name="includeVoided">Also the voided closures, for those who look for them.</param>
    public async Task<IReadOnlyList<ClosureRecord>> ListAsync(bool includeVoided, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Units.InScopeOf(actor).Select(u => u.Id);
        var closures = includeVoided ? db.Closures.IgnoreQueryFilters() : db.Closures;
        return await closures.AsNoTracking()
            .Where(c => c.UnitId == null || visible.Contains(c.UnitId.Value))
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => new ClosureRecord(c.Id, c.Unit != null ? c.Unit.Code : null, c.Unit != null ? c.Unit.Name : null, c.StartsOn, c.EndsOn, c.Reason,
                c.Version, c.VoidedAtUtc != null ? new VoidInfo(c.VoidedAtUtc.Value, c.VoidedBy ?? "", c.VoidReason ?? "") : null))
            .ToListAsync(ct);
    }

    /// <param name="unitCode">Null or empty: the whole network.</param>
    public async Task AddAsync(string? unitCode, DateOnly startsOn, DateOnly endsOn, string reason, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, unitCode, ct);
        db.Closures.Add(Closure.Create(unit, startsOn, endsOn, reason));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Corrects a closure; refused when someone changed it since <paramref name="expectedVersion"/>, naming both versions.</summary>
    public async Task UpdateAsync(int id, int expectedVersion, string? unitCode, DateOnly startsOn, DateOnly endsOn, string reason, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closure = await FindAsync(db, id, ct);
        var unit = await UnitAsync(db, unitCode, ct);
        if (closure.Version != expectedVersion)
        {
            throw Conflicts.Of(AuditEntities.Closure, Describe(closure.Unit?.Code, closure.StartsOn, closure.EndsOn, closure.Reason), closure,
                ("Unit", closure.Unit?.Code, unit?.Code), (nameof(Closure.StartsOn), closure.StartsOn, startsOn), (nameof(Closure.EndsOn), closure.EndsOn, endsOn),
                (nameof(Closure.Reason), closure.Reason, reason.Trim()));
        }

        closure.Update(unit, startsOn, endsOn, reason);
        await SaveAsync(db, closure, ct);
    }

    /// <summary>Voids a mistaken closure with a reason: it is kept, shown struck through, and closes no month any more.</summary>
    public async Task VoidAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closure = await FindAsync(db, id, ct);
        if (closure.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, Describe(closure.Unit?.Code, closure.StartsOn, closure.EndsOn, closure.Reason));
        }

        closure.Void(reason, actor.Name, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, closure, ct);
    }

    private static async Task<Closure> FindAsync(BranchNetworkDbContext db, int id, CancellationToken ct) =>
        await db.Closures.IgnoreQueryFilters().Include(c => c.Unit).FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.ClosureNotFound);

    private static async Task<Unit?> UnitAsync(BranchNetworkDbContext db, string? unitCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(unitCode))
        {
            return null;
        }

        var code = unitCode.Trim().ToUpperInvariant();
        return await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, "UnitCode", unitCode);
    }

    private static string Describe(string? unitCode, DateOnly startsOn, DateOnly endsOn, string reason) =>
        $"{unitCode ?? "*"} {startsOn:yyyy-MM-dd}–{endsOn:yyyy-MM-dd} {reason}";

    private static async Task SaveAsync(BranchNetworkDbContext db, Closure closure, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, Describe(closure.Unit?.Code, closure.StartsOn, closure.EndsOn, closure.Reason));
        }
    }
}
