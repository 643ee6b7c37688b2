using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;

namespace BranchNetwork.Tests.Assessment;

/// <summary>The scorer on trees built by hand: points at, just below and just above each threshold, grades, gaps and the cheapest path.</summary>
public sealed class AssessmentScorerTests
{
    private static readonly Threshold[] VisitSteps = [new(25, 10), new(20, 8), new(10, 6), new(5, 4)];

    private static ItemInfo Measured(int id, string code, decimal max, IReadOnlyList<Threshold> steps, int years = 4) =>
        new(id, 0, new AssessmentItemDefinition(code, code, code, max, AssessmentKind.Measured, "visits_per_card", years, steps));

    private static ItemInfo Manual(int id, string code, decimal max) => new(id, 0, new AssessmentItemDefinition(code, code, code, max, AssessmentKind.Manual));

    private static AssessmentTreeInfo Tree(IReadOnlyList<GradeDefinition> grades, params ItemInfo[] items) =>
        new(null, null, [new SectionInfo(1, "服务", "Service", items)], grades);

    private static readonly GradeDefinition[] Grades = [new("一级", "Grade 1", 60), new("二级", "Grade 2", 45), new("三级", "Grade 3", 30)];

    private static IReadOnlyList<MetricYear> Constant(decimal value, int years = 4) =>
        Enumerable.Range(2022, years).Select(y => new MetricYear(y, value, MetricGap.None)).ToList();

    [Theory]
    [InlineData(25, 10)]
    [InlineData(24.99, 8)]
    [InlineData(25.01, 10)]
    [InlineData(20, 8)]
    [InlineData(19.99, 6)]
    [InlineData(20.01, 8)]
    [InlineData(10, 6)]
    [InlineData(9.99, 4)]
    [InlineData(10.01, 6)]
    [InlineData(5, 4)]
    [InlineData(4.99, 0)]
    [InlineData(5.01, 4)]
    [InlineData(0, 0)]
    [InlineData(1000, 10)]
    public void A_measured_item_earns_the_points_of_the_highest_threshold_its_average_reaches(double average, int points)
    {
        var item = Measured(1, "visits_per_card", 10, VisitSteps);

        var score = AssessmentScorer.Measured(item, Constant((decimal)average));

        Assert.Equal(ItemState.Scored, score.State);
        Assert.Equal(points, score.Earned);
        Assert.Equal(points == 0 ? null : VisitSteps.First(s => s.Points == points), score.Reached);
    }

    [Fact]
    public void The_average_is_over_the_period_and_judged_as_shown()
    {
        var item = Measured(1, "visits_per_card", 10, VisitSteps);
        // 24.994 and 25.006 average to 25.00 as shown with two decimals: that is what is judged.
        var years = new[] { 20m, 24.994m, 25.006m, 30m }.Select((v, i) => new MetricYear(2022 + i, v, MetricGap.None)).ToList();

        var score = AssessmentScorer.Measured(item, years);

        Assert.Equal(25.00m, score.Average);
        Assert.Equal(10, score.Earned);
    }

    [Fact]
    public void A_year_without_data_earns_nothing_and_is_named_not_counted_as_zero()
    {
        var item = Measured(1, "visits_per_card", 10, VisitSteps);
        var years = new[] { new MetricYear(2022, 30, MetricGap.None), MetricYear.Missing(2023, MetricGap.NoFigures), new MetricYear(2024, 30, MetricGap.None),
            MetricYear.Missing(2025, MetricGap.NoPopulation) };

        var score = AssessmentScorer.Measured(item, years);

        Assert.Equal(ItemState.MissingData, score.State);
        Assert.Null(score.Average);
        Assert.Equal(0, score.Earned);
        Assert.Equal([2023, 2025], score.MissingYears.Select(y => y.Year));
        Assert.Equal([MetricGap.NoFigures, MetricGap.NoPopulation], score.MissingYears.Select(y => y.Gap));
    }

    [Theory]
    [InlineData(60, "一级", null)]
    [InlineData(59.9, "二级", "一级")]
    [InlineData(60.1, "一级", null)]
    [InlineData(45, "二级", "一级")]
    [InlineData(44.9, "三级", "二级")]
    [InlineData(45.1, "二级", "一级")]
    [InlineData(30, "三级", "二级")]
    [InlineData(29.9, null, "三级")]
    [InlineData(30.1, "三级", "二级")]
    public void The_grade_is_the_highest_whose_least_total_is_reached(double total, string? grade, string? next)
    {
        var item = Manual(1, "everything", 100);

        var result = AssessmentScorer.Score(2025, Tree(Grades, item), _ => [], _ => new ManualInfo(1, 1, (decimal)total, "评分", []));

        Assert.Equal((decimal)total, result.Total);
        Assert.Equal(grade, result.Grade?.NameZh);
        Assert.Equal(next, result.NextGrade?.NameZh);
        Assert.Equal(next is null ? null : Grades.Single(g => g.NameZh == next).MinimumTotal - (decimal)total, result.PointsToNext);
    }

