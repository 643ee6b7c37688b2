using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>The everyday pages on a phone-sized screen, and in English.</summary>
[Collection(ReadingBrowserCollection.Name)]
public sealed class PhoneAndEnglishTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/figures", "50-figures-phone-zh")]
    [InlineData("/figures/board", "51-board-phone-zh")]
    [InlineData("/training?year=2020", "52-training-phone-zh")]
    [InlineData("/deliveries", "53-deliveries-phone-zh")]
    public async Task A_branch_worker_can_use_the_page_on_a_phone(string path, string screenshot)
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("ys-qg@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();

        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{path} scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task The_figures_and_training_pages_read_in_English()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/culture?culture=en&redirectUri=/Account/Login");
        await page.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync("/figures?branch=YS-QL");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Monthly figures", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("th").Filter(new() { HasText = "Same month last year" }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "54-figures-en");

        await page.GotoAsync("/training?year=2020");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Training", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "55-training-en");
    }

    [Theory]
    [InlineData("observer@demo.local", "/admin/users", false, "无权访问")]
    [InlineData("ys-qg@demo.local", "/figures/review", false, "无权访问")]
    [InlineData("staff@demo.local", "/admin/audit", true, "Access denied")]
    public async Task A_signed_in_user_without_the_right_sees_access_denied_and_stays_signed_in(string email, string path, bool english, string heading)
    {
        var page = await browser.SignedInPageAsync(email, english);

        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith(path, new Uri(page.Url).AbsolutePath);
        await BrowserFixture.ScreenshotAsync(page, $"56-access-denied-{email.Split('@')[0]}");
        await page.GotoAsync("/roster");
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("登录|Sign in"));
    }

    [Fact]
    public async Task The_connection_lost_dialog_on_a_phone_is_Chinese()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("ys-qg@demo.local", PortalFactory.DemoPassword);
        await page.GotoAsync("/figures");
        await page.WaitForInteractiveAsync();

        // The state the framework sets while it retries after a dropped connection.
        await page.EvaluateAsync("() => { const d = document.getElementById('components-reconnect-modal'); d.classList.add('components-reconnect-retrying'); document.getElementById('components-seconds-to-next-attempt').textContent = '5'; d.showModal(); }");

        await Expect(page.GetByText("重新连接未成功，5 秒后再试。")).ToBeVisibleAsync();
        await Expect(page.Locator("#components-reconnect-modal")).ToHaveCSSAsync("opacity", "1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "57-reconnect-phone-zh.png") });
    }

    [Theory]
    [InlineData("/activities", "create-activity")]
    [InlineData("/training", "create-session")]
    [InlineData("/roster", "create-unit")]
    public async Task A_new_record_s_dialog_opens_without_errors_with_its_first_field_focused(string path, string button)
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();

        await page.GetByTestId(button).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();

        await Expect(dialog.Locator("input:focus, textarea:focus")).ToHaveCountAsync(1);
        await Expect(dialog.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, $"59-dialog-first-state-{button}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_pages_in_the_accessible_colours_read_on_a_desktop_and_on_a_phone(bool english)
    {
        var page = await browser.SignedInPageAsync("staff@demo.local", english);
        var language = english ? "en" : "zh";
        foreach (var (path, name) in new[] { ("/", "dashboard"), ("/analytics?view=rankings", "rankings"), ("/plaques", "plaques"), ("/roster/YS-QG-01", "unit") })
        {
            foreach (var width in new[] { 1366, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                await page.GotoAsync(path);
                await page.WaitForInteractiveAsync();
                await Expect(page.Locator(".mud-progress-indeterminate, .mud-skeleton")).ToHaveCountAsync(0);

                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
                Assert.False(overflow, $"{path} scrolls sideways at {width} px.");
                await BrowserFixture.ScreenshotAsync(page, $"60-a11y-{name}-{language}-{width}");
            }
        }
    }
}
