using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Resources;

public sealed record ResourceRecord(int Id, string UnitCode, string UnitName, ResourceDetails Details, string? GrantTitle);

/// <summary>What a unit holds: resource items summed by category, and the volumes delivered to it.</summary>
public sealed record Holdings(IReadOnlyDictionary<ResourceCategory, decimal> Totals, int DeliveredVolumes)
{
    public static readonly Holdings None = new(new Dictionary<ResourceCategory, decimal>(), 0);

    /// <summary>Volumes held: the collection recorded plus every volume delivered.</summary>
    public decimal Collection => Totals.GetValueOrDefault(ResourceCategory.Collection) + DeliveredVolumes;

    /// <summary>Public computers: the items of the category <see cref="ResourceCategory.Computers"/>.</summary>
    public decimal PublicComputers => Totals.GetValueOrDefault(ResourceCategory.Computers);
}

/// <summary>A unit's holdings beside its seats and floor area, which come from its profile.</summary>
public sealed record UnitResources(string UnitCode, string UnitName, UnitKind Kind, Holdings Holdings, int? Seats, decimal? FloorArea);

/// <summary>The deliveries list's filters: a year, and optionally a unit (a branch includes its service points).</summary>
public sealed record DeliveryFilter(int Year, string? UnitCode = null);

public sealed record DeliveryRecord(int Id, string UnitCode, string UnitName, DateOnly Date, int Volumes, int NewVolumes, string? Note);

/// <summary>A branch's deliveries of a year (its service points included) against the standard.</summary>
public sealed record DeliveryStandard(string BranchCode, string BranchName, int Volumes, int NewVolumes, bool Meets)
{
    public decimal NewShare => Volumes == 0 ? 0 : (decimal)NewVolumes / Volumes;
}

public sealed record GrantRecord(int Id, GrantDetails Details, int Version, IReadOnlyList<string> UnitNames, IReadOnlyList<string> Resources);

public sealed record GrantTotal(string Source, int Year, decimal Amount, int Count);

/// <summary>
/// Resources, book deliveries and funding projects. Head-library staff record deliveries and grants; a branch
/// worker records their own units' resources; everyone reads within their scope.
/// </summary>
public sealed class ResourcesService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, CountyClock clock)
{
    /// <summary>A common standard: at least 500 volumes a year per branch, at least half of them new.</summary>
    public const int StandardVolumes = 500;
    public const decimal StandardNewShare = 0.5m;