    [Fact]
    public void The_cheapest_path_takes_the_most_points_per_effort_until_the_gap_is_closed()
    {
        // Total 28 of grade 3's 30: visits (average 19, 1 short of 20 on a step of 10: effort 0.1, +2 points) comes
        // before the manual item (14 of 20: effort 1, +6) and before loans (average 11 of a step 10 → 20: effort 0.9, +2).
        var visits = Measured(1, "visits", 10, VisitSteps);
        var loans = Measured(2, "loans", 10, [new(20, 10), new(10, 8)]);
        var satisfaction = Manual(3, "satisfaction", 20);
        var hours = Measured(4, "hours", 10, [new(40, 10)]);
        var values = new Dictionary<int, IReadOnlyList<MetricYear>>
        {
            [1] = Constant(19),
            [2] = Constant(11),
            [4] = [MetricYear.Missing(2025, MetricGap.NoStaff)],
        };
        var tree = Tree([new("三级", "Grade 3", 30)], visits, loans, satisfaction, hours);

        var result = AssessmentScorer.Score(2025, tree, i => values[i.Id], _ => new ManualInfo(1, 1, 14, "评分", []));

        Assert.Equal(6 + 8 + 14, result.Total);
        Assert.Equal(2, result.PointsToNext);
        var first = Assert.Single(result.Cheapest);
        Assert.Equal("visits", first.Item.Item.Definition.Code);
        Assert.Equal(20, first.TargetValue);
        Assert.Equal(0.1m, first.Effort);
        Assert.Equal(2, first.Gain);
        Assert.True(result.CheapestReaches);
    }

    [Fact]
    public void When_every_step_together_is_not_enough_the_path_says_so()
    {
        var visits = Measured(1, "visits", 10, VisitSteps);
        var result = AssessmentScorer.Score(2025, Tree([new("一级", "Grade 1", 60)], visits), _ => Constant(12), _ => null);

        var only = Assert.Single(result.Cheapest);
        Assert.Equal(20, only.TargetValue);
        Assert.False(result.CheapestReaches);
    }

    [Theory]
    [InlineData("25=10;20=8;10=6;5=4", null)]
    [InlineData("25=10;25=8", ErrorCodes.AssessmentThresholdsOutOfOrder)]
    [InlineData("20=10;25=8", ErrorCodes.AssessmentThresholdsOutOfOrder)]
    [InlineData("25=8;20=10", ErrorCodes.AssessmentThresholdsOutOfOrder)]
    [InlineData("25=8;20=8", ErrorCodes.AssessmentThresholdsOutOfOrder)]
    [InlineData("25=12;20=8", ErrorCodes.AssessmentThresholdAboveMax)]
    [InlineData("25=10;-1=4", ErrorCodes.AssessmentThresholdNegative)]
    [InlineData("25=10;5=0", ErrorCodes.AssessmentThresholdNegative)]
    [InlineData("", ErrorCodes.AssessmentThresholdsRequired)]
    public void Thresholds_must_fall_strictly_in_value_and_points_and_stay_within_the_maximum(string steps, string? error)
    {
        var parsed = Thresholds.Parse(steps);

        if (error is null)
        {
            Assert.Equal(parsed, Thresholds.Check(parsed, 10));
            Assert.Equal(steps, Thresholds.Format(parsed));
        }
        else
        {
            Assert.Equal(error, Assert.ThrowsAny<DomainException>(() => Thresholds.Check(parsed, 10)).Code);
        }
    }

    [Fact]
    public void Grades_must_fall_strictly_from_the_highest()
    {
        Assert.Equal(Grades, AssessmentGrade.Check(Grades));
        var outOfOrder = Assert.ThrowsAny<DomainException>(() => AssessmentGrade.Check([new("一级", "1", 45), new("二级", "2", 60)]));
        Assert.Equal(ErrorCodes.AssessmentGradesOutOfOrder, outOfOrder.Code);
        Assert.Equal(2, outOfOrder.Args[0]);
        Assert.Equal(ErrorCodes.AssessmentGradesOutOfOrder, Assert.ThrowsAny<DomainException>(() => AssessmentGrade.Check([new("一级", "1", 45), new("二级", "2", 45)])).Code);
        Assert.Equal(ErrorCodes.AssessmentGradesRequired, Assert.ThrowsAny<DomainException>(() => AssessmentGrade.Check([])).Code);
    }
}
