using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

/// <summary>Which counted figures a total takes: working views add the provisional ones, official outputs do not.</summary>
public enum FigureBasis
{
    /// <summary>Approved and provisional (submitted, not yet reviewed): the dashboard and analytics.</summary>
    Working,

    /// <summary>Approved only: every output signed and sent to the bureau.</summary>
    Official,
}

/// <summary>Where a unit stands for a month, by the one rule of design §8a.</summary>
public enum MonthStanding
{
    /// <summary>Not open that month: planned, before its opening, after it closed for good.</summary>
    NotDue,

    /// <summary>In a recorded closure for the whole month and without counted figures: 闭馆, not missing.</summary>
    Closed,

    Missing,
    Draft,
    Returned,

    /// <summary>Submitted and not reviewed yet: counted as provisional.</summary>
    Provisional,

    Approved,
}

/// <summary>A total split into its approved part and the provisional part that working views add ("含待审核 9,000").</summary>
public readonly record struct CountedSum(decimal Approved, decimal Provisional)
{
    public decimal Working => Approved + Provisional;

    public decimal For(FigureBasis basis) => basis == FigureBasis.Official ? Approved : Working;
}

/// <summary>How many of a group's units were due for a month, and how far their reports are.</summary>
public sealed record Completeness(int Due, int Approved, int Provisional, int Closed, IReadOnlyList<int> MissingUnitIds)
{
    /// <summary>Units with counted figures (approved or provisional).</summary>
    public int Reported => Approved + Provisional;
}

public enum ComparisonOutcome
{
    Compared,

    /// <summary>Counted figures in both periods, but the year before sums to zero: no percentage.</summary>
    NoBase,
    NotReportedNow,
    NotReportedBefore,
    ClosedNow,
    ClosedBefore,
}

/// <summary>
/// A like-for-like change against the same months a year before: only the unit-months with counted figures in both
/// periods (and open in both) are compared. <see cref="Units"/> have counted figures now; <see cref="ComparableUnits"/>
/// of them also a year before — when fewer, the base differs and the text says so.
/// </summary>
public sealed record Comparison(ComparisonOutcome Outcome, decimal Now, decimal Before, int Units, int ComparableUnits)
{
    public decimal? Change => Outcome == ComparisonOutcome.Compared ? (Now - Before) / Before : null;

    public bool BaseDiffers => Outcome == ComparisonOutcome.Compared && ComparableUnits < Units;
}

/// <summary>What the due rule needs to know of a unit.</summary>
public sealed record DueFacts(int UnitId, UnitStatus Status, DateOnly? OpenedOn, DateOnly? ClosedOn)
{
    /// <summary>Open that month: not planned or being built, not before its opening, not after it closed for good.</summary>
    public bool IsDue(Period period) =>
        Status is not (UnitStatus.Planned or UnitStatus.Building)
        && (OpenedOn is not { } opened || period >= Period.Of(opened))
        && (ClosedOn is not { } closed || period <= Period.Of(closed));
}

/// <summary>One counted value: a value of a submitted or approved report.</summary>
public sealed class CountedValue
{
    public int UnitId { get; init; }

    /// <summary>The unit's branch: itself for a branch, its parent for a service point.</summary>
    public int? BranchId { get; init; }

    public int PeriodKey { get; init; }

    public int IndicatorId { get; init; }

    public string IndicatorCode { get; init; } = "";

    public decimal Value { get; init; }

    public bool Approved { get; init; }
}

/// <summary>
/// The one definition of counted figures (design §8a, README "What is counted"): a value is approved when its report
/// is Approved and provisional when it is Submitted; drafts and returned reports are never in a total. Every total of
/// the portal — dashboard, analytics, PDFs, exports, the work summary — reads <see cref="Values"/>, directly (summed by
/// the database) or through a <see cref="CountedSet"/> (by unit and month, for completeness and comparisons).
/// </summary>
public static class CountedFigures
{
    public static bool IsCounted(ReportState state) => state is ReportState.Submitted or ReportState.Approved;

    public static MonthStanding StandingOf(ReportState state) => state switch
    {
        ReportState.Approved => MonthStanding.Approved,
        ReportState.Submitted => MonthStanding.Provisional,
        ReportState.Returned => MonthStanding.Returned,
        _ => MonthStanding.Draft,
    };

