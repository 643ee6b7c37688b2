using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Resources;

/// <summary>A resource item as the lists show it; <paramref name="Voided"/> is set for a voided one (listed only when asked for).</summary>
public sealed record ResourceRecord(int Id, string UnitCode, string UnitName, ResourceDetails Details, string? GrantTitle, int Version = 0, VoidInfo? Voided = null);

/// <summary>The resource list's filters: a unit (a branch includes its service points), a category, and whether voided items show.</summary>
public sealed record ResourceFilter(string? UnitCode = null, ResourceCategory? Category = null, bool IncludeVoided = false);

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

/// <summary>The deliveries list's filters: a year, optionally a unit (a branch includes its service points), and whether voided deliveries show.</summary>
public sealed record DeliveryFilter(int Year, string? UnitCode = null, bool IncludeVoided = false);

public sealed record DeliveryRecord(int Id, string UnitCode, string UnitName, DateOnly Date, int Volumes, int NewVolumes, string? Note, int Version = 0, VoidInfo? Voided = null);

/// <summary>A branch's deliveries of a year (its service points included) against the standard.</summary>
public sealed record DeliveryStandard(string BranchCode, string BranchName, int Volumes, int NewVolumes, bool Meets)
{
    public decimal NewShare => Volumes == 0 ? 0 : (decimal)NewVolumes / Volumes;
}

/// <param name="Resources">What was bought with it, as "name × quantity".</param>
/// <param name="Bought">The same items with their unit, for the page that lists and corrects them.</param>
public sealed record GrantRecord(
    int Id, GrantDetails Details, int Version, IReadOnlyList<string> UnitNames, IReadOnlyList<string> Resources, VoidInfo? Voided = null, IReadOnlyList<BoughtItem>? Bought = null);

/// <summary>One resource item a grant paid for.</summary>
public sealed record BoughtItem(int Id, string UnitCode, string UnitName, string Name, decimal Quantity, string MeasureUnit);

