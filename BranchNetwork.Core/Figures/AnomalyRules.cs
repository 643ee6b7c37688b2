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

/// <summary>One unit's months as the checks of one value read them, counted back from the value's month (0 is that month).</summary>
internal interface IMonthsBack
{
    MonthClosure ClosureBack(int back);

    /// <summary>The unit's value of the indicator checked, or null where it has none.</summary>
    decimal? ValueBack(int back);
}

internal static class MonthsBack
{
    /// <summary>The same month last year.</summary>
    public const int LastYear = 12;
}

/// <summary>
/// The anomaly checks of design §6, against the unit's own history: far from its trailing median, far from the same
/// month last year, non-zero in a month it was closed, zero in a month it was open where it usually is not.
/// </summary>
public static class AnomalyRules
{
    /// <param name="history">The unit's values of this indicator in the preceding months it was open.</param>
    public static IReadOnlyList<AnomalyFlag> Check(decimal? value, IReadOnlyList<decimal> history, decimal? lastYear, MonthClosure closure, AnomalyOptions options)
        => CheckSorting(value, history.ToArray(), lastYear, closure, options);

    /// <summary>
    /// The same checks on a history the caller owns, which is sorted in place for its median: an import checks 77,000
    /// values, and a list and a copy of each one's history was a tenth of its checks.
    /// </summary>
    internal static IReadOnlyList<AnomalyFlag> CheckSorting(decimal? value, Span<decimal> history, decimal? lastYear, MonthClosure closure, AnomalyOptions options)
    {
        if (value is not { } v)
        {
            return [];
        }

        if (closure == MonthClosure.Closed)
        {
            return v != 0 ? [new AnomalyFlag(AnomalyCodes.NonZeroWhileClosed)] : [];
        }

        var median = history.Length >= options.MinimumHistory ? MedianSorting(history) : (decimal?)null;
        if (v == 0 && closure == MonthClosure.Open && median >= options.ZeroWhileOpenMinimumMedian)
        {
            return [new AnomalyFlag(AnomalyCodes.ZeroWhileOpen, median)];
        }

        // Most values carry no flag: the list is made for the first one.
        List<AnomalyFlag>? flags = null;
        // A partly closed month is expected to be low: only the upward check applies then.
        if (median > 0 && Far(v, median.Value, options.MedianDeviation, closure))
        {
            (flags ??= []).Add(new AnomalyFlag(AnomalyCodes.FarFromMedian, median));
        }

        if (lastYear > 0 && Far(v, lastYear.Value, options.LastYearDeviation, closure))
        {
            (flags ??= []).Add(new AnomalyFlag(AnomalyCodes.FarFromLastYear, lastYear));
        }

        return flags is null ? [] : flags;
    }

    /// <summary>More than (1 + deviation) times the reference, or less than the reference divided by it.</summary>
    private static bool Far(decimal value, decimal reference, decimal deviation, MonthClosure closure)
    {
        var factor = 1 + deviation;
        return value > reference * factor || (closure == MonthClosure.Open && value < reference / factor);
    }

    public static decimal Median(IReadOnlyList<decimal> values) => MedianSorting(values.ToArray());

    private static decimal MedianSorting(Span<decimal> values)
    {
        values.Sort();
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
