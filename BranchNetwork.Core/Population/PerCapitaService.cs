using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Population;

/// <summary>An area's per-capita and coverage figures for a period, with the population they are divided by.</summary>
/// <param name="Residents">The area's resident population that year (null: some part of it has no figure).</param>
/// <param name="DemoPopulation">The population used is the demo's, not an administrator's.</param>
public sealed record PerCapitaArea(TrendTarget Target, AnalyticsPeriod Period, int? Residents, bool DemoPopulation, IReadOnlyList<PerCapitaValue> Values);

/// <summary>A branch with its service points (the township it serves) ranked by a per-capita figure.</summary>
public sealed record PerCapitaRanking(string Code, string Name, string? Township, int? Residents, PerCapitaValue Value);

/// <summary>
/// Per-capita and coverage figures (<see cref="PerCapitaRules"/>) per unit, branch with its service points, township
/// and network, for a month or a year. The numerators are the approved counted figures of design §8a
/// (<see cref="CountedFigures.Values"/>, official basis) and the units due then; the denominators the population a
/// township (or a service point's village) had that year. Every figure stays inside the caller's scope.
/// </summary>
public sealed class PerCapitaService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, FiguresService figures)
{
    /// <summary>The network for a reader of the whole network; a branch worker's branch with its service points.</summary>
    public async Task<PerCapitaArea> ForScopeAsync(AnalyticsPeriod period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = actor.ReadsWholeNetwork
            ? new TrendTarget(TrendTargetKind.Network)
            : new TrendTarget(TrendTargetKind.BranchWithPoints, await db.Units.Where(u => u.Id == actor.BranchId).Select(u => u.Code).SingleAsync(ct));
        return await AreaAsync(db, actor, target, period, ct);
    }

    public async Task<PerCapitaArea> AreaAsync(TrendTarget target, AnalyticsPeriod period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AreaAsync(db, actor, target, period, ct);
    }

    /// <summary>The caller's branches, each with its service points, ranked by a figure; those without one come last.</summary>
    public async Task<IReadOnlyList<PerCapitaRanking>> RankingAsync(string ruleCode, AnalyticsPeriod period, CancellationToken ct = default)
    {
        var rule = PerCapitaRules.Find(ruleCode);
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var data = await LoadAsync(db, actor, period.FromKey, period.ToKey, ct);
        return data.Units.Where(u => u.Kind == UnitKind.Branch)
            .Select(b =>
            {
                var basis = data.Basis(Area(data, new TrendTarget(TrendTargetKind.BranchWithPoints, b.Code)), data.Months, period.Year);
                return new PerCapitaRanking(b.Code, b.Name, b.Township, basis.Residents, rule.Apply(basis));
            })
            .OrderBy(r => r.Value.Value is null).ThenByDescending(r => r.Value.Value).ThenBy(r => r.Code)
            .ToList();
    }

    /// <summary>
    /// A figure over the months (or years) of a span, one line per target; a point without population is null and
    /// listed in the series' <see cref="TrendSeries.NoPopulation"/>. Approved figures only, so nothing is provisional.
    /// </summary>
    public async Task<TrendData> TrendAsync(string ruleCode, IReadOnlyList<TrendTarget> targets, int fromYear, int toYear, TrendScale scale,
        Func<TrendTarget, string> nameOf, CancellationToken ct = default)
    {
        var rule = PerCapitaRules.Find(ruleCode);
        if (targets.Count is 0 or > AnalyticsService.MaxCompared)
        {
            throw new DomainException(ErrorCodes.TooManyCompared, null, AnalyticsService.MaxCompared);
        }

        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        toYear = Math.Min(toYear, figures.LastFullMonth.Year);
        var data = await LoadAsync(db, actor, fromYear * 100 + 1, toYear * 100 + 12, ct);
        var points = scale == TrendScale.Months
            ? data.Months.Select(k => (Label: Period.FromKey(k).ToString(), Year: k / 100, Months: (IReadOnlyList<int>)[k])).ToList()
            : Enumerable.Range(fromYear, toYear - fromYear + 1)
                .Select(y => (Label: y.ToString(System.Globalization.CultureInfo.InvariantCulture), Year: y, Months: (IReadOnlyList<int>)data.Months.Where(k => k / 100 == y).ToList()))
                .ToList();
        var series = new List<TrendSeries>();
        var unitIds = new HashSet<int>();
        foreach (var target in targets)
        {
            var area = Area(data, target);
            unitIds.UnionWith(area.Units.Select(u => u.Id));
            var values = points.Select(p => rule.WholeAreas && !area.Whole ? null : rule.Apply(data.Basis(area, p.Months, p.Year))).ToList();
            series.Add(new TrendSeries(target, nameOf(target), values.Select(v => v?.Value).ToList(), values.Select(_ => 0m).ToList())
            {
                NoPopulation = Enumerable.Range(0, values.Count).Where(i => values[i]?.Gap is PerCapitaGap.NoPopulation or PerCapitaGap.NoVillageCount).ToHashSet(),
            });
        }

        var closed = scale == TrendScale.Months
            ? await AnalyticsService.ClosedPointsAsync(db, data.Months.Select(Period.FromKey).ToList(), unitIds, ct)
            : new HashSet<int>();
        return new TrendData(ruleCode, points.Select(p => p.Label).ToList(), series, closed);
    }

