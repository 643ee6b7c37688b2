namespace BranchNetwork.Core.Scores;

/// <summary>A component of the scheme as the portal shows it.</summary>
public sealed record ScoreComponentRecord(ScoreMetric Metric, ScoreDefinition Definition, bool IsExample, int Version)
{
    public bool Scored => Definition.Weight > 0;
}

/// <summary>What the scheme editor sends for a component: its definition and the version it read.</summary>
public sealed record ScoreComponentInput(ScoreMetric Metric, ScoreDefinition Definition, int Version);

/// <summary>Why a component has no raw value; a missing component scores 0 points and says why (README "Branch scores").</summary>
public enum ScoreGap
{
    None,

    /// <summary>The township has no resident population that year ("缺人口数据").</summary>
    NoPopulation,

    /// <summary>No approved figures of the indicator in the year.</summary>
    NoFigures,

    /// <summary>No month of the year was due and past its due day.</summary>
    NothingDue,

    NoChecklist,

    /// <summary>No active staff member to divide the learning hours by.</summary>
    NoStaff,
}

/// <summary>A component's raw value with what it was computed from (null numerator or denominator: not a ratio).</summary>
public sealed record MetricValue(decimal? Value, decimal? Numerator, decimal? Denominator, ScoreGap Gap)
{
    public static MetricValue Missing(ScoreGap gap, decimal? numerator = null, decimal? denominator = null) => new(null, numerator, denominator, gap);

    public static MetricValue Count(decimal value) => new(value, null, null, ScoreGap.None);
}

/// <summary>One component of a branch's sheet: raw value, scaled score (null: missing) and weighted points.</summary>
public sealed record ComponentScore(ScoreMetric Metric, MetricValue Raw, decimal? Score, decimal Points)
{
    public bool Missing => Score is null;
}

/// <summary>A branch with its service points, scored: its components, total (of 100) and rank among the branches shown.</summary>
/// <param name="Rank">Null for a branch worker, who sees their own sheet and no ranking.</param>
public sealed record BranchScore(string Code, string Name, IReadOnlyList<string> ServicePoints, IReadOnlyList<ComponentScore> Components, decimal Total, int? Rank)
{
    public int MissingComponents => Components.Count(c => c.Missing);
}

/// <summary>A year's scores: the scored components of the scheme and the branches, best first.</summary>
/// <param name="Ranked">The reader sees the whole network, so the branches are ranked.</param>
public sealed record ScoreYear(int Year, IReadOnlyList<ScoreComponentRecord> Components, IReadOnlyList<BranchScore> Branches, bool Ranked, bool ExampleScheme);
