using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Statistics;

/// <summary>
/// Fills the annual statistical return from the portal's records by the rules of <see cref="ReturnForm"/>, and keeps
/// the overrides. The return is a county output: whole-network readers see it, head-library staff and administrators
/// override; every figure from the monthly reports is counted by <see cref="CountedFigures"/> on the official basis.
/// </summary>
public sealed class StatisticsReturnService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    CountyClock clock)
{
    public const int FirstYear = 2000;

    /// <summary>A year a return can be drawn for: from 2000 to the year of the last ended month.</summary>
    public bool IsDrawable(int year) => year >= FirstYear && year <= figures.LastFullMonth.Year;

    /// <returns>Null for a year out of range.</returns>
    public async Task<StatisticsReturn?> FillAsync(int year, CancellationToken ct = default)
    {
        await WholeNetworkReaderAsync();
        if (!IsDrawable(year))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (january, december) = (new Period(year, 1), new Period(year, 12));
        var last = december <= figures.LastFullMonth ? december : figures.LastFullMonth;
        var ended = Period.Range(january, last).ToList();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).Select(u => new UnitFacts(u.Id, u.Code, u.Name, u.Kind, u.FloorArea, u.Seats)).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        var named = ReturnForm.Fields.Where(f => f.Rule.Kind is SourceKind.CountedSum or SourceKind.YearEnd)
            .Select(f => indicators.TryGetValue(f.Rule.Indicator(), out var i) ? i.Id : (int?)null).OfType<int>().Distinct().ToList();
        var counted = await CountedFigures.LoadAsync(db, db.Units, january, december, named, ct);
        var due = await CountedFigures.DueFactsAsync(db, db.Units, ct);
        var openAtEnd = units.Where(u => due[u.Id].IsDue(last)).ToList();
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).Select(s => s.Title).ToListAsync(ct);
        var (from, to) = (january.FirstDay, december.LastDay);
        var activities = await db.Activities.AsNoTracking().Where(a => a.Date >= from && a.Date <= to).Select(a => new { a.Category, a.Participants }).ToListAsync(ct);
        var grants = await db.Grants.AsNoTracking().Where(g => g.Year == year).Select(g => g.Amount).ToListAsync(ct);
        var overrides = await db.StatisticsOverrides.AsNoTracking().Where(o => o.Year == year).ToListAsync(ct);
        var approved = await db.MonthlyReports.AnyAsync(r => r.State == ReportState.Approved && r.PeriodKey >= january.Key && r.PeriodKey <= december.Key, ct);

        FilledField Fill(ReturnField field)
        {
            var rule = field.Rule;
            var entry = overrides.FirstOrDefault(o => o.FieldCode == field.Code) is { } o
                ? new OverrideInfo(o.Id, o.Version, o.Value, o.Reason, o.SetBy, o.SetAtUtc) : null;
            FilledField Counted(decimal? value, int records, int of = -1) => new(field, value, null, records, of < 0 ? records : of, entry);
            switch (rule.Kind)
            {
                case SourceKind.CountedSum or SourceKind.YearEnd when indicators.TryGetValue(rule.Indicator(), out var indicator):
                    var months = rule.Kind == SourceKind.YearEnd ? (december <= last ? [december] : []) : ended;
                    var reporting = units.Where(u => indicator.AppliesToKind(u.Kind)).ToList();
                    var completeness = Completeness(counted, reporting, months, rule.Kind == SourceKind.YearEnd ? 1 : 12, indicator.Id);
                    var value = months.Count == 0 ? (decimal?)null : counted.Sum(reporting.Select(u => u.Id), months, indicator.Id).Approved;
                    return new FilledField(field, value, completeness, completeness.DueUnits, completeness.DueUnits, entry);
                case SourceKind.UnitCount:
                    return Counted(openAtEnd.Count(u => rule.UnitKinds().Contains(u.Kind)), openAtEnd.Count(u => rule.UnitKinds().Contains(u.Kind)));
                case SourceKind.StaffCount:
                    var counting = staff.Where(t => rule.Titles().Count == 0 || rule.Titles().Contains(t)).Count();
                    return Counted(counting, counting);
                case SourceKind.ActivityCount or SourceKind.ActivityParticipants:
                    var held = activities.Where(a => rule.Categories().Count == 0 || rule.Categories().Contains(a.Category)).ToList();
                    return Counted(rule.Kind == SourceKind.ActivityCount ? held.Count : held.Sum(a => a.Participants), held.Count);
                case SourceKind.UnitProfileSum:
                    var seats = rule.Arguments[0] == nameof(Unit.Seats);
                    var filled = openAtEnd.Where(u => (seats ? u.Seats : u.FloorArea) is not null).ToList();
                    var missing = openAtEnd.Except(filled).Select(u => new MissingUnit(u.Code, u.Name, [])).ToList();
                    var sum = filled.Sum(u => seats ? u.Seats!.Value : u.FloorArea!.Value);
                    return new FilledField(field, sum, new FieldCompleteness(openAtEnd.Count, filled.Count, 0, 0, 0, missing), filled.Count, openAtEnd.Count, entry);
                case SourceKind.GrantsSum:
                    return Counted(grants.Sum(), grants.Count);
                default:
                    // Manual, or a rule naming an indicator the catalogue no longer has: the field is left to be filled by hand.
                    return Counted(null, 0);
            }
        }

        return new StatisticsReturn(year, approved, last, december <= last, ReturnForm.Fields.Select(Fill).ToList());
    }

    /// <summary>Sets (or changes) the value of a field by hand, with its reason; the version guards against a change made meanwhile (null: none yet).</summary>
    public async Task SetOverrideAsync(int year, string fieldCode, decimal value, string? reason, int? expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        if (!IsDrawable(year))
        {
            throw new DomainException(ErrorCodes.ReturnYearOutOfRange, null, year);
        }

        var field = ReturnForm.Find(fieldCode) ?? throw new DomainException(ErrorCodes.ReturnFieldUnknown, null, fieldCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.StatisticsOverrides.FirstOrDefaultAsync(o => o.Year == year && o.FieldCode == field.Code, ct);
        if (existing?.Version != expectedVersion)
        {
            throw existing is null
                ? Conflicts.Changed(AuditEntities.Statistics, field.Name.ToString())
                : Conflicts.Of(AuditEntities.Statistics, field.Name.ToString(), existing,
                    (nameof(StatisticsOverride.Value), existing.Value, value), (nameof(StatisticsOverride.Reason), existing.Reason, reason));
        }

        if (existing is null)
        {
            db.StatisticsOverrides.Add(StatisticsOverride.Create(year, field, value, reason, actor.Name, clock.UtcNow));
        }
        else
        {
            existing.Change(field, value, reason, actor.Name, clock.UtcNow);
        }

        await SaveAsync(db, field, ct);
    }

    /// <summary>Removes an override (voids it with the reason): the field goes back to what the portal computes.</summary>
    public async Task RemoveOverrideAsync(int overrideId, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.StatisticsOverrides.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Id == overrideId, ct)
            ?? throw new DomainException(ErrorCodes.OverrideNotFound);
        var field = ReturnForm.Find(entry.FieldCode);
        var title = field?.Name.ToString() ?? entry.FieldCode;
        if (entry.IsVoided || entry.Version != expectedVersion)
        {
            throw Conflicts.Of(AuditEntities.Statistics, title, entry);
        }

        entry.Void(reason, actor.Name, clock.UtcNow);
        await SaveAsync(db, field, ct);
    }

    private static async Task SaveAsync(BranchNetworkDbContext db, ReturnField? field, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflicts.Changed(AuditEntities.Statistics, field?.Name.ToString() ?? "");
        }
    }

    private async Task WholeNetworkReaderAsync()
    {
        var actor = await currentUser.ReaderAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }
    }

    /// <summary>
    /// Of the units due in some months, those with every due month approved or in a recorded closure; the months every
    /// due unit has so; the provisional part; and the units missing with their months.
    /// </summary>
    private static FieldCompleteness Completeness(CountedSet counted, IReadOnlyList<UnitFacts> units, IReadOnlyList<Period> months, int monthsInYear,
        int indicatorId)
    {
        static bool Done(MonthStanding s) => s is MonthStanding.Approved or MonthStanding.Closed or MonthStanding.NotDue;
        var standings = units.ToDictionary(u => u.Id, u => months.Select(m => new MissingMonth(m, counted.StandingOf(u.Id, m))).ToList());
        var dueUnits = units.Where(u => standings[u.Id].Any(s => s.Standing != MonthStanding.NotDue)).ToList();
        var missing = dueUnits.Where(u => standings[u.Id].Any(s => !Done(s.Standing)))
            .Select(u => new MissingUnit(u.Code, u.Name, standings[u.Id].Where(s => !Done(s.Standing)).ToList())).ToList();
        var completeMonths = months.Count(m => dueUnits.All(u => Done(counted.StandingOf(u.Id, m))));
        var provisional = counted.Sum(units.Select(u => u.Id), months, indicatorId).Provisional;
        return new FieldCompleteness(dueUnits.Count, dueUnits.Count - missing.Count, monthsInYear, completeMonths, provisional, missing);
    }

    private sealed record UnitFacts(int Id, string Code, string Name, UnitKind Kind, decimal? FloorArea, int? Seats);
}
