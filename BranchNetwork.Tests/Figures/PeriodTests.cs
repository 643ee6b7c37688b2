using BranchNetwork.Core.Figures;

namespace BranchNetwork.Tests.Figures;

/// <summary>A month counted forward and back as the calendar counts it, across years, and refused where the calendar ends.</summary>
public sealed class PeriodTests
{
    [Theory]
    [InlineData(2026, 3, -1, 2026, 2)]
    [InlineData(2026, 1, -1, 2025, 12)]
    [InlineData(2026, 12, 1, 2027, 1)]
    [InlineData(2026, 2, -12, 2025, 2)]
    [InlineData(2026, 2, -26, 2023, 12)]
    [InlineData(2020, 7, 30, 2023, 1)]
    [InlineData(1, 1, 0, 1, 1)]
    [InlineData(9999, 12, 0, 9999, 12)]
    public void A_month_moves_as_the_calendar_does(int year, int month, int months, int toYear, int toMonth)
    {
        var moved = new Period(year, month).AddMonths(months);

        Assert.Equal(new Period(toYear, toMonth), moved);
        var day = new DateOnly(year, month, 1).AddMonths(months);
        Assert.Equal((day.Year, day.Month), (moved.Year, moved.Month));
    }

    [Theory]
    [InlineData(1, 1, -1)]
    [InlineData(9999, 12, 1)]
    [InlineData(2026, 0, 1)]
    [InlineData(2026, 13, -1)]
    public void A_month_beyond_the_calendar_or_not_a_month_is_refused(int year, int month, int months) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Period(year, month).AddMonths(months));
}
