using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Analytics;

/// <summary>
/// The dashboard, trend and ranking sums against figures worked out by hand on a small data set (no demo figures):
/// 七拱镇分馆 YS-QG and its 火岗村 YS-QG-01, and 岭背镇分馆 YS-LB, in January 2025 and January 2026.
/// </summary>
public sealed class AnalyticsServiceTests : IDisposable
{
    private static readonly Period January2026 = new(2026, 1);
    private static readonly Period January2025 = new(2025, 1);
    private readonly TestNetwork network = new(seedFigures: false);

    public AnalyticsServiceTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private AnalyticsService Analytics => network.Services.GetRequiredService<AnalyticsService>();

    private async Task SeedAsync()
    {
        await SaveAsync("YS-QG", January2025, ("visits", 100), ("loans", 50));
        await SaveAsync("YS-QG-01", January2025, ("visits", 20));
        await SaveAsync("YS-QG", January2026, ("visits", 120), ("open_hours", 40));
        await SaveAsync("YS-QG-01", January2026, ("visits", 30), ("open_hours", 10));
        await SaveAsync("YS-LB", January2026, ("visits", 500), ("open_hours", 100));
    }

    private async Task SaveAsync(string unit, Period period, params (string Code, decimal Value)[] values)
    {
        var version = 0;
        foreach (var (code, value) in values)
        {
            version = (await network.Figures.SaveValueAsync(unit, period, code, value, null, version)).Version;
        }

        await network.MarkAsync(unit, period, ReportState.Approved);
    }

    private static KeyFigure Figure(DashboardData data, string code) => data.Figures.Single(f => f.Code == code);

    [Fact]
    public async Task The_dashboard_sums_a_month_and_the_same_month_a_year_before_for_the_whole_network()
    {
        await SeedAsync();

        var data = await Analytics.DashboardAsync(new AnalyticsPeriod(2026, 1));

        Assert.Equal(650, Figure(data, "visits").Value);
        // Like for like: YS-LB reported nothing in 2025-01, so the change is over YS-QG and YS-QG-01 alone (150 against 120).
        Assert.Equal(120, Figure(data, "visits").Comparison.Before);
        Assert.Equal((150m - 120m) / 120m, Figure(data, "visits").Change);
        Assert.True(Figure(data, "visits").Comparison.BaseDiffers);
        Assert.Equal(2, Figure(data, "visits").Comparison.ComparableUnits);
        Assert.Null(Figure(data, "loans").Value);
        Assert.Null(Figure(data, "loans").Change);
        Assert.Equal(ComparisonOutcome.NotReportedNow, Figure(data, "loans").Comparison.Outcome);
        Assert.Null(Figure(data, "new_cards").Change);
        Assert.Equal(AnalyticsService.DashboardIndicators.Length + 1, data.Figures.Count);
    }

    [Fact]
    public async Task A_year_adds_up_its_twelve_months()
    {
        await SeedAsync();
        await SaveAsync("YS-LB", new Period(2026, 2), ("visits", 7));

        var data = await Analytics.DashboardAsync(new AnalyticsPeriod(2026));

        Assert.Equal(657, Figure(data, "visits").Value);
        Assert.Equal(120, Figure(data, "visits").Comparison.Before);
    }

    [Fact]
    public async Task A_unit_still_to_submit_leads_to_its_branch_taken_from_the_roster_not_from_its_code()
    {
        await SeedAsync();
        network.ActAsBranchWorker("YS-LIB");

        var data = await Analytics.DashboardAsync(new AnalyticsPeriod(2026, 1));

        // 黎埠镇's code has three letters: cutting codes to five characters led to "YS-LI", a 404.
        Assert.Equal(["YS-LIB", "YS-LIB", "YS-LIB", "YS-LIB"], data.StillToSubmit.Select(u => u.BranchCode));
        Assert.Equal(["YS-LIB", "YS-LIB-01", "YS-LIB-02", "YS-LIB-03"], data.StillToSubmit.Select(u => u.Code));
    }

    [Fact]
    public async Task A_branch_worker_s_dashboard_holds_only_their_branch_also_in_the_totals()
    {
        await SeedAsync();
        network.ActAsBranchWorker("YS-QG");

        var data = await Analytics.DashboardAsync(new AnalyticsPeriod(2026, 1));

        Assert.Equal(150, Figure(data, "visits").Value);
        Assert.Equal(120, Figure(data, "visits").Comparison.Before);
        Assert.False(Figure(data, "visits").Comparison.BaseDiffers);
        Assert.Equal(new Period(2026, 2), data.DueMonth);
        Assert.Equal(["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"], data.StillToSubmit.Select(u => u.Code));
        Assert.All(data.BelowStandard, g => Assert.StartsWith("YS-QG", g.UnitCode));
    }

