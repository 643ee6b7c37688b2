using System.Text.Json.Serialization;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Analytics;

/// <summary>A month of a year, or the whole year when <paramref name="Month"/> is null.</summary>
public readonly record struct AnalyticsPeriod(int Year, int? Month = null)
{
    [JsonIgnore]
    public int FromKey => Year * 100 + (Month ?? 1);

    [JsonIgnore]
    public int ToKey => Year * 100 + (Month ?? 12);

    [JsonIgnore]
    public AnalyticsPeriod YearBefore => this with { Year = Year - 1 };

    [JsonIgnore]
    public DateOnly FirstDay => new(Year, Month ?? 1, 1);

    [JsonIgnore]
    public DateOnly LastDay => Month is { } m ? new DateOnly(Year, m, 1).AddMonths(1).AddDays(-1) : new DateOnly(Year, 12, 31);

    public override string ToString() => Month is { } m ? $"{Year:0000}-{m:00}" : $"{Year:0000}";
}

/// <summary>
/// An indicator's counted total in the period (approved + provisional; null: nothing reported), its provisional part,
/// and the like-for-like comparison with the same period a year before.
/// </summary>
public sealed record KeyFigure(string Code, string NameZh, string NameEn, decimal? Value, decimal Provisional, Comparison Comparison)
{
    [JsonIgnore]
    public decimal? Change => Comparison.Change;
}

public sealed record ReturnedReport(string UnitCode, string UnitName, string? BranchCode, Period Period, string? Comment);

public sealed record StandardGap(string UnitCode, string UnitName, StandardKind Kind, decimal Actual, decimal Required);

public enum StandardKind
{
    Deliveries,
    OpeningHours,
}

/// <summary>A unit whose report is still due, with the branch whose entry page holds it.</summary>
public sealed record UnitToSubmit(string Code, string Name, string BranchCode);

/// <summary>Everything the home dashboard shows, read in one go for the caller's scope.</summary>
public sealed record DashboardData(
    AnalyticsPeriod Period,
    IReadOnlyList<KeyFigure> Figures,
    Period DueMonth,
    IReadOnlyList<UnitToSubmit> StillToSubmit,
    IReadOnlyList<ReturnedReport> Returned,
    IReadOnlyList<StandardGap> BelowStandard);

public enum TrendScale
{
    Months,
    Years,
}

public enum TrendTargetKind
{
    Network,
    Branch,
    BranchWithPoints,
    Unit,

    /// <summary>Every unit in a township (<see cref="TrendTarget.Code"/> is the township's name).</summary>
    Township,
}

/// <summary>What one line of a trend adds up: the network, a branch alone or with its service points, or one unit.</summary>
public sealed record TrendTarget(TrendTargetKind Kind, string? Code = null);

/// <summary>One line of a trend: the counted total of each point (approved + provisional) and its provisional part.</summary>
public sealed record TrendSeries(TrendTarget Target, string Name, IReadOnlyList<decimal?> Values, IReadOnlyList<decimal> Provisional)
{
    /// <summary>The points of a per-capita trend without a population to divide by ("缺人口数据", not "not reported").</summary>
    public IReadOnlySet<int> NoPopulation { get; init; } = new HashSet<int>();
}

/// <summary>An indicator over months or years: one label per point, one series per target, and the points that fell in a closure.</summary>
public sealed record TrendData(string IndicatorCode, IReadOnlyList<string> Labels, IReadOnlyList<TrendSeries> Series, IReadOnlySet<int> ClosedPoints);

/// <summary>A branch with its service points: the counted total (approved + provisional) and its provisional part.</summary>
public sealed record BranchRanking(string Code, string Name, decimal Total, decimal Provisional, decimal? PerOpeningHour, decimal Share);

public sealed record MapUnit(string Code, string Name, UnitKind Kind, string? ParentCode, double Latitude, double Longitude, UnitStatus Status, bool Plaqued,
    ReportState? MonthState);
