using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Population;

/// <summary>
/// Per-capita and coverage figures against values worked out by hand. The county: 13 townships of 10,000 residents and
/// 10 administrative villages each, but 七拱镇 with 20,000 and 火岗村 (YS-QG-01) with 2,000. January 2026: 七拱镇分馆
/// approved 100 visits / 50 loans, 三所村 (YS-QG-02) approved 400 / 200, 火岗村 submitted 9,000 (not approved, not
/// counted), 岭背镇分馆 approved 500 visits; 太平镇's first service point opens only in February.
/// </summary>
public sealed class PerCapitaTests : IDisposable
{
    private static readonly AnalyticsPeriod January = new(2026, 1);
    private readonly TestNetwork network = new();

    public PerCapitaTests()
    {
        network.User.Actor = Actor.System;
        network.Indicators.SeedStandardAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
        SeedAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => network.Dispose();

    private PerCapitaService PerCapita => network.Services.GetRequiredService<PerCapitaService>();

    private PopulationService Population => network.Services.GetRequiredService<PopulationService>();

    private async Task ReportAsync(string unit, ReportState state, decimal visits, decimal? loans = null)
    {
        var period = new Period(2026, 1);
        var version = (await network.Figures.SaveValueAsync(unit, period, "visits", visits, null, 0)).Version;
        if (loans is { } l)
        {
            await network.Figures.SaveValueAsync(unit, period, "loans", l, null, version);
        }

        await network.MarkAsync(unit, period, state);
    }

    private async Task SeedAsync()
    {
        var year = await Population.YearAsync(2026);
        await Population.SaveAsync(2026,
            year.Townships.Select(t => new TownshipInput(t.Township, t.Township == "七拱镇" ? 20_000 : 10_000, 10, null)).ToList(),
            [new VillageInput("YS-QG-01", 2_000, null)]);
        await ReportAsync("YS-QG", ReportState.Approved, 100, 50);
        await ReportAsync("YS-QG-02", ReportState.Approved, 400, 200);
        await ReportAsync("YS-QG-01", ReportState.Submitted, 9_000);
        await ReportAsync("YS-LB", ReportState.Approved, 500);
        await using var db = network.Database.CreateDbContext();
        await db.Units.Where(u => u.Code == "YS-TP-01").ExecuteUpdateAsync(s => s.SetProperty(u => u.OpenedOn, new DateOnly(2026, 2, 10)));
    }

    private static PerCapitaValue Of(PerCapitaArea area, string code) => area.Values.Single(v => v.Code == code);

    [Fact]
    public async Task Holdings_and_valid_cards_are_read_at_the_last_year_end_and_divided_by_the_residents()
    {
        var december = new Period(2025, 12);
        var version = (await network.Figures.SaveValueAsync("YS-QG", december, "holdings", 12_000, null, 0)).Version;
        await network.Figures.SaveValueAsync("YS-QG", december, "valid_cards", 1_800, null, version);
        await network.MarkAsync("YS-QG", december, ReportState.Approved);
        await network.Figures.SaveValueAsync("YS-QG-02", december, "holdings", 3_000, null, 0);
        await network.MarkAsync("YS-QG-02", december, ReportState.Submitted);

        var area = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), January);

