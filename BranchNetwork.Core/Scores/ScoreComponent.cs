using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Scores;

/// <summary>What a component of the branch scores measures; each is read from one source of the portal (README "Branch scores").</summary>
public enum ScoreMetric
{
    /// <summary>Approved visits of the year ÷ the township's residents (<see cref="Population.PerCapitaRules"/>).</summary>
    VisitsPerResident,

    LoansPerResident,

    /// <summary>Months submitted by the due day ÷ months due and past their due day, in % (the deadline board).</summary>
    OnTimeReporting,

    /// <summary>Checklist items met ÷ checklist items, over the branch and its service points, in %.</summary>
    ChecklistMet,

    /// <summary>Learning hours credited in the year ÷ active staff members of the branch and its service points.</summary>
    TrainingHoursPerStaff,

    /// <summary>Activities in the log in the year (voided ones never count).</summary>
    ActivitiesHeld,

    /// <summary>Volumes delivered to the branch and its service points in the year, against the delivery standard (≥ 500).</summary>
    DeliveryStandard,
}

/// <summary>How a component's raw value becomes a score of 0–100 points.</summary>
public enum ScoreScaling
{
    /// <summary>0 at or below the floor, 100 at or above the target, a straight line between.</summary>
    Linear,

    /// <summary>100 at or above the target, 0 below it: a standard that is met or not.</summary>
    Threshold,
}

/// <summary>
/// One component of the branch performance scheme (分馆绩效考核): the metric it reads, its weight in the total (%), and
/// how its raw value is scaled. The weights of the scheme sum to 100 % (checked by <see cref="ScoresService"/> across
/// the components); a component with weight 0 is not scored.
/// </summary>
public sealed class ScoreComponent
{
    public const int NameMaxLength = 60;
    public const decimal MaxParameter = 10_000_000;

    private ScoreComponent()
    {
        NameZh = "";
        NameEn = "";
    }

    public int Id { get; private set; }

    public ScoreMetric Metric { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    /// <summary>The share of the total, in % (0–100, two decimals).</summary>
    public decimal Weight { get; private set; }

    public ScoreScaling Scaling { get; private set; }

    /// <summary>The value that scores 0 (linear scaling only).</summary>
    public decimal? Floor { get; private set; }

    /// <summary>The value that scores 100.</summary>
    public decimal Target { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>Seeded as an example; the first scheme a person saves is no longer one.</summary>
    public bool IsExample { get; private set; }

    public int Version { get; private set; }

    public static ScoreComponent Create(ScoreMetric metric, ScoreDefinition definition, int sortOrder, bool isExample)
    {
        var component = new ScoreComponent { Metric = metric, SortOrder = sortOrder };
        component.Set(definition);
        component.IsExample = isExample;
        return component;
    }

    /// <summary>Takes a person's definition; false when nothing changed (the example mark goes either way).</summary>
    public bool Update(ScoreDefinition definition)
    {
        var before = Definition;
        Set(definition);
        var changed = Definition != before || IsExample;
        IsExample = false;
        if (changed)
        {
            Version++;
        }

        return changed;
    }

    public ScoreDefinition Definition => new(NameZh, NameEn, Weight, Scaling, Floor, Target);

    private void Set(ScoreDefinition d)
    {
        ScoringRules.Check(d);
        NameZh = Texts.Required(d.NameZh, NameMaxLength, nameof(NameZh));
        NameEn = Texts.Required(d.NameEn, NameMaxLength, nameof(NameEn));
        Weight = d.Weight;
        Scaling = d.Scaling;
        Floor = d.Scaling == ScoreScaling.Linear ? d.Floor : null;
        Target = d.Target!.Value;
    }
}

/// <summary>What a person sets for a component: its names, weight (%) and scaling.</summary>
public sealed record ScoreDefinition(string NameZh, string NameEn, decimal Weight, ScoreScaling Scaling, decimal? Floor, decimal? Target);

/// <summary>How a raw value is scaled and weighted, and what a component's parameters must be.</summary>
public static class ScoringRules
{
    /// <summary>The weights of a scheme must sum to exactly this (%).</summary>
    public const decimal WeightTotal = 100;

    /// <summary>The points a raw value earns (0–100, one decimal).</summary>
    public static decimal Scale(ScoreScaling scaling, decimal? floor, decimal target, decimal value) => scaling switch
    {
        ScoreScaling.Threshold => value >= target ? 100 : 0,
        _ => value <= floor ? 0
            : value >= target ? 100
            : Math.Round(100 * (value - floor!.Value) / (target - floor.Value), 1, MidpointRounding.AwayFromZero),
    };

    /// <summary>A score's share of the total: score × weight ÷ 100, two decimals.</summary>
    public static decimal Weighted(decimal score, decimal weight) => Math.Round(score * weight / 100, 2, MidpointRounding.AwayFromZero);

    /// <summary>A component's own rules: a weight of 0–100 %, a target, and for a linear scale a floor below it.</summary>
    public static void Check(ScoreDefinition d)
    {
        if (d.Weight is < 0 or > WeightTotal)
        {
            throw new DomainException(ErrorCodes.ScoresWeightOutOfRange, nameof(ScoreDefinition.Weight));
        }

        Decimals.AtMost(d.Weight, 2, nameof(ScoreDefinition.Weight));

        if (d.Target is null)
        {
            throw new DomainException(ErrorCodes.Required, nameof(ScoreDefinition.Target));
        }

        if (d.Scaling == ScoreScaling.Linear && d.Floor is null)
        {
            throw new DomainException(ErrorCodes.Required, nameof(ScoreDefinition.Floor));
        }

        foreach (var (value, field) in new[] { (d.Floor, nameof(ScoreDefinition.Floor)), (d.Target, nameof(ScoreDefinition.Target)) })
        {
            if (value is < 0)
            {
                throw new DomainException(ErrorCodes.NegativeNumber, field);
            }

            if (value > ScoreComponent.MaxParameter)
            {
                throw new DomainException(ErrorCodes.ScoresParameterOutOfRange, field, ScoreComponent.MaxParameter);
            }

            Decimals.AtMost(value, 4, field);
        }

        if (d.Scaling == ScoreScaling.Linear && d.Floor >= d.Target)
        {
            throw new DomainException(ErrorCodes.ScoresFloorNotBelowTarget, nameof(ScoreDefinition.Floor), d.Floor!.Value, d.Target.Value);
        }
    }
}
