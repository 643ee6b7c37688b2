using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

public sealed record ClosureRecord(int Id, string? UnitCode, string? UnitName, DateOnly StartsOn, DateOnly EndsOn, string Reason);

/// <summary>Recorded closures (the whole network or one unit). Head staff record them; everyone reads them.</summary>
public sealed class ClosureService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<ClosureRecord>> ListAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Units.InScopeOf(actor).Select(u => u.Id);
        return await db.Closures.AsNoTracking()
            .Where(c => c.UnitId == null || visible.Contains(c.UnitId.Value))
            .OrderByDescending(c => c.StartsOn)
            .Select(c => new ClosureRecord(c.Id, c.Unit != null ? c.Unit.Code : null, c.Unit != null ? c.Unit.Name : null, c.StartsOn, c.EndsOn, c.Reason))
            .ToListAsync(ct);
    }

    /// <param name="unitCode">Null or empty: the whole network.</param>
    public async Task AddAsync(string? unitCode, DateOnly startsOn, DateOnly endsOn, string reason, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Unit? unit = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim().ToUpperInvariant();
            unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct)
                ?? throw new DomainException(ErrorCodes.UnitNotFound, "UnitCode", unitCode);
        }

        db.Closures.Add(Closure.Create(unit, startsOn, endsOn, reason));
        await db.SaveChangesAsync(ct);
    }
}
