using System.Globalization;
using BranchNetwork.Web.Features.Analytics;

namespace BranchNetwork.Tests.Analytics;

/// <summary>Neighbouring series and slices of the analytics charts get colours that tell apart.</summary>
public sealed class ChartPaletteTests
{
    // CIE76 ΔE of about 2 is the least a person notices; 25 is a difference seen at a glance.
    public const double ClearlyDifferent = 25;

    [Fact]
    public void Each_colour_differs_clearly_from_its_neighbours_the_last_slice_from_the_first_too()
    {
        for (var count = 2; count <= 40; count++)
        {
            var colours = ChartPalette.For(count);

            Assert.Equal(count, colours.Length);
            for (var i = 0; i < count; i++)
            {
                var (a, b) = (colours[i], colours[(i + 1) % count]);
                Assert.True(DeltaE(a, b) >= ClearlyDifferent, $"{count} slices: {a} at {i} beside {b} (ΔE {DeltaE(a, b):0.0})");
            }
        }
    }

    [Fact]
    public void Up_to_nine_series_every_colour_is_its_own()
    {
        Assert.Equal(9, ChartPalette.For(9).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>The CIE76 colour difference of two sRGB colours (#rrggbb): the distance between them in CIELAB (D65).</summary>
    public static double DeltaE(string a, string b)
    {
        var (l1, a1, b1) = Lab(a);
        var (l2, a2, b2) = Lab(b);
        return Math.Sqrt(Math.Pow(l1 - l2, 2) + Math.Pow(a1 - a2, 2) + Math.Pow(b1 - b2, 2));
    }

    private static (double L, double A, double B) Lab(string hex)
    {
        double Channel(int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var (r, g, b) = (Channel(1), Channel(3), Channel(5));
        var x = ((0.4124 * r) + (0.3576 * g) + (0.1805 * b)) / 0.95047;
        var y = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        var z = ((0.0193 * r) + (0.1192 * g) + (0.9505 * b)) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116);
        return ((116 * F(y)) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }
}
