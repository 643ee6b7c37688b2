using System.Globalization;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Analytics;
using BranchNetwork.Web.Features.Figures;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Analytics;

/// <summary>The network map and the submission board as components.</summary>
public sealed class AnalyticsComponentTests() : ComponentTest(seedFigures: true)
{
    private static readonly MapUnit[] Units =
    [
        new("YS", "阳山县图书馆", UnitKind.HeadLibrary, null, 24.47, 112.63, UnitStatus.Open, true, null),
        new("YS-QG", "阳山县图书馆七拱镇分馆", UnitKind.Branch, "YS", 24.60, 112.50, UnitStatus.Open, true, ReportState.Approved),
        new("YS-QG-01", "火岗村服务点", UnitKind.ServicePoint, "YS-QG", 24.62, 112.48, UnitStatus.Suspended, false, ReportState.Returned),
        new("YS-LB", "阳山县图书馆岭背镇分馆", UnitKind.Branch, "YS", 24.40, 112.80, UnitStatus.Building, false, null),
    ];

    private IRenderedComponent<NetworkMap> RenderMap(MapColouring colouring) =>
        Render<NetworkMap>(p => p.Add(m => m.Units, Units).Add(m => m.Colouring, colouring).Add(m => m.Caption, "网点地图"));

    private static (double X, double Y) Centre(AngleSharp.Dom.IElement unit)
    {
        var marker = unit.QuerySelector("circle, rect")!;
        return marker.TagName.Equals("rect", StringComparison.OrdinalIgnoreCase)
            ? (double.Parse(marker.GetAttribute("x")!, CultureInfo.InvariantCulture) + 9, double.Parse(marker.GetAttribute("y")!, CultureInfo.InvariantCulture) + 9)
            : (double.Parse(marker.GetAttribute("cx")!, CultureInfo.InvariantCulture), double.Parse(marker.GetAttribute("cy")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_map_draws_every_unit_as_a_link_to_its_page_placed_by_its_coordinates()
    {
        var map = RenderMap(MapColouring.Status);

        var units = map.FindAll(".map-unit").ToDictionary(u => u.GetAttribute("data-code")!);
        Assert.Equal(4, units.Count);
        Assert.Equal("roster/YS-QG-01", units["YS-QG-01"].GetAttribute("href"));
        Assert.Contains("火岗村服务点", units["YS-QG-01"].QuerySelector("title")!.TextContent);
        var (qigong, libu, head) = (Centre(units["YS-QG"]), Centre(units["YS-LB"]), Centre(units["YS"]));
        Assert.True(libu.X > head.X && head.X > qigong.X, "east is to the right");
        Assert.True(qigong.Y < head.Y && head.Y < libu.Y, "north is up");
        Assert.All(units.Values.Select(Centre), c => Assert.True(c.X is >= 0 and <= 800 && c.Y is >= 0 and <= 560));
        Assert.Equal(3, map.FindAll("line.map-link").Count);
        Assert.Contains("七拱镇分馆", map.Markup);
        Assert.DoesNotContain(">阳山县图书馆七拱镇分馆<", map.Markup);
    }

    [Theory]
    [InlineData(MapColouring.Status, "open", "suspended", "building", "暂停服务")]
    [InlineData(MapColouring.Plaque, "plaqued", "not-plaqued", "not-plaqued", "未挂牌")]
    [InlineData(MapColouring.Report, "approved", "returned", "none", "已退回")]
    public void The_map_colours_units_by_status_plaque_or_the_month_s_report(MapColouring colouring, string qigong, string huogang, string libu, string huogangSays)
    {
        var map = RenderMap(colouring);

        string Colour(string code) => map.Find($".map-unit[data-code={code}]").GetAttribute("data-colour")!;
        Assert.Equal((qigong, huogang, libu), (Colour("YS-QG"), Colour("YS-QG-01"), Colour("YS-LB")));
        Assert.Equal($"火岗村服务点：{huogangSays}", map.Find(".map-unit[data-code=YS-QG-01]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_map_of_no_units_is_an_empty_drawing_not_an_error()
    {
        var map = Render<NetworkMap>(p => p.Add(m => m.Units, Array.Empty<MapUnit>()));

        Assert.Empty(map.FindAll(".map-unit"));
    }

    [Fact]
    public void Each_reported_cell_of_the_board_opens_that_unit_s_month_and_months_not_due_are_not_links()
    {
        var board = Render<BoardPage>();

        var row = board.Find("tr[data-unit=YS-QG-01]");
        var cells = row.QuerySelectorAll("td.board-cell");
        Assert.Equal(12, cells.Length);
        Assert.Equal("figures?branch=YS-QG&month=2026-01", cells[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("approved", cells[0].ClassList);
        Assert.Null(cells[11].QuerySelector("a"));
        Assert.Contains("notdue", cells[11].ClassList);
    }

    [Fact]
    public void A_figure_equal_to_a_year_before_reads_as_unchanged_not_as_a_rise()
    {
        var figure = new KeyFigure("visits", "到馆人次", "Visits", 120, 0, new Comparison(ComparisonOutcome.Compared, 120, 120, 4, 4));

        var tile = Render<BranchNetwork.Web.Features.Home.KeyFigureTile>(p => p.Add(t => t.Figure, figure));

        Assert.Contains("与去年同期持平", tile.Find("[data-testid=flat-visits]").TextContent);
        Assert.DoesNotContain("▲", tile.Markup);
    }

    [Fact]
    public async Task On_the_demo_network_no_label_covers_another_label_or_a_unit()
    {
        Network.User.Actor = BranchNetwork.Core.Common.Actor.System;
        var units = await Services.GetRequiredService<AnalyticsService>().MapAsync(new Period(2026, 2));

        var map = Render<NetworkMap>(p => p.Add(m => m.Units, units).Add(m => m.Colouring, MapColouring.Status));

        double Number(AngleSharp.Dom.IElement e, string name) => double.Parse(e.GetAttribute(name)!, CultureInfo.InvariantCulture);
        var labels = map.FindAll("text.map-label").Select(t => MapLabels.Box.Of(
            new LabelSpot(Number(t, "x"), Number(t, "y"), t.GetAttribute("text-anchor")!), MapLabels.TextWidth(t.TextContent))).ToList();
        var markers = map.FindAll(".map-unit").Select(u => (Code: u.GetAttribute("data-code")!, Centre: Centre(u))).ToList();

        Assert.Equal(14, labels.Count);
        for (var a = 0; a < labels.Count; a++)
        {
            for (var b = a + 1; b < labels.Count; b++)
            {
                Assert.False(labels[a].Overlaps(labels[b]), $"labels {a} and {b} overlap");
            }

            Assert.DoesNotContain(markers, m => labels[a].Overlaps(MapLabels.Box.Around(m.Centre.X, m.Centre.Y, 5)));
        }
    }

    [Fact]
    public async Task The_share_donut_names_each_branch_with_its_percentage_and_neighbouring_slices_differ_clearly()
    {
        Network.User.Actor = BranchNetwork.Core.Common.Actor.System;
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var indicators = await Services.GetRequiredService<FiguresService>().ActiveIndicatorsAsync();
        var rankings = await Services.GetRequiredService<AnalyticsService>().RankingAsync("visits", new AnalyticsPeriod(2026, null), false);

        var view = Render<RankingView>(p => p.Add(v => v.Indicators, indicators));

        var chart = view.WaitForElement("[data-testid=share-chart]");
        var legend = view.FindAll("[data-testid=share-chart] .mud-chart-legend-item").Select(i => i.TextContent.Trim()).ToList();
        var total = rankings.Sum(r => r.Total);
        Assert.Equal(13, legend.Count);
        for (var i = 0; i < rankings.Count; i++)
        {
            // "七拱镇分馆 8.3%": the branch (without the network's common prefix) and its share of the total, in the reader's format.
            var expected = Math.Round(100 * rankings[i].Total / total, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.GetCultureInfo("zh-CN")) + "%";
            Assert.Matches(@"^\S+ \d{1,3}\.\d%$", legend[i]);
            Assert.EndsWith(" " + expected, legend[i]);
            Assert.StartsWith(rankings[i].Name.Replace("阳山县图书馆", "", StringComparison.Ordinal), legend[i]);
        }

        var fills = chart.QuerySelectorAll("path[fill]").Select(p => p.GetAttribute("fill")!).ToList();
        Assert.Equal(13, fills.Count);
        for (var i = 0; i < fills.Count; i++)
        {
            Assert.True(ChartPaletteTests.DeltaE(fills[i], fills[(i + 1) % fills.Count]) >= ChartPaletteTests.ClearlyDifferent, $"slices {i} and {i + 1}: {fills[i]}, {fills[(i + 1) % fills.Count]}");
        }
    }
}
