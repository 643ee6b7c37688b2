using BranchNetwork.Core.Common;
using BranchNetwork.Core.Scores;

namespace BranchNetwork.Tests.Scores;

/// <summary>How a raw value is scaled and weighted, and which parameters a component may have.</summary>
public sealed class ScoringRulesTests
{
    private static decimal Linear(decimal value) => ScoringRules.Scale(ScoreScaling.Linear, 50, 100, value);

    [Theory]
    [InlineData(20, 0)] // below the floor
    [InlineData(50, 0)] // at the floor
    [InlineData(75, 50)] // half way
    [InlineData(90, 80)]
    [InlineData(66.66, 33.3)] // one decimal, rounded
    [InlineData(100, 100)] // at the target
    [InlineData(130, 100)] // above the target: capped
    public void A_linear_scale_runs_from_the_floor_to_the_target(decimal value, decimal score) => Assert.Equal(score, Linear(value));

    [Theory]
    [InlineData(499, 0)]
    [InlineData(500, 100)]
    [InlineData(800, 100)]
    public void A_threshold_is_met_or_not(decimal value, decimal score) =>
        Assert.Equal(score, ScoringRules.Scale(ScoreScaling.Threshold, null, 500, value));

    [Fact]
    public void Points_are_the_score_times_the_weight()
    {
        Assert.Equal(12.5m, ScoringRules.Weighted(62.5m, 20));
        Assert.Equal(3.33m, ScoringRules.Weighted(33.3m, 10));
        Assert.Equal(0m, ScoringRules.Weighted(100, 0));
    }

    [Theory]
    [InlineData(80, 80)]
    [InlineData(90, 80)]
    public void A_floor_not_below_the_target_is_refused(decimal floor, decimal target)
    {
        var e = Assert.Throws<DomainException>(() => ScoringRules.Check(new ScoreDefinition("甲", "A", 10, ScoreScaling.Linear, floor, target)));
        Assert.Equal(ErrorCodes.ScoresFloorNotBelowTarget, e.Code);
        Assert.Equal(nameof(ScoreDefinition.Floor), e.Field);
    }

    [Theory]
    [InlineData(-1, ErrorCodes.ScoresWeightOutOfRange)]
    [InlineData(100.5, ErrorCodes.ScoresWeightOutOfRange)]
    [InlineData(10.123, ErrorCodes.TooManyDecimals)]
    public void A_weight_outside_0_to_100_percent_is_refused(decimal weight, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => ScoringRules.Check(new ScoreDefinition("甲", "A", weight, ScoreScaling.Linear, 0, 1))).Code);

    [Fact]
    public void A_linear_scale_needs_a_floor_and_every_scale_a_target()
    {
        Assert.Equal(nameof(ScoreDefinition.Floor),
            Assert.Throws<DomainException>(() => ScoringRules.Check(new ScoreDefinition("甲", "A", 10, ScoreScaling.Linear, null, 1))).Field);
        Assert.Equal(nameof(ScoreDefinition.Target),
            Assert.Throws<DomainException>(() => ScoringRules.Check(new ScoreDefinition("甲", "A", 10, ScoreScaling.Threshold, null, null))).Field);
        ScoringRules.Check(new ScoreDefinition("甲", "A", 10, ScoreScaling.Threshold, null, 500));
    }
}
