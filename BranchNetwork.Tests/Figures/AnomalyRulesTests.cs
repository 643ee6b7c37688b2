using BranchNetwork.Core.Figures;

namespace BranchNetwork.Tests.Figures;

public sealed class AnomalyRulesTests
{
    private static readonly AnomalyOptions Options = new();
    private static readonly decimal[] Steady = [400, 420, 380, 410, 390, 400];

    private static IEnumerable<string> Flags(decimal? value, decimal[] history, decimal? lastYear = null, MonthClosure closure = MonthClosure.Open) =>
        AnomalyRules.Check(value, history, lastYear, closure, Options).Select(f => f.Code);

    [Fact]
    public void An_ordinary_value_is_not_flagged() => Assert.Empty(Flags(430, Steady, lastYear: 380));

    [Fact]
    public void More_than_double_the_trailing_median_is_flagged_with_the_median() =>
        Assert.Equal([new AnomalyFlag(AnomalyCodes.FarFromMedian, 400)], AnomalyRules.Check(1200, Steady, null, MonthClosure.Open, Options));

    [Fact]
    public void Less_than_half_the_median_is_flagged_in_an_open_month_but_not_in_a_partly_closed_one()
    {
        Assert.Contains(AnomalyCodes.FarFromMedian, Flags(150, Steady));
        Assert.Empty(Flags(150, Steady, closure: MonthClosure.PartlyClosed));
    }

    [Fact]
    public void Far_from_the_same_month_last_year_is_flagged() =>
        Assert.Equal([AnomalyCodes.FarFromLastYear], Flags(450, [], lastYear: 100));

    [Fact]
    public void Non_zero_in_a_closed_month_is_flagged_and_zero_is_expected()
    {
        Assert.Equal([AnomalyCodes.NonZeroWhileClosed], Flags(12, Steady, closure: MonthClosure.Closed));
        Assert.Empty(Flags(0, Steady, closure: MonthClosure.Closed));
    }

    [Fact]
    public void Zero_in_an_open_month_is_flagged_where_the_unit_usually_has_some() =>
        Assert.Equal([AnomalyCodes.ZeroWhileOpen], Flags(0, Steady));

    [Fact]
    public void Zero_is_normal_for_an_indicator_that_is_usually_zero() => Assert.Empty(Flags(0, [0, 1, 0, 0]));

    [Fact]
    public void Too_little_history_trusts_no_median() => Assert.Empty(Flags(5000, [400, 410]));

    [Fact]
    public void An_empty_value_is_not_checked() => Assert.Empty(Flags(null, Steady, 100, MonthClosure.Closed));

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(405m, AnomalyRules.Median([400, 410, 380, 420]));
}
