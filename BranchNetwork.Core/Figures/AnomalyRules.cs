namespace BranchNetwork.Core.Figures;

/// <summary>A reason to look twice at a value; the submitter explains it, the reviewer sees both.</summary>
public sealed record AnomalyFlag(string Code, decimal? Reference = null);

public static class AnomalyCodes
{
    public const string FarFromMedian = "FarFromMedian";
    public const string FarFromLastYear = "FarFromLastYear";
    public const string NonZeroWhileClosed = "NonZeroWhileClosed";
    public const string ZeroWhileOpen = "ZeroWhileOpen";

    public static readonly IReadOnlyList<string> All = [FarFromMedian, FarFromLastYear, NonZeroWhileClosed, ZeroWhileOpen];
}

/// <summary>
/// The anomaly checks of design §6, against the unit's own history: far from its trailing median, far from the same
/// month last year, non-zero in a month it was closed, zero in a month it was open where it usually is not.
/// </summary>
public static class AnomalyRules
{
    /// <param name="history">The unit's values of this indicator in the preceding months it was open.</param>
    public static IReadOnlyList<AnomalyFlag> Check(decimal? value, IReadOnlyList<decimal> history, decimal? lastYear, MonthClosure closure, AnomalyOptions options)
    {
        if (value is not { } v)
        {
            return [];
        }

        if (closure == MonthClosure.Closed)
        {
            return v != 0 ? [new AnomalyFlag(AnomalyCodes.NonZeroWhileClosed)] : [];
        }

        var flags = new List<AnomalyFlag>();
        var median = history.Count >= options.MinimumHistory ? Median(history) : (decimal?)null;
        if (v == 0 && closure == MonthClosure.Open && median >= options.ZeroWhileOpenMinimumMedian)
        {
            flags.Add(new AnomalyFlag(AnomalyCodes.ZeroWhileOpen, median));
            return flags;
        }

        // A partly closed month is expected to be low: only the upward check applies then.
        if (median > 0 && Far(v, median.Value, options.MedianDeviation, closure))
        {
            flags.Add(new AnomalyFlag(AnomalyCodes.FarFromMedian, median));
        }

        if (lastYear > 0 && Far(v, lastYear.Value, options.LastYearDeviation, closure))
        {
            flags.Add(new AnomalyFlag(AnomalyCodes.FarFromLastYear, lastYear));
        }

        return flags;
    }

    /// <summary>More than (1 + deviation) times the reference, or less than the reference divided by it.</summary>
    private static bool Far(decimal value, decimal reference, decimal deviation, MonthClosure closure)
    {
        var factor = 1 + deviation;
        return value > reference * factor || (closure == MonthClosure.Open && value < reference / factor);
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        // An array sorted in place: an import takes the median of 70,000 values' histories.
        var sorted = new decimal[values.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
