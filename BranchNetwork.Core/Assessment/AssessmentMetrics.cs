using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Assessment;

/// <summary>Where a metric's yearly value comes from (each is computed by <see cref="AssessmentService"/> from one source).</summary>
public enum MetricSource
{
    /// <summary>Approved visits of the year ÷ approved valid library cards on the December reports.</summary>
    VisitsPerValidCard,

    /// <summary>The approved total of one monthly indicator over the year.</summary>
    CountedTotal,

    /// <summary>A per-capita or coverage figure of <see cref="Population.PerCapitaRules"/> for the network.</summary>
    PerCapita,

    /// <summary>Learning hours credited in the year ÷ active staff members.</summary>
    TrainingHoursPerStaff,

    /// <summary>The head library's weekly opening hours (profile, today's value).</summary>
    HeadLibraryOpeningHours,

    /// <summary>The average weekly opening hours of the open branches and service points (profiles, today's values).</summary>
    NetworkOpeningHours,
}

/// <summary>One metric the portal can measure an item by; its name and rule are resources <c>Assessment.Metric.{Code}</c> and <c>Assessment.MetricRule.{Code}</c>.</summary>
/// <param name="Source">How it is computed.</param>
/// <param name="Argument">The indicator (counted totals) or per-capita rule code.</param>
/// <param name="Decimals">Decimal places it is shown with.</param>
/// <param name="FromProfile">Read from today's unit profiles, which keep no history: every year of the period shows the same value.</param>
public sealed record AssessmentMetric(string Code, MetricSource Source, string? Argument, string MeasureUnit, int Decimals, bool FromProfile = false);

/// <summary>
/// The metric registry: the portal's own figures that an item can be measured by. A new metric is one row here and
/// its two resources (and, for a new kind of source, one case in <see cref="AssessmentService"/>).
/// </summary>
public static class AssessmentMetrics
{
    public static readonly IReadOnlyList<AssessmentMetric> All =
    [
        new("visits_per_card", MetricSource.VisitsPerValidCard, null, "次", 2),
        new("loans", MetricSource.CountedTotal, "loans", "册次", 0),
        new("visits", MetricSource.CountedTotal, "visits", "人次", 0),
        new("programs", MetricSource.CountedTotal, "programs", "场", 0),
        new("items_added_per_resident", MetricSource.PerCapita, "items_added_per_resident", "册", 4),
        new("visits_per_resident", MetricSource.PerCapita, "visits_per_resident", "次", 2),
        new("township_coverage", MetricSource.PerCapita, "township_coverage", "%", 1),
        new("village_coverage", MetricSource.PerCapita, "village_coverage", "%", 1),
        new("training_hours_per_staff", MetricSource.TrainingHoursPerStaff, null, "小时", 1),
        new("head_opening_hours", MetricSource.HeadLibraryOpeningHours, null, "小时", 1, FromProfile: true),
        new("network_opening_hours", MetricSource.NetworkOpeningHours, null, "小时", 1, FromProfile: true),
    ];

    public static AssessmentMetric Find(string? code) =>
        All.FirstOrDefault(m => m.Code == code?.Trim()) ?? throw new DomainException(ErrorCodes.AssessmentMetricUnknown, "MetricCode", code ?? "");
}

/// <summary>Why a year of a metric has no value.</summary>
public enum MetricGap
{
    None,

    /// <summary>No approved figures of what it counts in that year.</summary>
    NoFigures,

    /// <summary>No resident population (or village count) to divide by: "缺人口数据".</summary>
    NoPopulation,

    /// <summary>No active staff member to divide the learning hours by.</summary>
    NoStaff,

    /// <summary>No weekly opening hours in the profiles it reads.</summary>
    NoProfile,

    /// <summary>The year has not begun.</summary>
    NotBegun,
}

/// <summary>A metric's value in one year, or why it has none.</summary>
public sealed record MetricYear(int Year, decimal? Value, MetricGap Gap)
{
    public static MetricYear Missing(int year, MetricGap gap) => new(year, null, gap);
}
