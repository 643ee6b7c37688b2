namespace BranchNetwork.Core.Assessment;

public sealed record ItemInfo(int Id, int Version, AssessmentItemDefinition Definition)
{
    public AssessmentMetric? Metric => Definition.Kind == AssessmentKind.Measured ? AssessmentMetrics.Find(Definition.MetricCode) : null;

    /// <summary>The years averaged for an assessment year: the period's years ending with it, oldest first.</summary>
    public IReadOnlyList<int> PeriodOf(int year) => Definition.Kind == AssessmentKind.Manual
        ? []
        : Enumerable.Range(year - Definition.PeriodYears + 1, Definition.PeriodYears).ToList();
}

public sealed record SectionInfo(int Id, string NameZh, string NameEn, IReadOnlyList<ItemInfo> Items);

/// <summary>The tree as the scorer reads it: its note (the example's label), sections with items, grades from the highest.</summary>
public sealed record AssessmentTreeInfo(string? NoteZh, string? NoteEn, IReadOnlyList<SectionInfo> Sections, IReadOnlyList<GradeDefinition> Grades);

/// <summary>A manual item's recorded score for the year, with its evidence.</summary>
public sealed record ManualInfo(int? ScoreId, int Version, decimal? Points, string? Note, IReadOnlyList<EvidenceInfo> Evidence);

public sealed record EvidenceInfo(int Id, EvidenceKind Kind, string Name, string? StoredName, long SizeBytes);

public enum ItemState
{
    Scored,

    /// <summary>A measured item lacks a value in some year of its period: it earns nothing, and says which years.</summary>
    MissingData,

    /// <summary>A manual item not scored yet.</summary>
    NotScored,
}

/// <summary>One item's line of the score sheet.</summary>
/// <param name="Average">The period's average, rounded as the metric is shown (what is shown is what is judged).</param>
/// <param name="Reached">The threshold the average reached (measured items).</param>
/// <param name="Next">The next threshold up, if any (measured items).</param>
public sealed record ItemScore(
    ItemInfo Item,
    IReadOnlyList<MetricYear> Years,
    decimal? Average,
    ItemState State,
    decimal Earned,
    Threshold? Reached,
    Threshold? Next,
    ManualInfo? Manual)
{
    public IReadOnlyList<MetricYear> MissingYears => Years.Where(y => y.Value is null).ToList();
}

public sealed record SectionScore(SectionInfo Section, IReadOnlyList<ItemScore> Items)
{
    public decimal Earned => Items.Sum(i => i.Earned);

    public decimal Max => Items.Sum(i => i.Item.Definition.MaxPoints);
}

/// <summary>A step towards the next grade: an item and the points it would gain.</summary>
/// <param name="TargetValue">For a measured item, the value its average must reach.</param>
/// <param name="Effort">How far that is, from 0 (there already) to 1 (a whole step, or a manual item's work).</param>
public sealed record Suggestion(ItemScore Item, decimal FromPoints, decimal ToPoints, decimal? TargetValue, decimal Effort)
{
    public decimal Gain => ToPoints - FromPoints;
}

/// <param name="NoApprovedFigures">No approved monthly report at all in the assessment year: its measured items say so.</param>
/// <param name="CheapestReaches">Whether the suggested items together gain the points to the next grade.</param>
public sealed record AssessmentResult(
    int Year,
    AssessmentTreeInfo Tree,
    IReadOnlyList<SectionScore> Sections,
    GradeDefinition? Grade,
    GradeDefinition? NextGrade,
    IReadOnlyList<Suggestion> Cheapest,
    bool CheapestReaches,
    bool NoApprovedFigures)
{
    public decimal Total => Sections.Sum(s => s.Earned);

    public decimal Max => Sections.Sum(s => s.Max);

    public decimal? PointsToNext => NextGrade is null ? null : NextGrade.MinimumTotal - Total;
}

