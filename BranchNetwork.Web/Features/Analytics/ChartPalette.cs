namespace BranchNetwork.Web.Features.Analytics;

/// <summary>
/// The colours of the analytics charts' series and slices: Paul Tol's "muted" scheme, which stays apart for the
/// common kinds of colour blindness, ordered so that each colour differs clearly from the next (CIELAB ΔE ≥ 76) and
/// whichever colour ends a donut from the first one beside it (ΔE ≥ 38).
/// </summary>
public static class ChartPalette
{
    public static readonly IReadOnlyList<string> Colours =
        ["#332288", "#88CCEE", "#999933", "#882255", "#44AA99", "#CC6677", "#117733", "#AA4499", "#DDCC77"];

    /// <summary>
    /// One colour for each of <paramref name="count"/> series or slices, in turn. When the turn would end on the
    /// first colour, beside the first slice of a donut, the last takes the second colour instead.
    /// </summary>
    public static string[] For(int count)
    {
        var colours = Enumerable.Range(0, count).Select(i => Colours[i % Colours.Count]).ToArray();
        if (count > 1 && (count - 1) % Colours.Count == 0)
        {
            colours[^1] = Colours[1];
        }

        return colours;
    }
}
