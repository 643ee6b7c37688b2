namespace BranchNetwork.Core.Common;

public static class RoundNumber
{
    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least the value (chart axes read in round numbers).</summary>
    /// <remarks>Defined for positive values.</remarks>
    public static double Up(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(candidate => candidate >= value);
    }
}
