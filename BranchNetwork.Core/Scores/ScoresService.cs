using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Scores;

/// <summary>
/// The branch performance scores (分馆绩效考核): the scheme kept as data (<see cref="ScoreComponent"/>) and the score
/// sheets of a year. Each metric is read from the service that owns it, in the caller's scope, so a branch worker's
/// sheet is computed from their own branch alone; the scales are absolute (never relative to the best branch), so a
/// branch's sheet is the same whether read alone or in the ranking. Official output: approved figures only (§8a).
/// </summary>
public sealed class ScoresService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    PerCapitaService perCapita,
    ProgrammeService programme,
    TrainingService training,
    ResourcesService resources)
{
    public const int FirstYear = 2000;

    /// <summary>
    /// The example scheme, seeded where a metric has no component yet (every start). Weights sum to 100; the lines are
    /// a starting point near the demo network's figures, to be adjusted to the head library's own rules.
    /// </summary>
    public static readonly IReadOnlyList<(ScoreMetric Metric, ScoreDefinition Definition)> Example =
    [
        (ScoreMetric.VisitsPerResident, new("人均到馆次数", "Visits per resident", 20, ScoreScaling.Linear, 0.5m, 5)),
        (ScoreMetric.LoansPerResident, new("人均外借册次", "Loans per resident", 20, ScoreScaling.Linear, 0.5m, 4.5m)),
        (ScoreMetric.OnTimeReporting, new("月报按时报送率", "Monthly reports on time", 15, ScoreScaling.Linear, 80, 100)),
        (ScoreMetric.ChecklistMet, new("达标检查项达成率", "Checklist items met", 15, ScoreScaling.Linear, 0, 100)),
        (ScoreMetric.TrainingHoursPerStaff, new("人均业务培训学时", "Training hours per staff member", 10, ScoreScaling.Linear, 0, 24)),
        (ScoreMetric.ActivitiesHeld, new("读者活动场次", "Activities held", 10, ScoreScaling.Linear, 0, 12)),
        (ScoreMetric.DeliveryStandard, new("图书配送达标", "Delivery standard met", 10, ScoreScaling.Threshold, null, ResourcesService.StandardVolumes)),
    ];

    public async Task SeedExampleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.ScoreComponents.Select(c => c.Metric).ToListAsync(ct);
        var order = 0;
        foreach (var (metric, definition) in Example)
        {
            order += 10;
            if (!existing.Contains(metric))
            {
                db.ScoreComponents.Add(ScoreComponent.Create(metric, definition, order, isExample: true));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ScoreComponentRecord>> SchemeAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SchemeAsync(db, ct);
    }

    /// <summary>
    /// Saves the whole scheme at once (head staff and administrators): every component's own rules, then the weights'
    /// sum of exactly 100 %; any refusal stores nothing. A field's refusal names it as <c>{index}.{field}</c>, the index
    /// being the component's place in <paramref name="components"/>.
    /// </summary>
    public async Task SaveSchemeAsync(IReadOnlyList<ScoreComponentInput> components, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        for (var i = 0; i < components.Count; i++)
        {
            try
            {
                ScoringRules.Check(components[i].Definition);
                Texts.Required(components[i].Definition.NameZh, ScoreComponent.NameMaxLength, nameof(ScoreDefinition.NameZh));
                Texts.Required(components[i].Definition.NameEn, ScoreComponent.NameMaxLength, nameof(ScoreDefinition.NameEn));
            }
            catch (DomainException e) when (e is not ConcurrencyConflictException)
            {
                throw new DomainException(e.Code, $"{i}.{e.Field}", [.. e.Args]);
            }
        }

        var sum = components.Sum(c => c.Definition.Weight);
        if (sum != ScoringRules.WeightTotal)
        {
            throw new DomainException(ErrorCodes.ScoresWeightsNotWhole, "Weights", sum.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ScoreComponents.ToDictionaryAsync(c => c.Metric, ct);
        if (components.Select(c => c.Metric).Distinct().Count() != components.Count || components.Any(c => !stored.ContainsKey(c.Metric)) || stored.Count != components.Count)
        {
            throw new DomainException(ErrorCodes.ScoresUnknownComponent);
        }

        foreach (var input in components)
        {
            var component = stored[input.Metric];
            if (component.Version != input.Version)
            {
                throw new ConcurrencyConflictException(ErrorCodes.ScoresSchemeChanged, component.NameZh);
            }

            component.Update(input.Definition);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.ScoresSchemeChanged, "");
        }
    }

    /// <summary>The latest year with approved figures in the caller's scope (null: none at all).</summary>
    public async Task<int?> LatestYearAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var last = figures.LastFullMonth.Key;
        var key = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.State == ReportState.Approved && r.PeriodKey <= last && units.Any(u => u.Id == r.UnitId))
            .MaxAsync(r => (int?)r.PeriodKey, ct);
        return key / 100;
    }

    /// <summary>
    /// The caller's branches scored for a year: for a whole-network reader every branch, ranked; for a branch worker
    /// their own branch's sheet, without a rank.
    /// </summary>
    /// <returns>Null for a year out of range (before <see cref="FirstYear"/> or not begun).</returns>
    /// <exception cref="DomainException"><see cref="ErrorCodes.ScoresNoApprovedFigures"/> when nothing of the year is approved.</exception>
    public async Task<ScoreYear?> YearAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (year < FirstYear || year > figures.LastFullMonth.Year)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = db.Units.AsNoTracking().InScopeOf(actor);
        var (from, to) = (year * 100 + 1, year * 100 + 12);
        if (!await db.MonthlyReports.AnyAsync(r => r.State == ReportState.Approved && r.PeriodKey >= from && r.PeriodKey <= to && scope.Any(u => u.Id == r.UnitId), ct))
        {
            throw new DomainException(ErrorCodes.ScoresNoApprovedFigures, null, year);
        }

        var scheme = (await SchemeAsync(db, ct)).Where(c => c.Scored).ToList();
        var units = await scope.Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new ScoredUnit(u.Id, u.Code, u.Name, u.Kind, u.Kind == UnitKind.Branch ? u.Id : u.ParentId)).ToListAsync(ct);
        var branches = units.Where(u => u.Kind == UnitKind.Branch).ToList();
        var measured = new Dictionary<ScoreMetric, Dictionary<string, MetricValue>>();
        foreach (var component in scheme)
        {
            measured[component.Metric] = await MeasureAsync(db, component.Metric, year, units, branches, ct);
        }

        var sheets = branches.Select(b =>
        {
            var scores = scheme.Select(c =>
            {
                var raw = measured[c.Metric].GetValueOrDefault(b.Code) ?? MetricValue.Missing(ScoreGap.NoFigures);
                var d = c.Definition;
                decimal? score = raw.Value is { } v ? ScoringRules.Scale(d.Scaling, d.Floor, d.Target!.Value, v) : null;
                return new ComponentScore(c.Metric, raw, score, score is { } s ? ScoringRules.Weighted(s, d.Weight) : 0);
            }).ToList();
            var points = units.Where(u => u.BranchId == b.Id && u.Kind == UnitKind.ServicePoint).Select(u => u.Name).ToList();
            return new BranchScore(b.Code, b.Name, points, scores, scores.Sum(s => s.Points), null);
        }).ToList();
        var ordered = sheets.OrderByDescending(s => s.Total).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        if (actor.ReadsWholeNetwork)
        {
            // Competition ranking: equal totals share a rank, the next rank skips (1, 2, 2, 4).
            ordered = ordered.Select(s => s with { Rank = 1 + ordered.Count(o => o.Total > s.Total) }).ToList();
        }

        return new ScoreYear(year, scheme, ordered, actor.ReadsWholeNetwork, scheme.Any(c => c.IsExample));
    }

    private sealed record ScoredUnit(int Id, string Code, string Name, UnitKind Kind, int? BranchId);

    private static async Task<List<ScoreComponentRecord>> SchemeAsync(BranchNetworkDbContext db, CancellationToken ct) =>
        (await db.ScoreComponents.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new ScoreComponentRecord(c.Metric, c.Definition, c.IsExample, c.Version)).ToList();

    /// <summary>One metric's raw value for each branch with its service points, by branch code, from the service that owns it.</summary>
    private async Task<Dictionary<string, MetricValue>> MeasureAsync(BranchNetworkDbContext db, ScoreMetric metric, int year, List<ScoredUnit> units,
        List<ScoredUnit> branches, CancellationToken ct)
    {
        string? BranchOf(string unitCode) => units.FirstOrDefault(u => u.Code == unitCode) is { BranchId: { } id } ? branches.FirstOrDefault(b => b.Id == id)?.Code : null;
        Dictionary<string, MetricValue> Ratio(Func<ScoredUnit, (decimal Numerator, decimal Denominator)> of, ScoreGap whenNone, decimal per) =>
            branches.ToDictionary(b => b.Code, b => of(b) is var (n, d) && d > 0 ? new MetricValue(n * per / d, n, d, ScoreGap.None) : MetricValue.Missing(whenNone, n, d));

        switch (metric)
        {
            case ScoreMetric.VisitsPerResident or ScoreMetric.LoansPerResident:
                var rule = metric == ScoreMetric.VisitsPerResident ? "visits_per_resident" : "loans_per_resident";
                return (await perCapita.RankingAsync(rule, new AnalyticsPeriod(year), ct)).ToDictionary(r => r.Code, r => r.Value.Gap switch
                {
                    PerCapitaGap.None => new MetricValue(r.Value.Value, r.Value.Numerator, r.Value.Denominator, ScoreGap.None),
                    PerCapitaGap.NoFigures => MetricValue.Missing(ScoreGap.NoFigures, null, r.Value.Denominator),
                    _ => MetricValue.Missing(ScoreGap.NoPopulation, r.Value.Numerator),
                });

            case ScoreMetric.OnTimeReporting:
                // A month counts once it is late or reported; one still within its due day (or not yet due) does not count yet.
                var cells = (await figures.BoardAsync(year, ct))
                    .SelectMany(r => r.Cells.Select(c => (Branch: BranchOf(r.UnitCode), Reported: c.State is BoardState.Submitted or BoardState.Returned or BoardState.Approved, c.Late)))
                    .Where(c => c.Reported || c.Late).ToList();
                return Ratio(b => (cells.Count(c => c.Branch == b.Code && !c.Late), cells.Count(c => c.Branch == b.Code)), ScoreGap.NothingDue, 100);

            case ScoreMetric.ChecklistMet:
                var rows = (await programme.ChecklistsAsync(year, ct)).SelectMany(u => u.Value.Select(r => (Branch: BranchOf(u.Key), r.Met))).ToList();
                return Ratio(b => (rows.Count(r => r.Branch == b.Code && r.Met), rows.Count(r => r.Branch == b.Code)), ScoreGap.NoChecklist, 100);

            case ScoreMetric.TrainingHoursPerStaff:
                var hours = (await training.HoursAsync(year, ct)).Units.Select(u => (Branch: BranchOf(u.UnitCode), u.Hours)).ToList();
                var ids = units.Select(u => u.Id).ToList();
                var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && ids.Contains(s.UnitId)).GroupBy(s => s.UnitId)
                    .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                return Ratio(b => (hours.Where(h => h.Branch == b.Code).Sum(h => h.Hours), units.Where(u => u.BranchId == b.Id).Sum(u => staff.GetValueOrDefault(u.Id))),
                    ScoreGap.NoStaff, 1);

            case ScoreMetric.ActivitiesHeld:
                var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
                var unitIds = units.Select(u => u.Id).ToList();
                var held = await db.Activities.AsNoTracking().Where(a => unitIds.Contains(a.UnitId) && a.Date >= first && a.Date <= last)
                    .GroupBy(a => a.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                return branches.ToDictionary(b => b.Code, b => MetricValue.Count(units.Where(u => u.BranchId == b.Id).Sum(u => held.GetValueOrDefault(u.Id))));

            default:
                return (await resources.StandardAsync(year, ct)).ToDictionary(d => d.BranchCode, d => MetricValue.Count(d.Volumes));
        }
    }
}
