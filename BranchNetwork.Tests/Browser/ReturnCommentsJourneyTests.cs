using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>
/// Head staff return 青莲镇's service points with comments on single values (in Chinese, and in English on a phone);
/// the branch worker reads each under its field and submits again, which leaves the demo as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReturnCommentsJourneyTests(BrowserFixture browser)
{
    private static ILocator Unit(IPage page, string code) => page.Locator($"[data-unit='{code}']");

    private static async Task<IPage> SignedInAsync(BrowserFixture browser, string email, bool english, int width)
    {
        var page = await browser.NewPageAsync(width: width, height: width < 600 ? 844 : 900);
        await page.GotoAsync(english ? "/culture?culture=en&redirectUri=/Account/Login" : "/Account/Login");
        await page.SignInAsync(email, PortalFactory.DemoPassword);
        return page;
    }

    /// <summary>Opens the return dialog of a unit's report: it must open without errors, its comment focused.</summary>
    private static async Task<ILocator> OpenReturnAsync(IPage page, string code, string screenshot)
    {
        await page.GotoAsync("/figures/review");
        await page.WaitForInteractiveAsync();
        await Unit(page, code).GetByTestId("return").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("return-notes")).ToBeVisibleAsync();
        await Expect(dialog.Locator("textarea[data-testid=comment]")).ToBeFocusedAsync();
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await ViewportScreenshotAsync(page, screenshot);
        return dialog;
    }

    /// <summary>What is on the screen (a dialog, the part of a long page in view), not the whole page.</summary>
    private static Task ViewportScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    private static async Task ExpectNoSidewaysScrollAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{page.Url} scrolls sideways.");

    [Fact]
    public async Task Staff_return_with_comments_on_values_and_the_worker_reads_each_under_its_field_in_both_languages_and_on_a_phone()
    {
        var staff = await SignedInAsync(browser, "staff@demo.local", english: false, width: 1366);
        var dialog = await OpenReturnAsync(staff, "YS-QL-02", "60-return-dialog-zh");
        // Keyboard only: the comment, then Tab to the first value's comment field.
        await staff.Keyboard.TypeAsync("两项数字请核对后重新提交");
        await staff.Keyboard.PressAsync("Tab");
        await Expect(dialog.Locator("[data-testid=return-notes] input").First).ToBeFocusedAsync();
        await dialog.Locator("input[data-indicator=loans]").FillAsync("外借册次比上月少一半，请核对借还记录");
        await dialog.Locator("input[data-indicator=visits]").FillAsync("到馆人次请附门禁统计");
        await ViewportScreenshotAsync(staff, "61-return-dialog-filled-zh");
        await dialog.GetByTestId("confirm-comment").ClickAsync();
        await Expect(Unit(staff, "YS-QL-02")).ToHaveCountAsync(0);

        var phoneStaff = await SignedInAsync(browser, "staff@demo.local", english: true, width: 390);
        var phoneDialog = await OpenReturnAsync(phoneStaff, "YS-QL-03", "62-return-dialog-phone-en");
        await phoneDialog.Locator("textarea[data-testid=comment]").FillAsync("Please check the loans");
        await phoneDialog.Locator("input[data-indicator=loans]").FillAsync("Half of last month: please check the issue records");
        await phoneDialog.GetByTestId("confirm-comment").ClickAsync();
        await Expect(Unit(phoneStaff, "YS-QL-03")).ToHaveCountAsync(0);

        var worker = await SignedInAsync(browser, "ys-ql@demo.local", english: false, width: 390);
        await worker.GotoAsync("/figures?branch=YS-QL");
        await worker.WaitForInteractiveAsync();
        var loansNote = Unit(worker, "YS-QL-02").Locator("tr[data-note-for=loans] [data-testid=reviewer-note]");
        await Expect(loansNote).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*审核意见：\\s*外借册次比上月少一半，请核对借还记录$"));
        await Expect(Unit(worker, "YS-QL-02").Locator("tr[data-indicator=loans] input.figure-input")).ToHaveAttributeAsync("aria-describedby",
            "note-YS-QL-02-loans");
        await Expect(Unit(worker, "YS-QL-02").GetByTestId("return-comment")).ToContainTextAsync("另有 2 项指标的审核意见");
        await ExpectNoSidewaysScrollAsync(worker);
        await loansNote.ScrollIntoViewIfNeededAsync();
        await ViewportScreenshotAsync(worker, "63-entry-comments-phone-zh");

        var english = await SignedInAsync(browser, "ys-ql@demo.local", english: true, width: 1366);
        await english.GotoAsync("/figures?branch=YS-QL");
        await english.WaitForInteractiveAsync();
        await Expect(Unit(english, "YS-QL-03").Locator("tr[data-note-for=loans]")).ToContainTextAsync("Reviewer's comment: Half of last month: please check the issue records");
        await Unit(english, "YS-QL-03").ScrollIntoViewIfNeededAsync();
        await ViewportScreenshotAsync(english, "64-entry-comments-en");

        // Submitted again, the comments are answered: gone from the fields, kept in the history.
        foreach (var code in new[] { "YS-QL-02", "YS-QL-03" })
        {
            await Unit(english, code).GetByTestId("submit").ClickAsync();
            await Expect(Unit(english, code).GetByTestId("report-state")).ToHaveTextAsync("Submitted");
            await Expect(Unit(english, code).GetByTestId("reviewer-note")).ToHaveCountAsync(0);
        }

        await Unit(english, "YS-QL-02").GetByTestId("history").ClickAsync();
        var history = english.Locator(".mud-dialog");
        await Expect(history.GetByTestId("history-return")).ToContainTextAsync("Answered by a new submission");
        await Expect(history.Locator("li[data-indicator=visits]")).ToContainTextAsync("到馆人次请附门禁统计");
        await ViewportScreenshotAsync(english, "65-history-en");

        await staff.GotoAsync("/figures/review");
        await staff.WaitForInteractiveAsync();
        await Expect(Unit(staff, "YS-QL-02").GetByTestId("earlier-note").First).ToContainTextAsync("上次退回意见");
        await BrowserFixture.ScreenshotAsync(staff, "66-review-answered-zh");
    }
}
