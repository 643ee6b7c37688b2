using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>The statistical return in the browser: the override dialog by keyboard, the downloads, English and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Head_library_staff_override_a_field_by_keyboard_download_the_return_and_remove_the_override()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");
        await page.GotoAsync("/statistics/2020");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2020年统计年报", Level = 1 })).ToBeVisibleAsync();

        var row = page.Locator("tr").Filter(new() { Has = page.Locator("td[data-field='25']") });
        await row.GetByTestId("override").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("input:focus, textarea:focus")).ToHaveCountAsync(1);
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await page.Keyboard.TypeAsync("1.5");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("数字资源平台年度统计");
        await BrowserFixture.ScreenshotAsync(page, "70-statistics-override-zh");
        await dialog.GetByTestId("save-override").ClickAsync();
        await Expect(row.GetByTestId("overridden")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("statistics-value").Locator("span").First).ToHaveTextAsync("1.5");
        await BrowserFixture.ScreenshotAsync(page, "71-statistics-zh");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("ledger-statistics-return").ClickAsync());
        Assert.Equal("统计年报-2020.xlsx", download.SuggestedFilename);
        await Expect(page.GetByTestId("ledger-statistics-return")).ToBeEnabledAsync();
        var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("statistics-pdf-download").ClickAsync());
        Assert.Equal("statistics-return-2020.pdf", pdf.SuggestedFilename);

        await row.GetByTestId("remove-override").ClickAsync();
        await page.GetByTestId("void-reason").Locator("input").Or(page.Locator("input[data-testid=void-reason]")).First.FillAsync("改由平台数据");
        await page.GetByTestId("confirm-void").ClickAsync();
        await Expect(row.GetByTestId("overridden")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_return_reads_in_English_and_on_a_phone()
    {
        var english = await browser.SignedInPageAsync("observer@demo.local", english: true);
        await english.GotoAsync("/statistics/2025");
        await english.WaitForInteractiveAsync();
        await Expect(english.GetByRole(AriaRole.Heading, new() { Name = "Statistical return 2025", Level = 1 })).ToBeVisibleAsync();
        await Expect(english.GetByTestId("statistics-table")).ToContainTextAsync("Approved monthly figures");
        await Expect(english.GetByTestId("override")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(english, "72-statistics-en");

        var phone = await browser.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync("/Account/Login");
        await phone.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);
        await phone.GotoAsync("/statistics/2018");
        await phone.WaitForInteractiveAsync();
        await Expect(phone.GetByTestId("statistics-empty")).ToBeVisibleAsync();
        await phone.GotoAsync("/statistics/2025");
        await phone.WaitForInteractiveAsync();
        await Expect(phone.GetByTestId("statistics-table")).ToBeVisibleAsync();
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The return scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(phone, "73-statistics-phone-zh");
    }
}