/// <summary>
/// Scores a tree for a year from each measured item's yearly metric values and each manual item's score: points per
/// item, the total, the grade reached, the points to the next grade and the cheapest items to get there (README
/// "Self-assessment").
/// </summary>
public static class AssessmentScorer
{
    public static AssessmentResult Score(int year, AssessmentTreeInfo tree, Func<ItemInfo, IReadOnlyList<MetricYear>> metricYears,
        Func<ItemInfo, ManualInfo?> manual, bool noApprovedFigures = false)
    {
        var sections = tree.Sections.Select(s => new SectionScore(s, s.Items.Select(i => i.Definition.Kind == AssessmentKind.Measured
            ? Measured(i, metricYears(i))
            : Manual(i, manual(i))).ToList())).ToList();
        var total = sections.Sum(s => s.Earned);
        var grades = tree.Grades.OrderByDescending(g => g.MinimumTotal).ToList();
        var grade = grades.FirstOrDefault(g => total >= g.MinimumTotal);
        var next = grades.Where(g => g.MinimumTotal > total).OrderBy(g => g.MinimumTotal).FirstOrDefault();
        var (cheapest, reaches) = next is null ? ([], true) : Cheapest(sections.SelectMany(s => s.Items), next.MinimumTotal - total);
        return new AssessmentResult(year, tree, sections, grade, next, cheapest, reaches, noApprovedFigures);
    }

    public static ItemScore Measured(ItemInfo item, IReadOnlyList<MetricYear> years)
    {
        var steps = item.Definition.Thresholds ?? [];
        if (years.Count == 0 || years.Any(y => y.Value is null))
        {
            return new ItemScore(item, years, null, ItemState.MissingData, 0, null, steps.Count > 0 ? steps[^1] : null, null);
        }

        var average = Math.Round(years.Average(y => y.Value!.Value), item.Metric!.Decimals, MidpointRounding.AwayFromZero);
        var reached = steps.FirstOrDefault(s => average >= s.Minimum);
        var nextUp = steps.LastOrDefault(s => s.Points > (reached?.Points ?? 0));
        return new ItemScore(item, years, average, ItemState.Scored, reached?.Points ?? 0, reached, nextUp, null);
    }

    private static ItemScore Manual(ItemInfo item, ManualInfo? manual) =>
        new(item, [], null, manual?.Points is null ? ItemState.NotScored : ItemState.Scored, manual?.Points ?? 0, null, null, manual);

    /// <summary>
    /// Each measured item's next threshold (how far its average is from it, relative to the step it climbs) and each
    /// manual item short of full marks (a whole step of work), by points gained per effort, until the gap is closed.
    /// Measured items without data are left out: what they would earn is not known.
    /// </summary>
    private static (IReadOnlyList<Suggestion>, bool) Cheapest(IEnumerable<ItemScore> items, decimal gap)
    {
        var candidates = new List<Suggestion>();
        foreach (var item in items)
        {
            if (item.Item.Definition.Kind == AssessmentKind.Manual && item.Earned < item.Item.Definition.MaxPoints)
            {
                candidates.Add(new Suggestion(item, item.Earned, item.Item.Definition.MaxPoints, null, 1));
            }
            else if (item is { State: ItemState.Scored, Next: { } next, Average: { } average })
            {
                var from = item.Reached?.Minimum ?? 0;
                var effort = Math.Clamp((next.Minimum - average) / (next.Minimum - from), 0.0001m, 1);
                candidates.Add(new Suggestion(item, item.Earned, next.Points, next.Minimum, Math.Round(effort, 4)));
            }
        }

        var chosen = new List<Suggestion>();
        var gained = 0m;
        foreach (var s in candidates.OrderByDescending(c => c.Gain / c.Effort).ThenBy(c => c.Effort).ThenBy(c => c.Item.Item.Definition.Code, StringComparer.Ordinal))
        {
            if (gained >= gap)
            {
                break;
            }

            chosen.Add(s);
            gained += s.Gain;
        }

        return (chosen, gained >= gap);
    }
}