/// <summary>The grants list's filters: a year (all years when null), and whether voided grants show.</summary>
public sealed record GrantFilter(int? Year = null, bool IncludeVoided = false);

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

    /// <summary>Every live resource item in the caller's scope (the unit reports read them; the page reads pages).</summary>
    public async Task<IReadOnlyList<ResourceRecord>> ItemsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await ItemRows(db, actor, new ResourceFilter()).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    /// <summary>A page of the resource items in the caller's scope, by unit, category and name; voided ones only when asked for.</summary>
    public async Task<Page<ResourceRecord>> ItemsAsync(ResourceFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ItemRows(db, actor, filter).ToPageAsync(page, ct)).Map(ToRecord);
    }

    private sealed record ItemRow(int Id, string UnitCode, string UnitName, ResourceCategory Category, string Name, decimal Quantity, string MeasureUnit,
        DateOnly? AcquiredOn, int? GrantId, string? GrantTitle, int Version, DateTime? VoidedAtUtc, string? VoidedBy, string? VoidReason);

    private static IQueryable<ItemRow> ItemRows(BranchNetworkDbContext db, Actor actor, ResourceFilter filter)
    {
        var units = db.Units.InScopeOf(actor);
        var items = filter.IncludeVoided ? db.ResourceItems.IgnoreQueryFilters() : db.ResourceItems;
        var query = items.AsNoTracking().Where(i => units.Any(u => u.Id == i.UnitId));
        if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            var code = filter.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(i => i.Unit.Code == code || (i.Unit.Parent != null && i.Unit.Parent.Code == code));
        }

        if (filter.Category is { } category)
        {
            query = query.Where(i => i.Category == category);
        }

        return query.OrderBy(i => i.Unit.Code).ThenBy(i => i.Category).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new ItemRow(i.Id, i.Unit.Code, i.Unit.Name, i.Category, i.Name, i.Quantity, i.MeasureUnit, i.AcquiredOn, i.GrantId,
                i.Grant == null || i.Grant.VoidedAtUtc != null ? null : i.Grant.Title, i.Version, i.VoidedAtUtc, i.VoidedBy, i.VoidReason));
    }

    private static ResourceRecord ToRecord(ItemRow i) => new(i.Id, i.UnitCode, i.UnitName,
        new ResourceDetails(i.Category, i.Name, i.Quantity, i.MeasureUnit, i.AcquiredOn, i.GrantId), i.GrantTitle, i.Version,
        VoidOf(i.VoidedAtUtc, i.VoidedBy, i.VoidReason));

    private static VoidInfo? VoidOf(DateTime? at, string? by, string? reason) => at is { } when ? new VoidInfo(when, by ?? "", reason ?? "") : null;

    /// <summary>Records a resource item; a grant named must fund the item's unit (when it names units at all).</summary>
    public async Task<int> AddItemAsync(string unitCode, ResourceDetails details, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        var grant = await PayingGrantAsync(db, details.GrantId, unit, ct);
        var item = ResourceItem.Create(unit, details, grant, clock.Today);
        db.ResourceItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Corrects a resource item: its unit, category, name, quantity, measure, date or grant.</summary>
    public async Task UpdateItemAsync(int id, int expectedVersion, string unitCode, ResourceDetails details, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemAsync(db, actor, id, ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        var grant = await PayingGrantAsync(db, details.GrantId, unit, ct);
        if (item.Version != expectedVersion)
        {
            throw Conflicts.Of(AuditEntities.Resource, $"{item.Unit.Name} {item.Name}", item,
                ("Unit", item.Unit.Code, unit.Code), (nameof(ResourceItem.Category), item.Category, details.Category), (nameof(ResourceItem.Name), item.Name, details.Name?.Trim()),
                (nameof(ResourceItem.Quantity), item.Quantity, details.Quantity), (nameof(ResourceItem.MeasureUnit), item.MeasureUnit, details.MeasureUnit?.Trim()),
                (nameof(ResourceItem.AcquiredOn), item.AcquiredOn, details.AcquiredOn), ("Grant", item.Grant?.Title, grant?.Title));
        }

        item.Update(unit, details, grant, clock.Today);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Voids a mistaken resource item with a reason: it stays, struck through, and leaves every total.</summary>
    public Task VoidItemAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        VoidAsync(AuditEntities.Resource, (db, actor) => ItemAsync(db, actor, id, ct), i => (i.Version, $"{i.Unit.Name} {i.Name}"), expectedVersion,
            (i, by, at) => i.Void(reason, by, at), ct);

    /// <summary>Loads a record for its void (the caller's scope applies), refuses a stale version naming what happened meanwhile, and voids it.</summary>
    private async Task VoidAsync<T>(string entityType, Func<BranchNetworkDbContext, Actor, Task<T>> load, Func<T, (int Version, string Title)> describe, int expectedVersion,
        Action<T, string, DateTime> voidIt, CancellationToken ct)
        where T : VoidableRecord
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await load(db, actor);
        var (version, title) = describe(record);
        if (version != expectedVersion)
        {
            throw Conflicts.Of(entityType, title, record);
        }

        voidIt(record, actor.Name, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The item, voided or not (a change to a voided one is refused by the item, naming it), with its unit and grant.</summary>
    private static async Task<ResourceItem> ItemAsync(BranchNetworkDbContext db, Actor actor, int id, CancellationToken ct)
    {
        var units = db.Units.InScopeOf(actor);
        return await db.ResourceItems.IgnoreQueryFilters().Include(i => i.Unit).Include(i => i.Grant)
            .FirstOrDefaultAsync(i => i.Id == id && units.Any(u => u.Id == i.UnitId), ct) ?? throw new DomainException(ErrorCodes.ResourceNotFound);
    }

    private static async Task<Grant?> PayingGrantAsync(BranchNetworkDbContext db, int? grantId, Unit unit, CancellationToken ct)
    {
        if (grantId is not { } id)
        {
            return null;
        }

        var grant = await db.Grants.Include(g => g.Units).FirstOrDefaultAsync(g => g.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.GrantNotFound, nameof(ResourceDetails.GrantId));
        return grant.Units.Count == 0 || grant.Units.Any(u => u.Id == unit.Id)
            ? grant
            : throw new DomainException(ErrorCodes.GrantUnitNotFunded, nameof(ResourceDetails.GrantId), grant.Title, unit.Name);
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
        var deliveries = filter.IncludeVoided ? db.Deliveries.IgnoreQueryFilters() : db.Deliveries;
        var query = deliveries.AsNoTracking().Where(d => d.Date >= from && d.Date <= to && units.Any(u => u.Id == d.UnitId));
        if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            // A branch's code takes its service points too, as the standard counts them.
            var code = filter.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(d => d.Unit.Code == code || (d.Unit.Parent != null && d.Unit.Parent.Code == code));
        }

        var rows = await query.OrderByDescending(d => d.Date).ThenBy(d => d.Unit.Code).ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.Unit.Code, d.Unit.Name, d.Date, d.Volumes, d.NewVolumes, d.Note, d.Version, d.VoidedAtUtc, d.VoidedBy, d.VoidReason })
            .ToPageAsync(page, ct);
        return rows.Map(d => new DeliveryRecord(d.Id, d.Code, d.Name, d.Date, d.Volumes, d.NewVolumes, d.Note, d.Version, VoidOf(d.VoidedAtUtc, d.VoidedBy, d.VoidReason)));
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

    /// <summary>Corrects a delivery: its destination, date, volumes or note.</summary>
    public async Task UpdateDeliveryAsync(int id, int expectedVersion, string unitCode, DateOnly date, int volumes, int newVolumes, string? note, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await DeliveryAsync(db, actor, id, ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        if (delivery.Version != expectedVersion)
        {
            throw Conflicts.Of(AuditEntities.Delivery, $"{delivery.Unit.Name} {delivery.Date:yyyy-MM-dd}", delivery,
                ("Unit", delivery.Unit.Code, unit.Code), (nameof(Delivery.Date), delivery.Date, date), (nameof(Delivery.Volumes), delivery.Volumes, volumes),
                (nameof(Delivery.NewVolumes), delivery.NewVolumes, newVolumes), (nameof(Delivery.Note), delivery.Note, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        }

        delivery.Update(unit, date, volumes, newVolumes, note, clock.Today);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Voids a mistaken delivery with a reason: it stays, struck through, and leaves the collection and the standard.</summary>
    public Task VoidDeliveryAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        VoidAsync(AuditEntities.Delivery, (db, actor) => DeliveryAsync(db, actor, id, ct), d => (d.Version, $"{d.Unit.Name} {d.Date:yyyy-MM-dd}"), expectedVersion,
            (d, by, at) => d.Void(reason, by, at), ct);

    private static async Task<Delivery> DeliveryAsync(BranchNetworkDbContext db, Actor actor, int id, CancellationToken ct)
    {
        var units = db.Units.InScopeOf(actor);
        return await db.Deliveries.IgnoreQueryFilters().Include(d => d.Unit)
            .FirstOrDefaultAsync(d => d.Id == id && units.Any(u => u.Id == d.UnitId), ct) ?? throw new DomainException(ErrorCodes.DeliveryNotFound);
    }

    /// <summary>Each branch's deliveries in a year (with its service points), and whether it meets the standard (voided deliveries count nowhere).</summary>
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
    /// The live grants the caller may see: all of them, or for a branch worker those that fund one of their units, each
    /// showing only their units and what was bought for them.
    /// </summary>
    public async Task<IReadOnlyList<GrantRecord>> GrantsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = await GrantRows(db, actor, new GrantFilter()).ToListAsync(ct);
        return await ToRecordsAsync(db, actor, grants, ct);
    }

    /// <summary>A page of the grants the caller may see (as <see cref="GrantsAsync(CancellationToken)"/>), newest year first; voided ones only when asked for.</summary>
    public async Task<Page<GrantRecord>> GrantsAsync(GrantFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var grants = await GrantRows(db, actor, filter).ToPageAsync(page, ct);
        return new Page<GrantRecord>(await ToRecordsAsync(db, actor, grants.Items, ct), grants.Total, grants.Index, grants.Size);
    }

    private static IQueryable<Grant> GrantRows(BranchNetworkDbContext db, Actor actor, GrantFilter filter)
    {
        var units = db.Units.InScopeOf(actor);
        IQueryable<Grant> query = GrantsInScope(db, actor, filter.IncludeVoided).AsNoTracking().Include(g => g.Units.Where(u => units.Any(s => s.Id == u.Id)));
        if (filter.Year is { } year)
        {
            query = query.Where(g => g.Year == year);
        }

        return query.OrderByDescending(g => g.Year).ThenBy(g => g.Title).ThenBy(g => g.Id);
    }

    private static async Task<List<GrantRecord>> ToRecordsAsync(BranchNetworkDbContext db, Actor actor, IReadOnlyList<Grant> grants, CancellationToken ct)
    {
        var units = db.Units.InScopeOf(actor);
        var ids = grants.Select(g => g.Id).ToList();
        var bought = await db.ResourceItems.AsNoTracking().Where(i => i.GrantId != null && ids.Contains(i.GrantId.Value) && units.Any(u => u.Id == i.UnitId))
            .OrderBy(i => i.Unit.Code).ThenBy(i => i.Id)
            .Select(i => new { GrantId = i.GrantId!.Value, Item = new BoughtItem(i.Id, i.Unit.Code, i.Unit.Name, i.Name, i.Quantity, i.MeasureUnit) })
            .ToListAsync(ct);
        var byGrant = bought.ToLookup(b => b.GrantId, b => b.Item);
        return grants.Select(g => new GrantRecord(g.Id,
            new GrantDetails(g.Title, g.Source, g.Amount, g.Year, g.Status, g.Purpose, g.StartedOn, g.CompletedOn, g.AcceptedOn, g.Units.Select(u => u.Code).ToList()),
            g.Version, g.Units.Select(u => u.Name).ToList(),
            byGrant[g.Id].Select(b => $"{b.Name} × {b.Quantity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}").ToList(),
            VoidOf(g.VoidedAtUtc, g.VoidedBy, g.VoidReason), byGrant[g.Id].ToList())).ToList();
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

    private static IQueryable<Grant> GrantsInScope(BranchNetworkDbContext db, Actor actor, bool includeVoided = false)
    {
        var grants = includeVoided ? db.Grants.IgnoreQueryFilters() : db.Grants;
        if (actor.ReadsWholeNetwork)
        {
            return grants;
        }

        var units = db.Units.InScopeOf(actor);
        return grants.Where(g => g.Units.Any(u => units.Any(s => s.Id == u.Id)));
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
        var grant = await db.Grants.IgnoreQueryFilters().Include(g => g.Units).FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new DomainException(ErrorCodes.GrantNotFound);
        var units = await UnitsAsync(db, details.UnitCodes, ct);
        if (grant.Version != expectedVersion)
        {
            static string Codes(IEnumerable<Unit> units) => string.Join(", ", units.Select(u => u.Code).Order(StringComparer.Ordinal));
            throw Conflicts.Of(AuditEntities.Grant, grant.Title, grant,
                (nameof(Grant.Title), grant.Title, details.Title?.Trim()), (nameof(Grant.Source), grant.Source, details.Source?.Trim()),
                (nameof(Grant.Amount), grant.Amount, details.Amount), (nameof(Grant.Year), grant.Year, details.Year), (nameof(Grant.Status), grant.Status, details.Status),
                (nameof(Grant.Purpose), grant.Purpose, string.IsNullOrWhiteSpace(details.Purpose) ? null : details.Purpose.Trim()),
                (nameof(Grant.StartedOn), grant.StartedOn, details.StartedOn), (nameof(Grant.CompletedOn), grant.CompletedOn, details.CompletedOn),
                (nameof(Grant.AcceptedOn), grant.AcceptedOn, details.AcceptedOn), (nameof(Grant.Units), Codes(grant.Units), Codes(units)));
        }

        grant.Update(details, units);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Voids a mistaken grant with a reason: it stays, struck through, and leaves the totals. What it bought stays
    /// recorded (the equipment is there), shown without the voided grant's title.
    /// </summary>
    public Task VoidGrantAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        VoidAsync(AuditEntities.Grant,
            async (db, _) => await db.Grants.IgnoreQueryFilters().FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new DomainException(ErrorCodes.GrantNotFound),
            g => (g.Version, g.Title), expectedVersion, (g, by, at) => g.Void(reason, by, at), ct);

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
