namespace BranchNetwork.Core.Figures;

/// <summary>The <c>Figures</c> settings.</summary>
public sealed class FiguresOptions
{
    public const string Section = "Figures";

    /// <summary>A month's report is due on this day of the following month.</summary>
    public int DueDay { get; set; } = 5;

    /// <summary>Largest import file accepted (as uploaded, before any unpacking).</summary>
    public long MaxImportBytes { get; set; } = 10 * 1024 * 1024;

    public ImportLimits Import { get; set; } = new();

    public AnomalyOptions Anomaly { get; set; } = new();
}

/// <summary>
/// How much of a file an import reads before it refuses (<c>Figures:Import:*</c>). The largest honest file is ten years
/// of the whole network: about 53 units × 120 months = 6,360 rows of 4 + 12 columns, some 4 MB of sheet XML; each limit
/// leaves room above that. Measured before these limits: a 2.5 MB .xlsx of 2 million rows took 74 s and 4.2 GB, a
/// 409 KB one with a 400 MB cell 7.8 GB.
/// </summary>
public sealed class ImportLimits
{
    /// <summary>Rows read, header and empty rows included: the reading stops at the first row over it.</summary>
    public int MaxRows { get; set; } = 20_000;

    public int MaxColumns { get; set; } = 64;

    /// <summary>Characters in one cell (a unit name is at most 100, a number a few dozen).</summary>
    public int MaxCellLength { get; set; } = 1_000;

    /// <summary>An .xlsx is a zip: the sum of its parts once unpacked, checked before the sheet is parsed.</summary>
    public long MaxUnpackedBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Unpacked to packed size of one part above <see cref="RatioCheckedFrom"/> bytes. Sheets that Excel writes pack
    /// about 5 to 20 times; a part of repeated bytes packs 1,000 times (a zip bomb).
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 100;

    public long RatioCheckedFrom { get; set; } = 1024 * 1024;

    /// <summary>Problems listed in a rejection; those beyond are counted, not listed.</summary>
    public int MaxProblems { get; set; } = 200;

    /// <summary>Characters of the file's own text repeated in a message (a longer one is cut and ends with "…").</summary>
    public int MaxEcho { get; set; } = 50;
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
