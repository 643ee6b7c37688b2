using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Analytics;

/// <summary>
/// The dashboard, trends, rankings and the map. Sums are computed by SQLite (GROUP BY over the report values of the
/// caller's units), never by loading reports into memory; every figure stays inside the caller's scope.
/// </summary>
public sealed class AnalyticsService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    ResourcesService resources)
{
    /// <summary>The figures the dashboard leads with, in order; learning hours come from the training records.</summary>
    public static readonly string[] DashboardIndicators = ["visits", "loans", "programs", "program_attendance", "new_cards"];

    public const string LearningHours = "learning_hours";

    /// <summary>The weekly opening hours the standards checklist asks of a branch or service point.</summary>
    public const decimal OpeningHoursStandard = 30;

    public const int MaxCompared = 5;

    private const string OpenHours = "open_hours";

    public async Task<DashboardData> DashboardAsync(AnalyticsPeriod period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = ReportingUnits(db, actor);
        var before = period.YearBefore;
        var last = figures.LastFullMonth;
        var months = Period.Range(new Period(period.Year, period.Month ?? 1), new Period(period.Year, period.Month ?? 12)).Where(p => p <= last).ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => DashboardIndicators.Contains(i.Code))
            .Select(i => new { i.Id, i.Code, i.NameZh, i.NameEn }).ToListAsync(ct);
        var reporting = await units.OrderBy(u => u.Code)
            .Select(u => new { u.Id, Ref = new UnitToSubmit(u.Code, u.Name, u.Kind == UnitKind.Branch ? u.Code : u.Parent!.Code) })
            .ToListAsync(ct);
        var unitIds = reporting.Select(u => u.Id).ToList();
        var keyFigures = new List<KeyFigure>();
        var due = figures.LastFullMonth;
        // One set for the key figures and for who has still to submit the month due (its report states).
        var counted = months.Count > 0
            ? await CountedFigures.LoadAsync(db, units, months[0], months[^1], indicators.Select(i => i.Id).ToList(), ct, alsoStatesOf: due)
            : await CountedFigures.LoadAsync(db, units, due, due, [], ct);
        if (months.Count > 0)
        {
            foreach (var indicator in DashboardIndicators.Select(code => indicators.FirstOrDefault(i => i.Code == code)).Where(i => i is not null))
            {
                var sum = counted.Sum(unitIds, months, indicator!.Id);
                var comparison = counted.Compare(unitIds, months, indicator.Id, FigureBasis.Working);
                keyFigures.Add(new KeyFigure(indicator.Code, indicator.NameZh, indicator.NameEn,
                    comparison.Units > 0 || sum.Working > 0 ? sum.Working : null, sum.Provisional, comparison));
            }
        }

        var staff = db.StaffMembers.Where(s => db.Units.InScopeOf(actor).Any(u => u.Id == s.UnitId));
        var hours = await db.Attendances
            .Where(a => a.Attended && staff.Any(s => s.Id == a.StaffMemberId))
            .Join(db.TrainingSessions, a => a.SessionId, s => s.Id, (a, s) => new { s.StartsOn, a.CreditedHours })
            .Where(a => a.StartsOn >= before.FirstDay && a.StartsOn <= before.LastDay || a.StartsOn >= period.FirstDay && a.StartsOn <= period.LastDay)
            .GroupBy(a => a.StartsOn >= period.FirstDay)
            .Select(g => new { Current = g.Key, Sum = g.Sum(a => (double)a.CreditedHours) })
            .ToListAsync(ct);
        var (hoursNow, hoursBefore) = ((decimal)(hours.FirstOrDefault(h => h.Current)?.Sum ?? 0), (decimal?)hours.FirstOrDefault(h => !h.Current)?.Sum);
        keyFigures.Add(new KeyFigure(LearningHours, "学时", "Learning hours", hoursNow, 0, new Comparison(
            hoursBefore > 0 ? ComparisonOutcome.Compared : ComparisonOutcome.NotReportedBefore, hoursNow, hoursBefore ?? 0, 1, 1)));

