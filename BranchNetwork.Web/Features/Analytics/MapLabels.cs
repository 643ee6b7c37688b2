namespace BranchNetwork.Web.Features.Analytics;

/// <summary>Where a map label goes: its anchor point and which end of the text sits there.</summary>
public readonly record struct LabelSpot(double X, double Y, string Anchor);

/// <summary>
/// Places the map's labels so that none covers another or another unit's marker: each tries right of its marker,
/// then left, above, below and the corners, near and then a step further out, and takes the first free spot (the
/// first of all when none is free).
/// </summary>
public static class MapLabels
{
    /// <summary>12 px text: a CJK character is about as wide as it is high, a Latin one about half that.</summary>
    public const double FontSize = 12;

    private const double Gap = 11;

    public static IReadOnlyDictionary<string, LabelSpot> Place(IReadOnlyList<(string Code, double X, double Y, double Radius, string Text)> markers,
        IReadOnlyCollection<string> labelled)
    {
        var taken = markers.Select(m => Box.Around(m.X, m.Y, m.Radius)).ToList();
        var spots = new Dictionary<string, LabelSpot>();
        foreach (var m in markers.Where(m => labelled.Contains(m.Code)))
        {
            var width = TextWidth(m.Text);
            var candidates = Candidates(m.X, m.Y).ToList();
            var own = Box.Around(m.X, m.Y, m.Radius);
            var chosen = candidates.FirstOrDefault(c => !taken.Any(t => t != own && t.Overlaps(Box.Of(c, width))), candidates[0]);
            spots[m.Code] = chosen;
            taken.Add(Box.Of(chosen, width));
        }

        return spots;
    }

    /// <summary>Right, left, above and below the marker, then the corners, then the same a step further out.</summary>
    private static IEnumerable<LabelSpot> Candidates(double x, double y)
    {
        foreach (var gap in new[] { Gap, Gap * 2.2 })
        {
            yield return new LabelSpot(x + gap, y + 4, "start");
            yield return new LabelSpot(x - gap, y + 4, "end");
            yield return new LabelSpot(x, y - gap - 2, "middle");
            yield return new LabelSpot(x, y + gap + FontSize, "middle");
            yield return new LabelSpot(x + gap * 0.7, y - gap, "start");
            yield return new LabelSpot(x + gap * 0.7, y + gap + FontSize * 0.6, "start");
            yield return new LabelSpot(x - gap * 0.7, y - gap, "end");
            yield return new LabelSpot(x - gap * 0.7, y + gap + FontSize * 0.6, "end");
        }
    }

    public static double TextWidth(string text) => text.Sum(c => c < 0x2E80 ? FontSize * 0.6 : FontSize);

    public readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public static Box Around(double x, double y, double radius) => new(x - radius, y - radius, x + radius, y + radius);

        public static Box Of(LabelSpot spot, double width)
        {
            var left = spot.Anchor switch { "start" => spot.X, "end" => spot.X - width, _ => spot.X - width / 2 };
            // The anchor is the text's baseline; the text rises about a font size above it.
            return new Box(left, spot.Y - FontSize, left + width, spot.Y + 2);
        }

        public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;
    }
}