        // January 2026 reads the stock at the end of 2025; 三所村's submitted December is not counted.
        Assert.Equal(12_000m / 20_000, Of(area, "holdings_per_resident").Value);
        Assert.Equal(1_800m * 100 / 20_000, Of(area, "registered_reader_rate").Value);
        var year2025 = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), new AnalyticsPeriod(2025, null));
        Assert.Equal(PerCapitaGap.NoPopulation, Of(year2025, "holdings_per_resident").Gap);
    }

    [Fact]
    public async Task A_branch_with_its_service_points_divides_its_approved_figures_by_its_townships_residents()
    {
        var area = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), January);

        Assert.Equal(20_000, area.Residents);
        Assert.Equal(500m / 20_000, Of(area, "visits_per_resident").Value);
        Assert.Equal(250m / 20_000, Of(area, "loans_per_resident").Value);
        Assert.Equal(PerCapitaGap.NoFigures, Of(area, "items_added_per_resident").Gap);
        Assert.Equal(100m, Of(area, "township_coverage").Value);
        Assert.Equal(3m * 100 / 10, Of(area, "village_coverage").Value);
        Assert.Equal(1m * 10_000 / 20_000, Of(area, "branches_per_10k").Value);
        Assert.Equal(3m * 10_000 / 20_000, Of(area, "service_points_per_10k").Value);
        Assert.False(area.DemoPopulation);

        var township = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Township, "七拱镇"), January);
        Assert.Equal(area.Values, township.Values);
    }

    [Fact]
    public async Task The_network_divides_by_the_county_total_and_counts_only_units_open_that_month()
    {
        var area = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), January);

        Assert.Equal(140_000, area.Residents);
        Assert.Equal(1_000m / 140_000, Of(area, "visits_per_resident").Value);
        Assert.Equal(250m / 140_000, Of(area, "loans_per_resident").Value);
        Assert.Equal(100m, Of(area, "township_coverage").Value);
        // 38 of the 39 service points were open (YS-TP-01 opens in February), each in another village: 38 of 130.
        Assert.Equal(38m * 100 / 130, Of(area, "village_coverage").Value);
        Assert.Equal(13m * 10_000 / 140_000, Of(area, "branches_per_10k").Value);
        Assert.Equal(38m * 10_000 / 140_000, Of(area, "service_points_per_10k").Value);

        var year = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), new AnalyticsPeriod(2026));
        Assert.Equal(1_000m / 140_000, Of(year, "visits_per_resident").Value);
        Assert.Equal(39m * 10_000 / 140_000, Of(year, "service_points_per_10k").Value);
    }

    [Fact]
    public async Task A_service_point_uses_its_villages_residents_and_only_approved_figures()
    {
        var huogang = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Unit, "YS-QG-01"), January);
        var sansuo = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Unit, "YS-QG-02"), January);
        var branch = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Branch, "YS-QG"), January);

        Assert.Equal(2_000, huogang.Residents);
        Assert.Equal(PerCapitaGap.NoFigures, Of(huogang, "visits_per_resident").Gap);
        Assert.Equal(PerCapitaGap.NoPopulation, Of(sansuo, "visits_per_resident").Gap);
        Assert.Null(Of(sansuo, "visits_per_resident").Value);
        Assert.Equal(100m / 20_000, Of(branch, "visits_per_resident").Value);
        // Coverage and density are of whole townships, not of one unit.
        Assert.DoesNotContain(branch.Values, v => v.Code == "township_coverage");
    }

    [Fact]
    public async Task Zero_or_missing_population_gives_no_population_never_a_division()
    {
        var year = await Population.YearAsync(2026);
        var lingbei = year.Townships.Single(t => t.Township == "岭背镇");
        await Population.SaveAsync(2026, [new TownshipInput("岭背镇", 0, null, lingbei.Version)], []);

        var branch = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-LB"), January);
        var county = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), January);
        var noYear = await PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), new AnalyticsPeriod(2025, 6));

        Assert.All(branch.Values.Where(v => v.Code is not ("township_coverage")), v => Assert.Contains(v.Gap, new[] { PerCapitaGap.NoPopulation, PerCapitaGap.NoVillageCount }));
        Assert.All(branch.Values.Where(v => v.Gap != PerCapitaGap.None), v => Assert.Null(v.Value));
        Assert.Null(county.Residents);
        Assert.Equal(PerCapitaGap.NoPopulation, Of(county, "visits_per_resident").Gap);
        Assert.Equal(PerCapitaGap.NoVillageCount, Of(county, "village_coverage").Gap);
        Assert.All(noYear.Values.Where(v => v.Code != "township_coverage"), v => Assert.NotEqual(PerCapitaGap.None, v.Gap));
    }

    [Fact]
    public async Task The_ranking_puts_branches_without_a_figure_last()
    {
        var ranking = await PerCapita.RankingAsync("visits_per_resident", January);

        Assert.Equal(["YS-LB", "YS-QG"], ranking.Take(2).Select(r => r.Code));
        Assert.Equal(500m / 10_000, ranking[0].Value.Value);
        Assert.Equal(13, ranking.Count);
        Assert.All(ranking.Skip(2), r => Assert.Equal(PerCapitaGap.NoFigures, r.Value.Gap));
    }

    [Fact]
    public async Task A_trend_has_one_point_per_month_and_names_the_points_without_population()
    {
        var trend = await PerCapita.TrendAsync("visits_per_resident",
            [new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), new TrendTarget(TrendTargetKind.Unit, "YS-QG-02")], 2026, 2026, TrendScale.Months,
            t => t.Code!);

        Assert.Equal(["2026-01", "2026-02"], trend.Labels);
        Assert.Equal([500m / 20_000, null], trend.Series[0].Values);
        Assert.Empty(trend.Series[0].NoPopulation);
        Assert.Equal([0, 1], trend.Series[1].NoPopulation.Order());
    }

    [Fact]
    public async Task A_branch_worker_gets_their_branch_and_never_the_county()
    {
        network.ActAsBranchWorker("YS-QG");

        var scope = await PerCapita.ForScopeAsync(January);
        var ranking = await PerCapita.RankingAsync("visits_per_resident", January);

        Assert.Equal(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), scope.Target);
        Assert.Equal(500m / 20_000, Of(scope, "visits_per_resident").Value);
        Assert.Equal(["YS-QG"], ranking.Select(r => r.Code));
        await Assert.ThrowsAsync<AccessDeniedException>(() => PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), January));
        var refused = await Assert.ThrowsAsync<DomainException>(() => PerCapita.AreaAsync(new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-LB"), January));
        Assert.Equal(ErrorCodes.UnitNotFound, refused.Code);
    }
}