        var missing = counted.CompletenessOf(unitIds, due).MissingUnitIds.ToHashSet();
        var toSubmit = reporting.Where(u => missing.Contains(u.Id)).Select(u => u.Ref).ToList();
        var returned = (await db.MonthlyReports.AsNoTracking()
                .Where(r => r.State == ReportState.Returned && units.Any(u => u.Id == r.UnitId))
                .OrderBy(r => r.PeriodKey).ThenBy(r => r.Unit.Code)
                .Select(r => new { r.Unit.Code, r.Unit.Name, BranchCode = r.Unit.Kind == UnitKind.Branch ? r.Unit.Code : r.Unit.Parent!.Code, r.PeriodKey, r.Comment })
                .ToListAsync(ct))
            .Select(r => new ReturnedReport(r.Code, r.Name, r.BranchCode, Period.FromKey(r.PeriodKey), r.Comment))
            .ToList();

        var gaps = (await resources.StandardAsync(period.Year, ct)).Where(d => !d.Meets)
            .Select(d => new StandardGap(d.BranchCode, d.BranchName, StandardKind.Deliveries, d.Volumes, ResourcesService.StandardVolumes))
            .ToList();
        gaps.AddRange((await units.Where(u => u.Status == UnitStatus.Open && u.OpeningHoursPerWeek != null)
                .Select(u => new { u.Code, u.Name, u.OpeningHoursPerWeek }).ToListAsync(ct))
            .Where(u => u.OpeningHoursPerWeek < OpeningHoursStandard)
            .OrderBy(u => u.Code)
            .Select(u => new StandardGap(u.Code, u.Name, StandardKind.OpeningHours, u.OpeningHoursPerWeek!.Value, OpeningHoursStandard)));

