using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

/// <summary>The indicator catalogue: the standard set (seeded) and administrators' custom indicators.</summary>
public sealed class IndicatorCatalogue(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser)
{
    /// <summary>Adds the standard indicators that are missing (every start).</summary>
    public async Task SeedStandardAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Indicators.Select(i => i.Code).ToListAsync(ct);
        var order = 0;
        foreach (var (code, definition) in StandardIndicators.All)
        {
            order += 10;
            if (!existing.Contains(code))
            {
                db.Indicators.Add(Indicator.Create(code, definition, isStandard: true, order));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<IndicatorInfo>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct)).Select(IndicatorInfo.Of).ToList();
    }

    public async Task<string> AddAsync(string code, IndicatorDefinition definition, CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = (await db.Indicators.MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 10;
        var indicator = Indicator.Create(code, definition, isStandard: false, order);
        if (await db.Indicators.AnyAsync(i => i.Code == indicator.Code, ct))
        {
            throw new DomainException(ErrorCodes.IndicatorDuplicateCode, nameof(Indicator.Code), indicator.Code);
        }

        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        return indicator.Code;
    }

    public Task UpdateAsync(string code, int expectedVersion, IndicatorDefinition definition, CancellationToken ct = default) =>
        ChangeAsync(code, expectedVersion, i => i.Update(definition), ct);

    /// <summary>Deactivated indicators leave the entry form; their reported values stay.</summary>
    public Task SetActiveAsync(string code, int expectedVersion, bool active, CancellationToken ct = default) =>
        ChangeAsync(code, expectedVersion, i => i.SetActive(active), ct);

    private async Task ChangeAsync(string code, int expectedVersion, Action<Indicator> change, CancellationToken ct)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.IndicatorNotFound, null, code);
        if (indicator.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, indicator.Name);
        }

        change(indicator);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, indicator.Name);
        }
    }
}