    public async Task<IReadOnlyList<ResourceRecord>> ItemsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var items = await db.ResourceItems.AsNoTracking().Include(i => i.Unit).Include(i => i.Grant)
            .Where(i => units.Any(u => u.Id == i.UnitId)).OrderBy(i => i.Unit.Code).ThenBy(i => i.Category).ToListAsync(ct);
        return items.Select(i => new ResourceRecord(i.Id, i.Unit.Code, i.Unit.Name,
            new ResourceDetails(i.Category, i.Name, i.Quantity, i.MeasureUnit, i.AcquiredOn, i.GrantId), i.Grant?.Title)).ToList();
    }

    public async Task<int> AddItemAsync(string unitCode, ResourceDetails details, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        Grant? grant = null;
        if (details.GrantId is { } grantId)
        {
            grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId, ct) ?? throw new DomainException(ErrorCodes.GrantNotFound, nameof(details.GrantId));
        }

        var item = ResourceItem.Create(unit, details, grant, clock.Today);
        db.ResourceItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Current holdings per unit (the collection including every delivery), with seats and floor area from the profile.</summary>
    public async Task<IReadOnlyList<UnitResources>> TotalsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.Seats, u.FloorArea }).ToListAsync(ct);
        var holdings = await HoldingsAsync(db, units.Select(u => u.Id).ToList(), clock.Today, ct);
        return units.Select(u => new UnitResources(u.Code, u.Name, u.Kind, holdings.GetValueOrDefault(u.Id, Holdings.None), u.Seats, u.FloorArea)).ToList();
    }

    /// <summary>
    /// What each unit held on a day: its resource items acquired by then (or undated) by category, and the volumes
    /// delivered by then. The one definition behind the resource totals and the checklist's computers and volumes.
    /// </summary>
    internal static async Task<Dictionary<int, Holdings>> HoldingsAsync(BranchNetworkDbContext db, List<int> unitIds, DateOnly asOf, CancellationToken ct)
    {
        var items = await db.ResourceItems.AsNoTracking().Where(i => unitIds.Contains(i.UnitId) && (i.AcquiredOn == null || i.AcquiredOn <= asOf))
            .GroupBy(i => new { i.UnitId, i.Category }).Select(g => new { g.Key.UnitId, g.Key.Category, Quantity = g.Sum(i => i.Quantity) }).ToListAsync(ct);
        var delivered = await db.Deliveries.AsNoTracking().Where(d => unitIds.Contains(d.UnitId) && d.Date <= asOf)
            .GroupBy(d => d.UnitId).Select(g => new { UnitId = g.Key, Volumes = g.Sum(d => d.Volumes) }).ToDictionaryAsync(d => d.UnitId, d => d.Volumes, ct);
        var byUnit = items.ToLookup(i => i.UnitId);
        return byUnit.Select(g => g.Key).Union(delivered.Keys).ToDictionary(id => id,
            id => new Holdings(byUnit[id].ToDictionary(i => i.Category, i => i.Quantity), delivered.GetValueOrDefault(id)));
    }

    /// <summary>A page of a year's deliveries in the caller's scope, newest first.</summary>
    public async Task<Page<DeliveryRecord>> DeliveriesAsync(DeliveryFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var (from, to) = (new DateOnly(filter.Year, 1, 1), new DateOnly(filter.Year, 12, 31));
        var query = db.Deliveries.AsNoTracking().Where(d => d.Date >= from && d.Date <= to && units.Any(u => u.Id == d.UnitId));
        if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            // A branch's code takes its service points too, as the standard counts them.
            var code = filter.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(d => d.Unit.Code == code || (d.Unit.Parent != null && d.Unit.Parent.Code == code));
        }

        return await query.OrderByDescending(d => d.Date).ThenBy(d => d.Unit.Code).ThenByDescending(d => d.Id)
            .Select(d => new DeliveryRecord(d.Id, d.Unit.Code, d.Unit.Name, d.Date, d.Volumes, d.NewVolumes, d.Note))
            .ToPageAsync(page, ct);
    }

    public async Task<int> AddDeliveryAsync(string unitCode, DateOnly date, int volumes, int newVolumes, string? note, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        var delivery = Delivery.Create(unit, date, volumes, newVolumes, note, clock.Today);
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return delivery.Id;
    }

    /// <summary>Each branch's deliveries in a year (with its service points), and whether it meets the standard.</summary>
    public async Task<IReadOnlyList<DeliveryStandard>> StandardAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var branches = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind == UnitKind.Branch).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var rows = await db.Deliveries.AsNoTracking().Where(d => d.Date.Year == year)
            .Select(d => new { BranchId = d.Unit.Kind == UnitKind.Branch ? d.UnitId : d.Unit.ParentId, d.Volumes, d.NewVolumes })
            .ToListAsync(ct);
        return branches.Select(b =>
        {
            var volumes = rows.Where(r => r.BranchId == b.Id).Sum(r => r.Volumes);
            var fresh = rows.Where(r => r.BranchId == b.Id).Sum(r => r.NewVolumes);
            return new DeliveryStandard(b.Code, b.Name, volumes, fresh, volumes >= StandardVolumes && fresh >= volumes * StandardNewShare);
        }).ToList();
    }

    /// <summary>
    /// The grants the caller may see: all of them, or for a branch worker those that fund one of their units, each
    /// showing only their units and what was bought for them.
    /// </summary>
    public async Task<IReadOnlyList<GrantRecord>> GrantsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var grants = await GrantsInScope(db, actor).AsNoTracking().Include(g => g.Units.Where(u => units.Any(s => s.Id == u.Id)))
            .OrderByDescending(g => g.Year).ThenBy(g => g.Title).ToListAsync(ct);
        var bought = (await db.ResourceItems.AsNoTracking().Where(i => i.GrantId != null && units.Any(u => u.Id == i.UnitId))
                .Select(i => new { i.GrantId, i.Name, i.Quantity }).ToListAsync(ct))
            .Select(i => new { i.GrantId, Text = $"{i.Name} × {i.Quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}" })
            .ToList();
        return grants.Select(g => new GrantRecord(g.Id,
            new GrantDetails(g.Title, g.Source, g.Amount, g.Year, g.Status, g.Purpose, g.StartedOn, g.CompletedOn, g.AcceptedOn, g.Units.Select(u => u.Code).ToList()),
            g.Version, g.Units.Select(u => u.Name).ToList(), bought.Where(b => b.GrantId == g.Id).Select(b => b.Text).ToList())).ToList();
    }

    /// <summary>Totals by source and year of the grants the caller may see (money summed exactly, in memory).</summary>
    public async Task<IReadOnlyList<GrantTotal>> GrantTotalsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = await GrantsInScope(db, actor).AsNoTracking().Select(g => new { g.Source, g.Year, g.Amount }).ToListAsync(ct);
        return grants.GroupBy(g => (g.Source, g.Year)).Select(g => new GrantTotal(g.Key.Source, g.Key.Year, g.Sum(x => x.Amount), g.Count()))
            .OrderByDescending(t => t.Year).ThenByDescending(t => t.Amount).ToList();
    }

    private static IQueryable<Grant> GrantsInScope(BranchNetworkDbContext db, Actor actor)
    {
        if (actor.ReadsWholeNetwork)
        {
            return db.Grants;
        }

        var units = db.Units.InScopeOf(actor);
        return db.Grants.Where(g => g.Units.Any(u => units.Any(s => s.Id == u.Id)));
    }

    public async Task<int> AddGrantAsync(GrantDetails details, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grant = Grant.Create(details, await UnitsAsync(db, details.UnitCodes, ct));
        db.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return grant.Id;
    }

    public async Task UpdateGrantAsync(int id, int expectedVersion, GrantDetails details, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grant = await db.Grants.Include(g => g.Units).FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new DomainException(ErrorCodes.GrantNotFound);
        if (grant.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, grant.Title);
        }

        grant.Update(details, await UnitsAsync(db, details.UnitCodes, ct));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<Unit>> UnitsAsync(BranchNetworkDbContext db, IReadOnlyList<string>? codes, CancellationToken ct)
    {
        var wanted = (codes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        var units = await db.Units.Where(u => wanted.Contains(u.Code)).ToListAsync(ct);
        return units.Count == wanted.Count ? units : throw new DomainException(ErrorCodes.UnitNotFound, "UnitCodes", string.Join(", ", wanted.Except(units.Select(u => u.Code))));
    }

    private static async Task<Unit> UnitAsync(BranchNetworkDbContext db, Actor actor, string unitCode, CancellationToken ct)
    {
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        return await db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, "UnitCode", unitCode ?? "");
    }


}