        return new DashboardData(period, keyFigures, due, toSubmit, returned, gaps);
    }

    /// <summary>
    /// An indicator over the months of a span of years (or over the years), one line per target (at most
    /// <see cref="MaxCompared"/>). A target outside the caller's scope is refused as unknown.
    /// </summary>
    public async Task<TrendData> TrendAsync(string indicatorCode, IReadOnlyList<TrendTarget> targets, int fromYear, int toYear, TrendScale scale,
        Func<TrendTarget, string> nameOf, CancellationToken ct = default)
    {
        if (targets.Count is 0 or > MaxCompared)
        {
            throw new DomainException(ErrorCodes.TooManyCompared, null, MaxCompared);
        }

        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = figures.LastFullMonth;
        toYear = Math.Min(toYear, last.Year);
        var periods = Period.Range(new Period(fromYear, 1), new Period(toYear, 12)).Where(p => p <= last).ToList();
        var labels = scale == TrendScale.Months
            ? periods.Select(p => p.ToString()).ToList()
            : Enumerable.Range(fromYear, toYear - fromYear + 1).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var series = new List<TrendSeries>();
        var unitIdsOfAll = new HashSet<int>();
        foreach (var target in targets)
        {
            var unitIds = await TargetUnitsAsync(db, actor, target, ct);
            unitIdsOfAll.UnionWith(unitIds);
            var sums = await CountedFigures.Values(db, db.Units.Where(u => unitIds.Contains(u.Id)), fromYear * 100 + 1, toYear * 100 + 12)
                .Where(v => v.IndicatorCode == indicatorCode)
                .GroupBy(v => new { Key = scale == TrendScale.Months ? v.PeriodKey : v.PeriodKey / 100, v.Approved })
                .Select(g => new { g.Key.Key, g.Key.Approved, Sum = g.Sum(v => (double)v.Value) })
                .ToListAsync(ct);
            var keys = scale == TrendScale.Months ? periods.Select(p => p.Key).ToList() : Enumerable.Range(fromYear, toYear - fromYear + 1).ToList();
            var values = keys.Select(k => sums.Any(s => s.Key == k) ? (decimal?)sums.Where(s => s.Key == k).Sum(s => (decimal)s.Sum) : null).ToList();
            var provisional = keys.Select(k => (decimal)sums.Where(s => s.Key == k && !s.Approved).Sum(s => s.Sum)).ToList();
            series.Add(new TrendSeries(target, nameOf(target), values, provisional));
        }

        var closed = scale == TrendScale.Months ? await ClosedPointsAsync(db, periods, unitIdsOfAll, ct) : new HashSet<int>();
        return new TrendData(indicatorCode, labels, series, closed);
    }

    /// <summary>The indexes of the months in which some of the units (or the whole network) had a recorded closure.</summary>
    internal static async Task<HashSet<int>> ClosedPointsAsync(BranchNetworkDbContext db, IReadOnlyList<Period> periods, IReadOnlySet<int> unitIds, CancellationToken ct)
    {
        var closures = await db.Closures.AsNoTracking()
            .Where(c => c.UnitId == null || unitIds.Contains(c.UnitId.Value))
            .Select(c => new { c.StartsOn, c.EndsOn }).ToListAsync(ct);
        return Enumerable.Range(0, periods.Count)
            .Where(i => closures.Any(c => c.StartsOn <= periods[i].LastDay && c.EndsOn >= periods[i].FirstDay))
            .ToHashSet();
    }

    /// <summary>The caller's branches ranked by an indicator over a period, each with its service points, by total or per opening hour.</summary>
    public async Task<IReadOnlyList<BranchRanking>> RankingAsync(string indicatorCode, AnalyticsPeriod period, bool perOpeningHour, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = ReportingUnits(db, actor);
        var branches = await units.Where(u => u.Kind == UnitKind.Branch).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var sums = await CountedFigures.Values(db, units, period.FromKey, period.ToKey)
            .Where(v => v.IndicatorCode == indicatorCode || v.IndicatorCode == OpenHours)
            .GroupBy(v => new { v.BranchId, v.IndicatorCode, v.Approved })
            .Select(g => new { g.Key.BranchId, Code = g.Key.IndicatorCode, g.Key.Approved, Sum = g.Sum(v => (double)v.Value) })
            .ToListAsync(ct);
        decimal Sum(int branchId, string code, bool provisionalOnly = false) =>
            (decimal)sums.Where(s => s.BranchId == branchId && s.Code == code && (!provisionalOnly || !s.Approved)).Sum(s => s.Sum);
        var whole = branches.Sum(b => Sum(b.Id, indicatorCode));
        return branches
            .Select(b =>
            {
                var total = Sum(b.Id, indicatorCode);
                var hours = Sum(b.Id, OpenHours);
                return new BranchRanking(b.Code, b.Name, total, Sum(b.Id, indicatorCode, provisionalOnly: true), hours > 0 ? total / hours : null,
                    whole > 0 ? total / whole : 0);
            })
            .OrderByDescending(b => perOpeningHour ? b.PerOpeningHour ?? -1 : b.Total).ThenBy(b => b.Code)
            .ToList();
    }

    /// <summary>The caller's units that have coordinates, with their status, plaque and the state of a month's report.</summary>
    public async Task<IReadOnlyList<MapUnit>> MapAsync(Period month, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().InScopeOf(actor)
            .Where(u => u.Latitude != null && u.Longitude != null)
            .OrderBy(u => u.Code)
            .Select(u => new MapUnit(u.Code, u.Name, u.Kind, u.Parent != null ? u.Parent.Code : null, u.Latitude!.Value, u.Longitude!.Value, u.Status,
                u.PlaquedOn != null,
                db.MonthlyReports.Where(r => r.UnitId == u.Id && r.PeriodKey == month.Key).Select(r => (ReportState?)r.State).FirstOrDefault()))
            .ToListAsync(ct);
    }

    private static IQueryable<Unit> ReportingUnits(BranchNetworkDbContext db, Actor actor) =>
        db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary);

    private static async Task<List<int>> TargetUnitsAsync(BranchNetworkDbContext db, Actor actor, TrendTarget target, CancellationToken ct)
    {
        var units = ReportingUnits(db, actor);
        var code = target.Code?.Trim().ToUpperInvariant();
        var ids = await (target.Kind switch
        {
            TrendTargetKind.Network => units,
            TrendTargetKind.Branch => units.Where(u => u.Code == code && u.Kind == UnitKind.Branch),
            TrendTargetKind.BranchWithPoints => units.Where(u => u.Code == code && u.Kind == UnitKind.Branch || u.Parent!.Code == code && u.Kind == UnitKind.ServicePoint),
            TrendTargetKind.Township => units.Where(u => u.Township == target.Code),
            _ => units.Where(u => u.Code == code),
        }).Select(u => u.Id).ToListAsync(ct);
        if (ids.Count == 0 && target.Kind != TrendTargetKind.Network)
        {
            throw new DomainException(ErrorCodes.UnitNotFound, null, code ?? "");
        }

        return ids;
    }
}
