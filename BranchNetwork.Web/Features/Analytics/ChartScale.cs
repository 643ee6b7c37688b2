namespace BranchNetwork.Web.Features.Analytics;

public static class ChartScale
{
    /// <summary>A round step for the value axis (1, 2 or 5 times a power of ten) that gives about five grid lines up to the highest value.</summary>
    public static int Step(double highest)
    {
        var rough = Math.Max(highest / 5, 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return (int)Math.Max(1, new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(step => step >= rough));
    }
}
