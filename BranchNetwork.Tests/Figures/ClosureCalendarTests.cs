using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;

namespace BranchNetwork.Tests.Figures;

public sealed class ClosureCalendarTests
{
    private static readonly Closure Network2020 = Closure.Create(null, new DateOnly(2020, 1, 24), new DateOnly(2020, 5, 12), "疫情");

    [Theory]
    [InlineData(2019, 12, MonthClosure.Open)]
    [InlineData(2020, 1, MonthClosure.PartlyClosed)]
    [InlineData(2020, 2, MonthClosure.Closed)]
    [InlineData(2020, 4, MonthClosure.Closed)]
    [InlineData(2020, 5, MonthClosure.PartlyClosed)]
    [InlineData(2020, 6, MonthClosure.Open)]
    public void The_2020_closure_covers_February_to_April_whole_and_January_and_May_in_part(int year, int month, MonthClosure expected) =>
        Assert.Equal(expected, ClosureCalendar.For([Network2020], unitId: 7, new Period(year, month)));

    [Fact]
    public void A_closure_cannot_end_before_it_starts() =>
        Assert.Equal(ErrorCodes.ClosureEndsBeforeStart,
            Assert.Throws<DomainException>(() => Closure.Create(null, new DateOnly(2020, 5, 1), new DateOnly(2020, 4, 1), "x")).Code);

    [Fact]
    public void A_period_round_trips_through_json_as_year_and_month()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Period(2026, 10));

        Assert.Equal("""{"Year":2026,"Month":10}""", json);
        Assert.Equal(new Period(2026, 10), System.Text.Json.JsonSerializer.Deserialize<Period>(json));
    }

    [Theory]
    [InlineData("2026-10", true)]
    [InlineData(" 2026-01 ", true)]
    [InlineData("2026-13", false)]
    [InlineData("26-10", false)]
    [InlineData("十月", false)]
    [InlineData("", false)]
    public void Periods_parse_as_year_and_month(string text, bool ok) => Assert.Equal(ok, Period.TryParse(text, out _));
}