    /// <summary>The counted values of some units between two months (both included).</summary>
    public static IQueryable<CountedValue> Values(BranchNetworkDbContext db, IQueryable<Unit> units, int fromKey, int toKey, FigureBasis basis = FigureBasis.Working) =>
        from r in db.MonthlyReports.AsNoTracking()
        where (r.State == ReportState.Approved || (basis == FigureBasis.Working && r.State == ReportState.Submitted))
            && r.PeriodKey >= fromKey && r.PeriodKey <= toKey
            && units.Any(u => u.Id == r.UnitId)
        from v in r.Values
        where v.Value != null
        select new CountedValue
        {
            UnitId = r.UnitId,
            BranchId = r.Unit.Kind == UnitKind.Branch ? r.UnitId : r.Unit.ParentId,
            PeriodKey = r.PeriodKey,
            IndicatorId = v.IndicatorId,
            IndicatorCode = v.Indicator.Code,
            Value = v.Value!.Value,
            Approved = r.State == ReportState.Approved,
        };

    /// <summary>The due rule's facts of some units: status, opening, and the day a closed unit closed for good.</summary>
    public static async Task<Dictionary<int, DueFacts>> DueFactsAsync(BranchNetworkDbContext db, IQueryable<Unit> units, CancellationToken ct)
    {
        var rows = await units.AsNoTracking()
            .Select(u => new
            {
                u.Id,
                u.Status,
                u.OpenedOn,
                ClosedAt = u.Status == UnitStatus.Closed
                    ? db.UnitStatusChanges.Where(c => c.UnitId == u.Id && c.ToStatus == UnitStatus.Closed).Max(c => (DateTime?)c.ChangedAtUtc)
                    : null,
            })
            .ToListAsync(ct);
        return rows.ToDictionary(u => u.Id, u => new DueFacts(u.Id, u.Status, u.OpenedOn, u.ClosedAt is { } at ? DateOnly.FromDateTime(at) : null));
    }

    /// <summary>
    /// The counted values, report states and closures of some units over a span of months and the same months a year
    /// before, in four queries, for the readers that total by unit and month. <paramref name="alsoStatesOf"/>: one more
    /// month whose report states (not values) the reader needs, such as the dashboard's month still to submit, so it
    /// takes no second set of four queries.
    /// </summary>
    public static async Task<CountedSet> LoadAsync(BranchNetworkDbContext db, IQueryable<Unit> units, Period from, Period to,
        IReadOnlyCollection<int> indicatorIds, CancellationToken ct, Period? alsoStatesOf = null)
    {
        // The span and the same months a year before, not the months between them: a month's report read 2 months of
        // values, not 13 (52 units × 5 indicators × 11 months it never looked at). A span of a year or more leaves no gap.
        var (fromKey, toKey) = (from.Key, to.Key);
        var (beforeFromKey, beforeToKey) = (from.SameMonthLastYear.Key, to.SameMonthLastYear.Key);
        var values = await Values(db, units, beforeFromKey, toKey)
            .Where(v => (v.PeriodKey >= fromKey || v.PeriodKey <= beforeToKey) && indicatorIds.Contains(v.IndicatorId))
            .Select(v => new { v.UnitId, v.PeriodKey, v.IndicatorId, v.Value, v.Approved })
            .ToListAsync(ct);
        var alsoKey = alsoStatesOf?.Key ?? fromKey;
        var states = await db.MonthlyReports.AsNoTracking()
            .Where(r => (r.PeriodKey >= fromKey && r.PeriodKey <= toKey || r.PeriodKey >= beforeFromKey && r.PeriodKey <= beforeToKey || r.PeriodKey == alsoKey)
                && units.Any(u => u.Id == r.UnitId))
            .Select(r => new { r.UnitId, r.PeriodKey, r.State })
            .ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().ToListAsync(ct);
        var due = await DueFactsAsync(db, units, ct);
        return new CountedSet(
            values.ToDictionary(v => (v.UnitId, v.PeriodKey, v.IndicatorId), v => (v.Value, v.Approved)),
            states.ToDictionary(r => (r.UnitId, r.PeriodKey), r => r.State),
            closures,
            due);
    }
}

