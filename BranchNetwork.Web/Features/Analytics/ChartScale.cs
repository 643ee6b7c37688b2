using BranchNetwork.Core.Common;

namespace BranchNetwork.Web.Features.Analytics;

public static class ChartScale
{
    /// <summary>A round step for the value axis that gives about five grid lines up to the highest value.</summary>
    public static int Step(double highest) => (int)RoundNumber.Up(Math.Max(highest / 5, 1));
}
