using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>The self-assessment in the browser: in Chinese with the score dialog, in English, and on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Head_library_staff_read_the_sheet_and_open_the_score_dialog_with_focus_on_the_points()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");
        await page.GotoAsync("/assessment");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "评估定级自评", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("assessment-note")).ToContainTextAsync("示例：请按本轮评估标准调整");
        await Expect(page.GetByTestId("assessment-section")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("assessment-total")).ToContainTextAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "70-assessment-zh");

        await page.GetByTestId("score-item").First.ClickAsync();
        var points = page.Locator("input[data-testid=score-points], [data-testid=score-points] input");
        await Expect(points).ToBeFocusedAsync();
        await Expect(page.Locator(".mud-dialog .validation-message")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "71-assessment-score-dialog-zh");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_sheet_reads_in_English_and_fits_a_phone()
    {
        var page = await browser.SignedInPageAsync("observer@demo.local", english: true);
        await page.GotoAsync("/assessment");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grading self-assessment", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("assessment-note")).ToContainTextAsync("Example: adjust to this round's standard");
        // Observers read: no score or edit buttons.
        await Expect(page.GetByTestId("score-item")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "72-assessment-en");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync("/Account/Login");
        await phone.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);
        await phone.GotoAsync("/assessment");
        await phone.WaitForInteractiveAsync();
        await Expect(phone.GetByTestId("assessment-section").First).ToBeVisibleAsync();
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "/assessment scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(phone, "73-assessment-phone-zh");
    }
}
