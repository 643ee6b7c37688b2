using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>The population page on a phone, by keyboard; the per-capita figures on the dashboard and in analytics.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PopulationJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_keeps_a_villages_population_on_a_phone_with_the_keyboard()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("admin@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync("/admin/population");
        await page.WaitForInteractiveAsync();
        var row = page.GetByTestId("population-YS-YM-03");
        await Expect(row).ToContainTextAsync("演示数据");
        await Expect(page.GetByTestId("county-total")).ToContainTextAsync("全县常住人口");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "/admin/population scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, "60-population-phone-zh");

        var field = row.Locator("input");
        await field.FocusAsync();
        await field.PressAsync("Control+A");
        await field.PressSequentiallyAsync("2345");
        await field.PressAsync("Enter");

        await Expect(page.GetByText("已保存")).ToBeVisibleAsync();
        await Expect(row).Not.ToContainTextAsync("演示数据");
        await Expect(field).ToHaveValueAsync("2345");
    }

    [Fact]
    public async Task The_dashboard_and_the_ranking_show_per_capita_figures_in_English()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local", english: true);

        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("per-capita-visits_per_resident")).ToContainTextAsync("Visits per resident");
        await Expect(page.GetByTestId("per-capita-basis")).ToContainTextAsync("population is demo data");
        await BrowserFixture.ScreenshotAsync(page, "61-dashboard-per-capita-en");

        await page.GotoAsync("/analytics?view=rankings");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("ranking-indicator").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Loans per resident", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("per-capita-ranking-chart")).ToBeVisibleAsync();
        await page.GetByTestId("ranking-table-switch").ClickAsync();
        await Expect(page.GetByTestId("per-capita-ranking-table").Locator("tbody tr")).ToHaveCountAsync(13);
        await BrowserFixture.ScreenshotAsync(page, "62-per-capita-ranking-en");
    }

    [Fact]
    public async Task The_dashboard_on_a_phone_shows_a_branch_worker_their_townships_figures()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("ys-qg@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync("/?year=2025&month=0");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("per-capita-township_coverage")).ToContainTextAsync("100.0%");
        await Expect(page.GetByTestId("per-capita-visits_per_resident")).Not.ToContainTextAsync("缺人口数据");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The dashboard scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, "63-dashboard-per-capita-phone-zh");
    }
}