    private async Task<PerCapitaArea> AreaAsync(BranchNetworkDbContext db, Actor actor, TrendTarget target, AnalyticsPeriod period, CancellationToken ct)
    {
        var data = await LoadAsync(db, actor, period.FromKey, period.ToKey, ct);
        var area = Area(data, target);
        var basis = data.Basis(area, data.Months, period.Year);
        var rules = PerCapitaRules.All.Where(r => area.Whole || !r.WholeAreas);
        return new PerCapitaArea(target, period, basis.Residents, data.IsDemo(area, period.Year), rules.Select(r => r.Apply(basis)).ToList());
    }

    private static List<int> Months(int fromKey, int toKey) =>
        Period.Range(Period.FromKey(fromKey), Period.FromKey(toKey)).Select(p => p.Key).ToList();

    /// <summary>The units a target adds up and the townships whose population it is divided by.</summary>
    private sealed record AreaUnits(IReadOnlyList<UnitFacts> Units, IReadOnlyList<string> Townships, UnitFacts? Village, bool Whole);

    private sealed record UnitFacts(int Id, string Code, string Name, UnitKind Kind, int? ParentId, string? Township);

    private static AreaUnits Area(PerCapitaData data, TrendTarget target)
    {
        var code = target.Code?.Trim().ToUpperInvariant();
        var unit = data.Units.FirstOrDefault(u => u.Code == code);
        AreaUnits Of(IReadOnlyList<UnitFacts> units, IEnumerable<string?> townships, bool whole) =>
            units.Count == 0 ? throw new DomainException(ErrorCodes.UnitNotFound, null, code ?? target.Code ?? "")
                : new AreaUnits(units, townships.OfType<string>().Distinct().ToList(), null, whole);
        switch (target.Kind)
        {
            case TrendTargetKind.Network when !data.WholeNetwork:
                throw new AccessDeniedException();
            case TrendTargetKind.Network:
                return new AreaUnits(data.Units, data.CountyTownships, null, Whole: true);
            case TrendTargetKind.Township:
                return Of(data.Units.Where(u => u.Township == target.Code).ToList(), [target.Code], whole: true);
            case TrendTargetKind.BranchWithPoints when unit?.Kind == UnitKind.Branch:
                return Of(data.Units.Where(u => u.Id == unit.Id || u.ParentId == unit.Id).ToList(), [unit.Township], whole: true);
            case TrendTargetKind.Branch when unit?.Kind == UnitKind.Branch:
            case TrendTargetKind.Unit when unit?.Kind == UnitKind.Branch:
                return Of([unit], [unit.Township], whole: false);
            case TrendTargetKind.Unit when unit is not null:
                return new AreaUnits([unit], [], unit, Whole: false);
            default:
                throw new DomainException(ErrorCodes.UnitNotFound, null, code ?? "");
        }
    }