/// <summary>Counted values by unit, month and indicator, with what completeness and like-for-like comparisons need.</summary>
public sealed class CountedSet(
    Dictionary<(int UnitId, int PeriodKey, int IndicatorId), (decimal Value, bool Approved)> values,
    Dictionary<(int UnitId, int PeriodKey), ReportState> states,
    IReadOnlyList<Closure> closures,
    Dictionary<int, DueFacts> due)
{
    public IReadOnlyList<Closure> Closures => closures;

    public ReportState? StateOf(int unitId, Period period) => states.TryGetValue((unitId, period.Key), out var s) ? s : null;

    // Comparisons ask a unit-month's closure once per indicator and once as the month a year later: found once.
    private readonly Dictionary<(int UnitId, int PeriodKey), MonthClosure> closed = [];

    public MonthClosure ClosureOf(int unitId, Period period)
    {
        if (!closed.TryGetValue((unitId, period.Key), out var closure))
        {
            closed[(unitId, period.Key)] = closure = ClosureCalendar.For(closures, unitId, period);
        }

        return closure;
    }

    public MonthStanding StandingOf(int unitId, Period period)
    {
        var state = StateOf(unitId, period);
        if (state is { } s && CountedFigures.IsCounted(s))
        {
            return CountedFigures.StandingOf(s);
        }

        if (due.TryGetValue(unitId, out var facts) && !facts.IsDue(period))
        {
            return MonthStanding.NotDue;
        }

        if (ClosureOf(unitId, period) == MonthClosure.Closed)
        {
            return MonthStanding.Closed;
        }

        return state is { } other ? CountedFigures.StandingOf(other) : MonthStanding.Missing;
    }

    /// <summary>A unit's counted value; null when its report is not counted on this basis (or lacks the value).</summary>
    public decimal? Value(int unitId, Period period, int indicatorId, FigureBasis basis = FigureBasis.Working) =>
        values.TryGetValue((unitId, period.Key, indicatorId), out var v) && (v.Approved || basis == FigureBasis.Working) ? v.Value : null;

    public CountedSum Sum(IEnumerable<int> unitIds, IEnumerable<Period> months, int indicatorId)
    {
        var (approved, provisional) = (0m, 0m);
        foreach (var unitId in unitIds)
        {
            foreach (var month in months)
            {
                if (values.TryGetValue((unitId, month.Key, indicatorId), out var v))
                {
                    if (v.Approved)
                    {
                        approved += v.Value;
                    }
                    else
                    {
                        provisional += v.Value;
                    }
                }
            }
        }

        return new CountedSum(approved, provisional);
    }

    public CountedSum Sum(IEnumerable<int> unitIds, Period month, int indicatorId) => Sum(unitIds, [month], indicatorId);

    public Completeness CompletenessOf(IEnumerable<int> unitIds, Period period)
    {
        var standings = unitIds.Select(id => (Id: id, Standing: StandingOf(id, period))).ToList();
        int Count(MonthStanding s) => standings.Count(x => x.Standing == s);
        return new Completeness(
            standings.Count(x => x.Standing is not (MonthStanding.NotDue or MonthStanding.Closed)),
            Count(MonthStanding.Approved),
            Count(MonthStanding.Provisional),
            Count(MonthStanding.Closed),
            standings.Where(x => x.Standing is MonthStanding.Missing or MonthStanding.Draft or MonthStanding.Returned).Select(x => x.Id).ToList());
    }

    /// <summary>
    /// The change of some units' total over some months against the same months a year before, like for like: a
    /// unit-month counts only when it has counted figures in both years and was open (not wholly closed) in both.
    /// </summary>
    public Comparison Compare(IReadOnlyCollection<int> unitIds, IReadOnlyCollection<Period> months, int indicatorId, FigureBasis basis)
    {
        var (now, before) = (0m, 0m);
        var counted = new HashSet<int>();
        var comparable = new HashSet<int>();
        var (closedNow, closedBefore, cells) = (0, 0, 0);
        foreach (var unitId in unitIds)
        {
            foreach (var month in months)
            {
                if (StandingOf(unitId, month) == MonthStanding.NotDue)
                {
                    continue;
                }

                cells++;
                var earlier = month.SameMonthLastYear;
                var isClosedNow = ClosureOf(unitId, month) == MonthClosure.Closed;
                var isClosedBefore = ClosureOf(unitId, earlier) == MonthClosure.Closed;
                closedNow += isClosedNow ? 1 : 0;
                var current = isClosedNow ? null : Value(unitId, month, indicatorId, basis);
                if (current is null)
                {
                    continue;
                }

                counted.Add(unitId);
                closedBefore += isClosedBefore ? 1 : 0;
                if (!isClosedBefore && Value(unitId, earlier, indicatorId, basis) is { } previous)
                {
                    comparable.Add(unitId);
                    now += current.Value;
                    before += previous;
                }
            }
        }

        var outcome = counted.Count == 0 ? (cells > 0 && closedNow == cells ? ComparisonOutcome.ClosedNow : ComparisonOutcome.NotReportedNow)
            : comparable.Count == 0 ? (closedBefore > 0 ? ComparisonOutcome.ClosedBefore : ComparisonOutcome.NotReportedBefore)
            : before == 0 ? ComparisonOutcome.NoBase
            : ComparisonOutcome.Compared;
        return new Comparison(outcome, now, before, counted.Count, comparable.Count);
    }
}
