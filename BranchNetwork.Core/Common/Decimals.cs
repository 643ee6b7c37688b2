namespace BranchNetwork.Core.Common;

/// <summary>
/// How many decimal places a quantity keeps. A value with more is refused, never rounded in silence: what is stored
/// is what every page, PDF and ledger shows.
/// </summary>
public static class Decimals
{
    public static void AtMost(decimal? value, int places, string field)
    {
        if (value is { } v && decimal.Round(v, places) != v)
        {
            throw new DomainException(ErrorCodes.TooManyDecimals, field, places);
        }
    }

    public static void AtMost(double? value, int places, string field)
    {
        if (value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) && Math.Round(v, places) != v)
        {
            throw new DomainException(ErrorCodes.TooManyDecimals, field, places);
        }
    }
}