    [Fact]
    public async Task Returned_reports_and_units_below_the_opening_hours_standard_are_listed()
    {
        var month = new Period(2025, 12);
        var unit = (await network.Figures.EntryAsync("YS-QG", month))!.Units.Single(u => u.UnitCode == "YS-QG-02");
        var version = unit.Version;
        foreach (var cell in unit.Cells)
        {
            version = (await network.Figures.SaveValueAsync("YS-QG-02", month, cell.IndicatorCode, 1, null, version)).Version;
        }

        version = await network.Figures.SubmitAsync("YS-QG-02", month, version);
        await network.Figures.ReturnAsync("YS-QG-02", month, version, "到馆人次请核对");
        var units = network.Services.GetRequiredService<NetworkService>();
        var details = (await units.GetAsync("YS-QG-03"))!;
        await units.UpdateProfileAsync("YS-QG-03", details.Version, details.Profile with { OpeningHoursPerWeek = 24 });

        var data = await Analytics.DashboardAsync(new AnalyticsPeriod(2026, 1));

        var returned = Assert.Single(data.Returned);
        Assert.Equal(("YS-QG-02", "YS-QG", month, "到馆人次请核对"), (returned.UnitCode, returned.BranchCode, returned.Period, returned.Comment));
        var gap = Assert.Single(data.BelowStandard, g => g.Kind == StandardKind.OpeningHours && g.UnitCode == "YS-QG-03");
        Assert.Equal((24m, 30m), (gap.Actual, gap.Required));
        Assert.DoesNotContain(data.BelowStandard, g => g.Kind == StandardKind.OpeningHours && g.Actual >= AnalyticsService.OpeningHoursStandard);
    }

    [Fact]
    public async Task A_trend_gives_each_month_or_year_for_the_network_a_branch_with_or_without_its_points_and_a_unit()
    {
        await SeedAsync();
        TrendTarget[] targets =
        [
            new(TrendTargetKind.Network), new(TrendTargetKind.Branch, "YS-QG"), new(TrendTargetKind.BranchWithPoints, "YS-QG"),
            new(TrendTargetKind.Unit, "ys-qg-01"),
        ];

        var months = await Analytics.TrendAsync("visits", targets, 2025, 2026, TrendScale.Months, t => t.Code ?? "全网");
        var years = await Analytics.TrendAsync("visits", targets, 2025, 2026, TrendScale.Years, t => t.Code ?? "全网");

        Assert.Equal(14, months.Labels.Count);
        Assert.Equal(("2025-01", "2026-02"), (months.Labels[0], months.Labels[^1]));
        Assert.Equal([120m, 100m, 120m, 20m], months.Series.Select(s => s.Values[0]!.Value));
        Assert.Equal([650m, 120m, 150m, 30m], months.Series.Select(s => s.Values[12]!.Value));
        Assert.All(months.Series, s => Assert.Null(s.Values[1]));
        Assert.Equal(["2025", "2026"], years.Labels);
        Assert.Equal([650m, 120m, 150m, 30m], years.Series.Select(s => s.Values[1]!.Value));
    }

    [Fact]
    public async Task Closed_months_are_marked_and_a_branch_worker_cannot_chart_another_branch()
    {
        await network.Services.GetRequiredService<ClosureService>().AddAsync(null, new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 10), "设备检修");

        var trend = await Analytics.TrendAsync("visits", [new(TrendTargetKind.Network)], 2025, 2025, TrendScale.Months, _ => "全网");

        Assert.Equal(new HashSet<int> { 2, 3 }, trend.ClosedPoints);
        network.ActAsBranchWorker("YS-QG");
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Analytics.TrendAsync("visits", [new(TrendTargetKind.Unit, "YS-LB")], 2025, 2025, TrendScale.Months, _ => ""));
        Assert.Equal(ErrorCodes.UnitNotFound, refused.Code);
        var tooMany = await Assert.ThrowsAsync<DomainException>(() =>
            Analytics.TrendAsync("visits", Enumerable.Repeat(new TrendTarget(TrendTargetKind.Network), 6).ToList(), 2025, 2025, TrendScale.Months, _ => ""));
        Assert.Equal(ErrorCodes.TooManyCompared, tooMany.Code);
    }

    [Fact]
    public async Task Branches_rank_by_total_or_per_opening_hour_with_their_share_of_the_network()
    {
        await SeedAsync();

        var byTotal = await Analytics.RankingAsync("visits", new AnalyticsPeriod(2026, 1), perOpeningHour: false);
        var perHour = await Analytics.RankingAsync("visits", new AnalyticsPeriod(2026, 1), perOpeningHour: true);

        Assert.Equal(13, byTotal.Count);
        Assert.Equal(("YS-LB", 500m, 500m / 650m), (byTotal[0].Code, byTotal[0].Total, byTotal[0].Share));
        Assert.Equal(("YS-QG", 150m, 150m / 650m), (byTotal[1].Code, byTotal[1].Total, byTotal[1].Share));
        Assert.Equal(5m, perHour[0].PerOpeningHour);
        Assert.Equal(("YS-QG", 3m), (perHour[1].Code, perHour[1].PerOpeningHour!.Value));
        Assert.Null(perHour[2].PerOpeningHour);
        network.ActAsBranchWorker("YS-QG");
        var own = Assert.Single(await Analytics.RankingAsync("visits", new AnalyticsPeriod(2026, 1), perOpeningHour: false));
        Assert.Equal((150m, 1m), (own.Total, own.Share));
    }

    [Fact]
    public async Task The_map_places_the_reader_s_units_with_their_report_state()
    {
        await SeedAsync();

        var all = await Analytics.MapAsync(January2026);
        network.ActAsBranchWorker("YS-QG");
        var own = await Analytics.MapAsync(January2026);

        Assert.Equal(53, all.Count);
        Assert.Equal(ReportState.Approved, all.Single(u => u.Code == "YS-LB").MonthState);
        Assert.Null(all.Single(u => u.Code == "YS-QL").MonthState);
        Assert.Equal(4, own.Count);
        Assert.All(own, u => Assert.StartsWith("YS-QG", u.Code));
    }
}
