using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Figures;

/// <summary>Annual indicators: reported once a year on the December report, through the monthly workflow.</summary>
public sealed class AnnualIndicatorTests : IDisposable
{
    private static readonly Period December = new(2025, 12);
    private static readonly Period February = new(2026, 2);
    private static readonly string[] Annual = ["valid_cards", "holdings", "pc_terminals", "appropriation", "expenditure"];
    private const string Point = "YS-QG-01";

    private readonly TestNetwork network = new();

    public AnnualIndicatorTests() => network.Indicators.SeedStandardAsync().GetAwaiter().GetResult();

    private FiguresService Figures => network.Figures;

    public void Dispose() => network.Dispose();

    private async Task<EntryUnit> UnitAsync(Period period) =>
        (await Figures.EntryAsync("YS-QG", period))!.Units.Single(u => u.UnitCode == Point);

    private async Task<int> FillAsync(Period period, IEnumerable<string> codes, int version = 0)
    {
        foreach (var code in codes)
        {
            version = (await Figures.SaveValueAsync(Point, period, code, 100, null, version)).Version;
        }

        return version;
    }

    [Fact]
    public void The_standard_annual_indicators_are_due_in_December_only()
    {
        var holdings = StandardIndicators.All.Single(i => i.Code == "holdings").Definition;

        Assert.Equal(Annual, StandardIndicators.All.Where(i => i.Definition.Frequency == IndicatorFrequency.Annual).Select(i => i.Code));
        Assert.True(holdings.Frequency.Includes(December));
        Assert.False(holdings.Frequency.Includes(February));
        Assert.True(IndicatorFrequency.Monthly.Includes(February));
    }

    [Fact]
    public async Task A_December_report_carries_the_annual_figures_after_the_month_s_own_and_other_months_do_not()
    {
        var december = await UnitAsync(December);
        var february = await UnitAsync(February);

        Assert.Equal(17, december.Cells.Count);
        Assert.Equal(Annual, december.Cells.Skip(12).Select(c => c.IndicatorCode));
        Assert.DoesNotContain(february.Cells, c => Annual.Contains(c.IndicatorCode));
        Assert.Equal(12, february.Cells.Count);
    }

    [Fact]
    public async Task An_annual_figure_is_refused_outside_December_and_nothing_is_saved()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync(Point, February, "holdings", 2_500, null, 0));

        Assert.Equal(ErrorCodes.FigureAnnualOnly, error.Code);
        Assert.Equal("holdings", error.Field);
        Assert.Null((await UnitAsync(February)).State);
    }

    [Fact]
    public async Task A_December_report_is_submitted_only_with_its_annual_figures()
    {
        var december = await UnitAsync(December);
        var version = await FillAsync(December, december.Cells.Take(12).Select(c => c.IndicatorCode));

        var refused = await Assert.ThrowsAsync<DomainException>(() => Figures.SubmitAsync(Point, December, version));
        Assert.Equal(ErrorCodes.ReportIncomplete, refused.Code);
        Assert.Equal(5, refused.Args[0]);

        version = await FillAsync(December, Annual, version);
        await Figures.SubmitAsync(Point, December, version);
        Assert.Equal(ReportState.Submitted, (await UnitAsync(December)).State);
    }

    [Fact]
    public void An_annual_figure_is_checked_against_last_year_only_and_a_closed_December_does_not_flag_it()
    {
        var anomaly = new AnomalyOptions();
        var closedAllYear = new List<Closure> { Closure.Create(null, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "整修") };
        decimal? LastDecember(Period p) => p == December.SameMonthLastYear ? 2_000 : null;

        var tenfold = FiguresService.Flags(anomaly, [], LastDecember, 1, IndicatorFrequency.Annual, 20_000, December);
        var closedButStocked = FiguresService.Flags(anomaly, closedAllYear, LastDecember, 1, IndicatorFrequency.Annual, 2_100, December);
        var monthlyWhileClosed = FiguresService.Flags(anomaly, closedAllYear, LastDecember, 1, IndicatorFrequency.Monthly, 2_100, December);

        Assert.Equal([AnomalyCodes.FarFromLastYear], tenfold.Select(f => f.Code));
        Assert.Empty(closedButStocked);
        Assert.Equal([AnomalyCodes.NonZeroWhileClosed], monthlyWhileClosed.Select(f => f.Code));
    }

    [Fact]
    public async Task The_frequency_of_an_indicator_is_chosen_once()
    {
        await network.ActAsFirstAdministratorAsync();
        var holdings = (await network.Indicators.ListAsync()).Single(i => i.Code == "holdings");
        var monthly = new IndicatorDefinition(holdings.NameZh, holdings.NameEn, holdings.MeasureUnit, holdings.IsDecimal, holdings.Minimum, holdings.Maximum,
            holdings.AppliesTo, holdings.NationalCode, holdings.PlsCode, IndicatorFrequency.Monthly);

        var error = await Assert.ThrowsAsync<DomainException>(() => network.Indicators.UpdateAsync("holdings", holdings.Version, monthly));

        Assert.Equal(ErrorCodes.IndicatorFrequencyFixed, error.Code);
        Assert.Equal(IndicatorFrequency.Annual, (await network.Indicators.ListAsync()).Single(i => i.Code == "holdings").Frequency);
    }

    [Fact]
    public async Task The_demo_s_December_reports_hold_the_year_end_figures_and_other_months_none()
    {
        using var seeded = new TestNetwork(seedFigures: true);
        await using var db = seeded.Database.CreateDbContext();

        var byMonth = (from r in db.MonthlyReports
                       where r.Unit.Code == "YS-QG" && (r.PeriodKey == 202412 || r.PeriodKey == 202511)
                       from v in r.Values
                       where v.Indicator.Frequency == IndicatorFrequency.Annual
                       select new { r.PeriodKey, v.Value }).ToList();

        Assert.Equal(5, byMonth.Count(v => v.PeriodKey == 202412 && v.Value > 0));
        Assert.DoesNotContain(byMonth, v => v.PeriodKey == 202511);
    }
}