    private async Task<PerCapitaData> LoadAsync(BranchNetworkDbContext db, Actor actor, int fromKey, int toKey, CancellationToken ct)
    {
        var scope = db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary);
        var units = await scope.OrderBy(u => u.Code)
            .Select(u => new UnitFacts(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Township)).ToListAsync(ct);
        var due = await CountedFigures.DueFactsAsync(db, scope, ct);
        var codes = PerCapitaRules.CountedIndicators;
        // A month's year-end figures are last December's, so the values start there.
        var counted = await CountedFigures.Values(db, scope, Math.Min(fromKey, PerCapitaRules.YearEndKey(fromKey)), toKey, FigureBasis.Official)
            .Where(v => codes.Contains(v.IndicatorCode))
            .GroupBy(v => new { v.UnitId, v.PeriodKey, v.IndicatorCode })
            .Select(g => new { g.Key.UnitId, g.Key.PeriodKey, g.Key.IndicatorCode, Sum = g.Sum(v => (double)v.Value) })
            .ToListAsync(ct);
        var (fromYear, toYear) = (fromKey / 100, toKey / 100);
        var townships = await db.TownshipPopulations.AsNoTracking().Where(p => p.Year >= fromYear && p.Year <= toYear)
            .Select(p => new { p.Year, p.Township, p.Residents, p.Villages, p.IsDemo }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var villages = await db.VillagePopulations.AsNoTracking().Where(p => p.Year >= fromYear && p.Year <= toYear && unitIds.Contains(p.UnitId))
            .Select(p => new { p.Year, p.UnitId, p.Residents, p.IsDemo }).ToListAsync(ct);
        // The county is every township of its units (the head library's too) and any other given a population.
        var county = actor.ReadsWholeNetwork
            ? (await db.Units.AsNoTracking().Where(u => u.Township != null).Select(u => u.Township!).Distinct().ToListAsync(ct))
                .Concat(townships.Select(t => t.Township)).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        var last = figures.LastFullMonth;
        return new PerCapitaData(
            units,
            county,
            actor.ReadsWholeNetwork,
            Months(fromKey, toKey).Where(k => k <= last.Key).ToList(),
            counted.ToDictionary(c => (c.UnitId, c.PeriodKey, c.IndicatorCode), c => (decimal)c.Sum),
            townships.ToDictionary(t => (t.Year, t.Township), t => (t.Residents, t.Villages, t.IsDemo)),
            villages.ToDictionary(v => (v.Year, v.UnitId), v => (v.Residents, v.IsDemo)),
            due);
    }

    private sealed record PerCapitaData(
        IReadOnlyList<UnitFacts> Units,
        IReadOnlyList<string> CountyTownships,
        bool WholeNetwork,
        IReadOnlyList<int> Months,
        Dictionary<(int UnitId, int PeriodKey, string Code), decimal> Counted,
        Dictionary<(int Year, string Township), (int? Residents, int? Villages, bool IsDemo)> Townships,
        Dictionary<(int Year, int UnitId), (int? Residents, bool IsDemo)> Villages,
        Dictionary<int, DueFacts> Due)
    {
        public bool IsDemo(AreaUnits area, int year) => area.Village is { } village
            ? Villages.GetValueOrDefault((year, village.Id)).IsDemo
            : area.Townships.Any(t => Townships.GetValueOrDefault((year, t)).IsDemo);

        /// <summary>The area's facts for some months of a year: units open in the last of them, approved totals over all of them.</summary>
        public PerCapitaBasis Basis(AreaUnits area, IReadOnlyList<int> months, int year)
        {
            var counted = new Dictionary<string, decimal>();
            var yearEnd = PerCapitaRules.YearEndKey(months.Count > 0 ? months.Max() : year * 100 + 12);
            foreach (var code in PerCapitaRules.CountedIndicators)
            {
                IReadOnlyList<int> read = PerCapitaRules.YearEndIndicators.Contains(code) ? [yearEnd] : months;
                var values = area.Units.SelectMany(u => read.Select(m => Counted.TryGetValue((u.Id, m, code), out var v) ? v : (decimal?)null)).OfType<decimal>().ToList();
                if (values.Count > 0)
                {
                    counted[code] = values.Sum();
                }
            }

            var openIn = months.Count > 0 ? Period.FromKey(months.Max()) : new Period(year, 12);
            var open = area.Units.Where(u => Due.TryGetValue(u.Id, out var d) && d.IsDue(openIn)).ToList();
            var branches = open.Where(u => u.Kind == UnitKind.Branch).ToList();
            var points = open.Where(u => u.Kind == UnitKind.ServicePoint).ToList();
            var population = area.Townships.Select(t => Townships.TryGetValue((year, t), out var p) ? p : (null, null, false)).ToList();
            int? residents = area.Village is { } village
                ? Villages.GetValueOrDefault((year, village.Id)).Residents
                : population.Count > 0 && population.All(p => p.Residents > 0) ? population.Sum(p => p.Residents!.Value) : null;
            int? villages = population.Count > 0 && population.All(p => p.Villages is not null) ? population.Sum(p => p.Villages!.Value) : null;
            var covered = area.Townships.Sum(t => Math.Min(points.Count(p => p.Township == t), Townships.GetValueOrDefault((year, t)).Villages ?? 0));
            return new PerCapitaBasis(residents, area.Townships.Count, villages, branches.Count, points.Count,
                branches.Select(b => b.Township).Where(area.Townships.Contains!).Distinct().Count(), covered, counted);
        }
    }
}
