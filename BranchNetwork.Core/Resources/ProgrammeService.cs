using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Resources;

public sealed record BatchProgress(int? BatchYear, UnitKind Kind, int Plaqued, int Total);

/// <summary>
/// One checklist item for one unit. A measured item (<see cref="IsMeasured"/>) carries its rule, its line and what was
/// measured (<see cref="Measured"/>, or <see cref="MeasuredOn"/> for the plaque date), and its <see cref="Met"/> is
/// computed; any other item is met by its recorded evidence.
/// </summary>
public sealed record ChecklistRow(
    int ItemId,
    string Item,
    bool Met,
    string? Note,
    string? Photo,
    int Version,
    StandardRule Rule = StandardRule.None,
    decimal? Threshold = null,
    decimal? Measured = null,
    DateOnly? MeasuredOn = null)
{
    public bool IsMeasured => Rule != StandardRule.None;
}

/// <summary>What an administrator sets for a checklist item: its name, the rule measuring it (None: met by evidence) with its line, and whether it is on the checklist.</summary>
public sealed record ChecklistItemDefinition(string Name, StandardRule Rule = StandardRule.None, decimal? Threshold = null, bool IsActive = true);

public sealed record ChecklistItemRecord(int Id, ChecklistItemDefinition Definition);

/// <summary>Where uploaded evidence photos live (under App_Data unless configured), and how large they may be.</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    public string Folder { get; set; } = "";

    public long MaxBytes { get; set; } = 2 * 1024 * 1024;
}

