using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AnalyticsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_reads_the_dashboard_follows_the_board_and_charts_trends_rankings_and_the_map()
    {
        var page = await browser.SignedInPageAsync(PortalFactory.AdminEmail);

        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("figure-visits")).ToContainTextAsync("到馆人次");
        await Expect(page.GetByTestId("figure-learning_hours")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("still-to-submit")).ToContainTextAsync("月报待报送");
        await BrowserFixture.ScreenshotAsync(page, "50-dashboard-zh");

        await page.GotoAsync("/figures/board");
        await page.WaitForInteractiveAsync();
        await BrowserFixture.ScreenshotAsync(page, "51-board-zh");
        await page.Locator("tr[data-unit=YS-QG-01] td.board-cell a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/figures\?branch=YS-QG&month=\d{4}-01$"));

        await page.GotoAsync("/analytics");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("trend-chart")).ToBeVisibleAsync();
        await page.GetByLabel("起始年").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2019", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("trend-closures")).ToContainTextAsync("2020-01 – 2020-05");
        await BrowserFixture.ScreenshotAsync(page, "52-trends-zh");
        await page.GetByTestId("trend-table-switch").ClickAsync();
        await Expect(page.GetByTestId("trend-table").Locator("tr.closed").First).ToContainTextAsync("闭馆");

        await page.GetByRole(AriaRole.Tab, new() { Name = "排名与占比" }).ClickAsync();
        await Expect(page.GetByTestId("ranking-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("share-chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "53-rankings-zh");
        await page.GetByTestId("ranking-table-switch").ClickAsync();
        await Expect(page.GetByTestId("ranking-table").Locator("tbody tr")).ToHaveCountAsync(13);

        await page.GetByRole(AriaRole.Tab, new() { Name = "网点地图" }).ClickAsync();
        await Expect(page.Locator(".network-map .map-unit")).ToHaveCountAsync(53);
        await BrowserFixture.ScreenshotAsync(page, "54-map-zh");
        await page.Locator(".map-unit[data-code=YS-QG] circle").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/roster/YS-QG$"));
    }

    [Fact]
    public async Task The_dashboard_reads_in_English_and_a_branch_worker_sees_only_their_branch()
    {
        var page = await browser.SignedInPageAsync("ys-qg@demo.local", english: true);

        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Network overview" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("figure-visits")).ToContainTextAsync("Visits");
        await Expect(page.Locator(".count-number[data-kind=Branch]")).ToHaveTextAsync("1");
        await Expect(page.Locator(".count-number[data-kind=ServicePoint]")).ToHaveTextAsync("3");
        await Expect(page.Locator(".count-number[data-kind=HeadLibrary]")).ToHaveCountAsync(0);
        // Other journeys may have submitted 七拱镇's month already: the list may be empty, never another branch's.
        await Expect(page.GetByTestId("still-to-submit")).ToContainTextAsync("Still to submit");
        var toSubmit = await page.GetByTestId("still-to-submit").Locator("li").AllInnerTextsAsync();
        Assert.All(toSubmit, unit => Assert.Matches("七拱镇|火岗村|三所村|新圩村", unit));
        var belowStandard = await page.GetByTestId("below-standard").Locator("li a").AllInnerTextsAsync();
        Assert.All(belowStandard, unit => Assert.Matches("七拱镇|火岗村|三所村|新圩村", unit));
        await BrowserFixture.ScreenshotAsync(page, "55-dashboard-worker-en");

        await page.GotoAsync("/analytics?view=map");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".network-map .map-unit")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task The_dashboard_s_link_to_a_returned_report_lands_on_that_unit_s_card()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("returned").GetByRole(AriaRole.Link).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("#unit-YS-DB-01$"));
        await Expect(page.Locator("#unit-YS-DB-01")).ToBeInViewportAsync();
        await BrowserFixture.ScreenshotAsync(page, "58-returned-card-zh");
    }
}
