namespace BranchNetwork.Core.Figures;

/// <summary>The <c>Figures</c> settings.</summary>
public sealed class FiguresOptions
{
    public const string Section = "Figures";

    /// <summary>A month's report is due on this day of the following month.</summary>
    public int DueDay { get; set; } = 5;

    /// <summary>Largest import file accepted.</summary>
    public long MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    public AnomalyOptions Anomaly { get; set; } = new();
}

/// <summary>When a value is worth a second look (warnings, not errors). <c>Figures:Anomaly:*</c>.</summary>
public sealed class AnomalyOptions
{
    /// <summary>How many previous months make the unit's own trailing median.</summary>
    public int HistoryMonths { get; set; } = 12;

    /// <summary>The fewest months of history before the median is trusted.</summary>
    public int MinimumHistory { get; set; } = 3;

    /// <summary>Flag a value over (1 + this) times the trailing median or under the median divided by it (1.0: double or half).</summary>
    public decimal MedianDeviation { get; set; } = 1.0m;

    /// <summary>Flag a value more than this share away from the same month last year.</summary>
    public decimal LastYearDeviation { get; set; } = 1.0m;

    /// <summary>A zero is flagged in an open month only where the unit's median is at least this.</summary>
    public decimal ZeroWhileOpenMinimumMedian { get; set; } = 5m;
}
