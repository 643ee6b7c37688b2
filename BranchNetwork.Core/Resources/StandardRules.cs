using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Resources;

/// <summary>What a rule measured for one unit: the verdict, the value (null when there is nothing to measure) and, for the plaque, its date.</summary>
public sealed record Measurement(bool Met, decimal? Value, DateOnly? On = null);

/// <summary>
/// The facts of one unit in one year that the checklist rules read. Profile values are today's (the profile keeps no
/// history); holdings are those at the end of the year; learning hours and reports are the year's.
/// </summary>
public sealed record UnitFacts(
    int Year,
    DateOnly? PlaquedOn,
    decimal? OpeningHoursPerWeek,
    int? Seats,
    decimal? FloorArea,
    decimal PublicComputers,
    decimal Volumes,
    decimal LearningHours,
    int DueMonths,
    int OnTimeMonths);

/// <summary>
/// The checklist rules: how each <see cref="StandardRule"/> turns a unit's facts into a verdict against its line N.
/// A missing fact (no opening hours in the profile, no month due yet) is never met.
/// </summary>
public static class StandardRules
{
    /// <returns>Null for <see cref="StandardRule.None"/>: such an item is met by recorded evidence, not measured.</returns>
    public static Measurement? Measure(StandardRule rule, decimal? threshold, UnitFacts facts)
    {
        var n = threshold ?? 0;
        return rule switch
        {
            StandardRule.None => null,
            StandardRule.Plaqued => facts.PlaquedOn is { } on && on.Year <= facts.Year ? new Measurement(true, null, on) : new Measurement(false, null),
            StandardRule.WeeklyOpeningHours => AtLeast(facts.OpeningHoursPerWeek, n),
            StandardRule.Seats => AtLeast(facts.Seats, n),
            StandardRule.FloorArea => AtLeast(facts.FloorArea, n),
            StandardRule.PublicComputers => AtLeast(facts.PublicComputers, n),
            StandardRule.Volumes => AtLeast(facts.Volumes, n),
            StandardRule.StaffLearningHours => AtLeast(facts.LearningHours, n),
            // Compared as whole numbers (on time × 100 ≥ N × due), so a share shown rounded is never judged rounded.
            StandardRule.ReportsOnTime => facts.DueMonths == 0
                ? new Measurement(false, null)
                : new Measurement(facts.OnTimeMonths * 100m >= n * facts.DueMonths, Math.Round(facts.OnTimeMonths * 100m / facts.DueMonths, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
        };
    }

    /// <summary>
    /// The months of <paramref name="year"/> a unit had to report by <paramref name="today"/>: a branch or service point,
    /// not Planned or Closed, open by that month (not before its opening), and the month's due day passed.
    /// </summary>
    public static IEnumerable<Period> DueMonths(UnitKind kind, UnitStatus status, DateOnly? openedOn, int year, DateOnly today, Func<Period, DateOnly> dueOn)
    {
        if (kind == UnitKind.HeadLibrary || status is UnitStatus.Planned or UnitStatus.Closed)
        {
            return [];
        }

        return Enumerable.Range(1, 12).Select(m => new Period(year, m))
            .Where(p => (openedOn is not { } opened || Period.Of(opened) <= p) && dueOn(p) < today);
    }

    private static Measurement AtLeast(decimal? value, decimal n) => new(value >= n, value);
}
