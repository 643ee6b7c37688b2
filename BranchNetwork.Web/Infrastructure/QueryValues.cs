using System.Globalization;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Years and months read from the address as text: a value that is not a number, or outside what the portal keeps,
/// reads as not given (the page's default), never as a failure. Bound as <c>int?</c>, Blazor throws on "?year=abc".
/// </summary>
public static class QueryValues
{
    /// <summary>The first year a page offers: the network's figures start in 2019; a little earlier is kept for history.</summary>
    public const int FirstYear = 2000;

    public static int? Year(string? text, int lastYear) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= FirstYear && year <= lastYear ? year : null;

    public static int? Month(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 ? month : null;
}
