using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>The branch scores: the ranking and a sheet, the scheme editor's live sum and refusal, a branch worker's own sheet on a phone, English.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScoresJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Head_staff_rank_the_branches_open_a_sheet_and_are_refused_weights_that_miss_100_percent()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");

        await page.GotoAsync("/scores");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scores/2026$"));
        await page.GotoAsync("/scores/2025");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("scores-table").Locator("tbody tr")).ToHaveCountAsync(13);
        await Expect(page.GetByTestId("scores-example")).ToBeVisibleAsync();
        await page.GetByTestId("scores-sheet-YS-QG").ClickAsync();
        await Expect(page.GetByTestId("score-sheet")).ToContainTextAsync("七拱镇分馆得分表");
        await Expect(page.GetByTestId("sheet-VisitsPerResident")).ToContainTextAsync("已审核到馆");
        await BrowserFixture.ScreenshotAsync(page, "70-scores-zh");
        await page.GetByTestId("scores-chart-switch").ClickAsync();
        await Expect(page.GetByTestId("scores-chart")).ToBeVisibleAsync();

        await page.GetByTestId("scores-edit").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("scheme-sum")).ToContainTextAsync("权重合计：100%");
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Expect(dialog.GetByTestId("scheme-VisitsPerResident").Locator("input").First).ToBeFocusedAsync();
        var weight = dialog.GetByTestId("weight-ActivitiesHeld").Locator("input");
        await weight.FillAsync("5");
        await weight.PressAsync("Tab");
        await Expect(dialog.GetByTestId("scheme-sum")).ToContainTextAsync("还差5%");
        await dialog.GetByTestId("scheme-save").ClickAsync();
        await Expect(dialog.GetByTestId("scheme-sum-error")).ToContainTextAsync("应恰好为100%");
        await BrowserFixture.ScreenshotAsync(page, "71-scores-editor-zh");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("scores-example")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_branch_worker_sees_their_own_sheet_on_a_phone_and_no_ranking()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("ys-qg@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync("/scores/2025");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("score-sheet")).ToContainTextAsync("七拱镇分馆得分表");
        await Expect(page.GetByTestId("scores-table")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("scores-edit")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("青莲镇");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "/scores/2025 scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, "72-scores-phone-worker-zh");
    }

    [Fact]
    public async Task The_scores_read_in_English_and_a_year_without_approved_figures_says_so()
    {
        var page = await browser.SignedInPageAsync("observer@demo.local", english: true);

        await page.GotoAsync("/scores/2025");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("scores-table")).ToContainTextAsync("Visits per resident");
        await Expect(page.GetByTestId("scores-edit")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "73-scores-en");

        await page.GotoAsync("/scores/2015");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("scores-empty")).ToContainTextAsync("2015 has no approved monthly figures");
    }
}
