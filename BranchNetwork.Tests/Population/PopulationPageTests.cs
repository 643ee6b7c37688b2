using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Population;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Population;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Population;

public sealed class PopulationPageTests : ComponentTest
{
    public PopulationPageTests()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Network.User.Actor = Actor.System;
        Services.GetRequiredService<DemoPopulation>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
    }

    private IRenderedComponent<PopulationPage> RenderPage()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<PopulationPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=population-table] tbody tr")));
        return page;
    }

    private static void Type(IRenderedComponent<PopulationPage> page, string row, int field, string value) =>
        page.FindAll($"[data-testid='population-{row}'] input")[field].Input(value);

    private async Task<int?> StoredAsync(string township) =>
        (await Services.GetRequiredService<PopulationService>().YearAsync(2026)).Townships.Single(t => t.Township == township).Residents;

    [Fact]
    public void The_year_shows_every_township_and_village_the_county_total_and_that_the_figures_are_demo()
    {
        var page = RenderPage();

        Assert.Equal(13 + 39, page.FindAll("[data-testid=population-table] tbody tr").Count);
        Assert.Contains($"2026 年全县常住人口：{DemoNetwork()}", page.Find("[data-testid=county-total]").TextContent);
        Assert.Contains("演示数据", page.Find("[data-testid=population-七拱镇]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=townships-without]"));
    }

    private static string DemoNetwork() =>
        Core.Network.DemoNetwork.Townships.Sum(t => DemoPopulation.ResidentsOf(t.Code, 2026)).ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));

    [Fact]
    public async Task A_typed_figure_is_saved_and_is_no_longer_demo_data()
    {
        var page = RenderPage();

        Type(page, "七拱镇", 0, "29500");
        Type(page, "YS-QG-01", 0, "2600");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.DoesNotContain("演示数据", page.Find("[data-testid=population-七拱镇]").TextContent));
        Assert.Equal(29_500, await StoredAsync("七拱镇"));
        Assert.Contains("演示数据", page.Find("[data-testid=population-青莲镇]").TextContent);
    }

    [Fact]
    public async Task A_refused_figure_is_named_under_its_field_and_nothing_is_saved()
    {
        var before = await StoredAsync("七拱镇");
        var page = RenderPage();

        Type(page, "七拱镇", 0, "3000000");
        Type(page, "青莲镇", 0, "31000");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("不能超过 2000000。", page.Find("[data-testid=population-七拱镇]").TextContent));
        Assert.Equal(before, await StoredAsync("七拱镇"));
        Assert.NotEqual(31_000, await StoredAsync("青莲镇"));
    }

    [Fact]
    public void A_figure_without_population_says_so_and_the_demo_population_is_named()
    {
        var area = new PerCapitaArea(new TrendTarget(TrendTargetKind.Network), new AnalyticsPeriod(2026, 1), null, true,
        [
            new PerCapitaValue("visits_per_resident", null, 1_000, null, PerCapitaGap.NoPopulation),
            new PerCapitaValue("village_coverage", 30m, 39, 130, PerCapitaGap.None),
            new PerCapitaValue("loans_per_resident", 0.0125m, 250, 20_000, PerCapitaGap.None),
        ]);

        var tiles = Render<PerCapitaTiles>(p => p.Add(t => t.Area, area));

        Assert.Contains("缺人口数据", tiles.Find("[data-testid=per-capita-visits_per_resident]").TextContent);
        Assert.Contains("30.0%", tiles.Find("[data-testid=per-capita-village_coverage]").TextContent);
        Assert.Contains("0.013", tiles.Find("[data-testid=per-capita-loans_per_resident]").TextContent);
        Assert.DoesNotContain("∞", tiles.Markup);
        Assert.DoesNotContain("NaN", tiles.Markup);
        Assert.Contains("人口为演示数据", tiles.Find("[data-testid=per-capita-basis]").TextContent);
    }
}