/// <summary>
/// The plaque and standards programme: construction batches and how far each is plaqued, and the standards
/// checklist per unit: items measured from the portal's data (<see cref="StandardRules"/>) and items met by evidence
/// (a note and a photo). Photos are checked by their whole structure (<see cref="ImageCheck"/>), stored under a generated name inside the photo
/// folder, and served only to those who may see the unit.
/// </summary>
public sealed class ProgrammeService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    PhotoStore photos,
    CountyClock clock,
    FiguresService figures,
    TrainingService training)
{
    public async Task<IReadOnlyList<BatchProgress>> BatchesAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Select(u => new { u.BatchYear, u.Kind, Plaqued = u.PlaquedOn != null }).ToListAsync(ct);
        return units.GroupBy(u => (u.BatchYear, u.Kind)).OrderBy(g => g.Key.BatchYear ?? 0).ThenBy(g => g.Key.Kind)
            .Select(g => new BatchProgress(g.Key.BatchYear, g.Key.Kind, g.Count(u => u.Plaqued), g.Count())).ToList();
    }

    public async Task<IReadOnlyList<string>> ItemsAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).Select(i => i.Name).ToListAsync(ct);
    }

    /// <summary>Adds a checklist item; with a rule other than None the portal measures it against the line <paramref name="threshold"/>.</summary>
    public async Task<int> AddItemAsync(string name, StandardRule rule = StandardRule.None, decimal? threshold = null, CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = (await db.StandardItems.MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 10;
        var item = StandardItem.Create(name, order, rule, threshold);
        db.StandardItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Every checklist item, the inactive ones too, in checklist order (for the administrators who define them).</summary>
    public async Task<IReadOnlyList<ChecklistItemRecord>> AllItemsAsync(CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.StandardItems.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        return items.Select(i => new ChecklistItemRecord(i.Id, Definition(i))).ToList();
    }

    /// <summary>
    /// Changes a checklist item. An item has no version column: what the administrator read (<paramref name="expected"/>)
    /// is its version — four short fields — so a change made meanwhile is refused naming both values.
    /// </summary>
    public async Task UpdateItemAsync(int id, ChecklistItemDefinition expected, ChecklistItemDefinition changed, CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await db.StandardItems.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new DomainException(ErrorCodes.StandardNotFound);
        var stored = Definition(item);
        if (stored != expected with { Name = expected.Name.Trim() })
        {
            throw Conflicts.Changed(Audit.AuditEntities.Standard, item.Name,
                (nameof(StandardItem.Name), stored.Name, changed.Name?.Trim()), (nameof(StandardItem.Rule), stored.Rule, changed.Rule),
                (nameof(StandardItem.Threshold), stored.Threshold, changed.Threshold), (nameof(StandardItem.IsActive), stored.IsActive, changed.IsActive));
        }

        item.Update(changed.Name, changed.Rule, changed.Threshold, changed.IsActive);
        await db.SaveChangesAsync(ct);
    }

    private static ChecklistItemDefinition Definition(StandardItem i) => new(i.Name, i.Rule, i.Threshold, i.IsActive);

    /// <summary>A unit's checklist for the current year.</summary>
    /// <returns>Null when the unit does not exist or lies outside the caller's scope.</returns>
    public Task<IReadOnlyList<ChecklistRow>?> ChecklistAsync(string unitCode, CancellationToken ct = default) =>
        ChecklistAsync(unitCode, clock.Today.Year, ct);

    /// <summary>A unit's checklist for a year (learning hours and reports of that year, holdings at its end).</summary>
    /// <returns>Null when the unit does not exist or lies outside the caller's scope.</returns>
    public async Task<IReadOnlyList<ChecklistRow>?> ChecklistAsync(string unitCode, int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        var units = await FactsOf(db.Units.InScopeOf(actor).Where(u => u.Code == code)).ToListAsync(ct);
        return units.Count == 0 ? null : (await EvaluateAsync(db, units, year, ct))[code];
    }

    /// <summary>
    /// Every branch's and service point's checklist in the caller's scope for a year, by unit code, in a fixed number of
    /// queries whatever the size of the network.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ChecklistRow>>> ChecklistsAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await FactsOf(db.Units.InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)).ToListAsync(ct);
        return await EvaluateAsync(db, units, year, ct);
    }

    /// <summary>
    /// Records the evidence for an item (a note and optionally a new photo, JPEG or PNG) and, for an item met by
    /// evidence, whether the unit meets it (<paramref name="met"/> null keeps what was recorded). A measured item's
    /// verdict is computed: giving <paramref name="met"/> for it is refused.
    /// </summary>
    public async Task SetAsync(string unitCode, int itemId, int expectedVersion, bool? met, string? note, byte[]? photo, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct) ?? throw new DomainException(ErrorCodes.UnitNotFound, null, unitCode);
        var item = await db.StandardItems.FirstOrDefaultAsync(i => i.Id == itemId && i.IsActive, ct) ?? throw new DomainException(ErrorCodes.StandardNotFound);
        if (item.IsMeasured && met is not null)
        {
            throw new DomainException(ErrorCodes.StandardMeasured, "Met", item.Name);
        }

        var state = await db.UnitStandards.FirstOrDefaultAsync(s => s.UnitId == unit.Id && s.ItemId == itemId, ct);
        if ((state?.Version ?? 0) != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, item.Name);
        }

        var extension = photo is null ? null : photos.Check(photo);

        if (state is null)
        {
            state = UnitStandard.Start(unit, item);
            db.UnitStandards.Add(state);
        }

        // The photo is stored with the change, in one save; the photo it replaces goes once the change is saved (no record
        // points at it any more).
        var folder = unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = photo is null ? null : photos.Add(db, folder, photo, extension!);
        var replaced = stored is null ? null : state.Photo;
        state.Set(met ?? state.Met, note, stored);
        await db.SaveChangesAsync(ct);
        if (replaced is not null)
        {
            await photos.DeleteAsync(db, folder, replaced, ct);
        }
    }

    /// <summary>A stored photo of a unit the caller may see; null otherwise (or for any name that is not ours).</summary>
    public async Task<StoredPhoto?> PhotoAsync(string unitCode, string fileName, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.CanRead || !PhotoStore.IsOurs(fileName))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        if (unit is null || !await db.UnitStandards.AnyAsync(s => s.UnitId == unit.Id && s.Photo == fileName, ct))
        {
            return null;
        }

        return await photos.ServedAsync(db, unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fileName, ct);
    }

    private sealed record UnitRow(int Id, string Code, UnitKind Kind, UnitStatus Status, DateOnly? OpenedOn, DateOnly? PlaquedOn,
        decimal? OpeningHoursPerWeek, int? Seats, decimal? FloorArea);

    private static IQueryable<UnitRow> FactsOf(IQueryable<Unit> units) => units.AsNoTracking()
        .Select(u => new UnitRow(u.Id, u.Code, u.Kind, u.Status, u.OpenedOn, u.PlaquedOn, u.OpeningHoursPerWeek, u.Seats, u.FloorArea));

    /// <summary>The checklists of the given units: one query per kind of fact, only for the rules the active items use.</summary>
    private async Task<Dictionary<string, IReadOnlyList<ChecklistRow>>> EvaluateAsync(BranchNetworkDbContext db, List<UnitRow> units, int year, CancellationToken ct)
    {
        if (year is < 1949 or > 2100)
        {
            throw new DomainException(ErrorCodes.BatchYearOutOfRange, "Year");
        }

        var items = await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var states = await db.UnitStandards.AsNoTracking().Where(s => ids.Contains(s.UnitId)).ToDictionaryAsync(s => (s.UnitId, s.ItemId), ct);
        var rules = items.Select(i => i.Rule).ToHashSet();
        var holdings = rules.Contains(StandardRule.PublicComputers) || rules.Contains(StandardRule.Volumes)
            ? await ResourcesService.HoldingsAsync(db, ids, new DateOnly(year, 12, 31), ct)
            : [];
        var hours = rules.Contains(StandardRule.StaffLearningHours)
            ? (await training.HoursAsync(year, ct)).Units.ToDictionary(u => u.UnitCode, u => u.Hours)
            : [];
        var submitted = rules.Contains(StandardRule.ReportsOnTime) ? await SubmittedAsync(db, ids, year, ct) : [];

        return units.ToDictionary(u => u.Code, u =>
        {
            var held = holdings.GetValueOrDefault(u.Id, Holdings.None);
            var due = StandardRules.DueMonths(u.Kind, u.Status, u.OpenedOn, year, clock.Today, figures.DueOn).ToList();
            var facts = new UnitFacts(year, u.PlaquedOn, u.OpeningHoursPerWeek, u.Seats, u.FloorArea, held.PublicComputers, held.Collection,
                hours.GetValueOrDefault(u.Code), due.Count,
                due.Count(p => submitted.TryGetValue((u.Id, p.Key), out var on) && on <= figures.DueOn(p)));
            return (IReadOnlyList<ChecklistRow>)items.Select(i =>
            {
                var state = states.GetValueOrDefault((u.Id, i.Id));
                var measured = StandardRules.Measure(i.Rule, i.Threshold, facts);
                return new ChecklistRow(i.Id, i.Name, measured?.Met ?? state?.Met ?? false, state?.Note, state?.Photo, state?.Version ?? 0,
                    i.Rule, i.Threshold, measured?.Value, measured?.On);
            }).ToList();
        });
    }

    /// <summary>The county day each unit's report of each month of the year was (last) submitted.</summary>
    private async Task<Dictionary<(int UnitId, int PeriodKey), DateOnly>> SubmittedAsync(BranchNetworkDbContext db, List<int> ids, int year, CancellationToken ct)
    {
        var (from, to) = (new Period(year, 1).Key, new Period(year, 12).Key);
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => ids.Contains(r.UnitId) && r.PeriodKey >= from && r.PeriodKey <= to && r.SubmittedAtUtc != null)
            .Select(r => new { r.UnitId, r.PeriodKey, r.SubmittedAtUtc }).ToListAsync(ct);
        return reports.ToDictionary(r => (r.UnitId, r.PeriodKey), r => DateOnly.FromDateTime(clock.ToLocal(r.SubmittedAtUtc!.Value)));
    }

    private static Task<Unit?> UnitAsync(BranchNetworkDbContext db, Actor actor, string unitCode, CancellationToken ct)
    {
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        return db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code, ct);
    }

}
