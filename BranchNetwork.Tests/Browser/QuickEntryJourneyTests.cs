using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>
/// The quick entry page on a phone behind a line that drops (<see cref="LoopbackProxy"/>): every open socket is cut and
/// new ones are refused for several seconds while the worker keeps typing. Each test takes its own branch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuickEntryJourneyTests(BrowserFixture browser)
{
    private Period Month => Period.Of(browser.Portal.Services.GetRequiredService<CountyClock>().Today).Previous;

    private static ILocator Field(IPage page, string unit, string indicator) =>
        page.Locator($".quick-unit[data-unit='{unit}'] .quick-field[data-indicator='{indicator}']");

    private static async Task TypeAsync(IPage page, string unit, string indicator, string value)
    {
        var input = Field(page, unit, indicator).Locator("input.quick-value");
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    private async Task<IPage> PhoneAsync(LoopbackProxy line, string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = line.Address,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync(email, PortalFactory.DemoPassword);
        return page;
    }

    /// <summary>Waits until the page's requests to quick entry have failed on the cut line <paramref name="times"/> more times.</summary>
    private static async Task RetriedAsync(IPage page, int times)
    {
        using var failed = new SemaphoreSlim(0);
        void Failed(object? sender, IRequest request)
        {
            if (request.Url.Contains("/figures/quick/", StringComparison.Ordinal))
            {
                failed.Release();
            }
        }

        page.RequestFailed += Failed;
        try
        {
            for (var i = 0; i < times; i++)
            {
                Assert.True(await failed.WaitAsync(TimeSpan.FromSeconds(15)), $"The page tried the cut line {i} more time(s), not {times}, in 15 s.");
            }
        }
        finally
        {
            page.RequestFailed -= Failed;
        }
    }

    private async Task OpenAsync(IPage page, string unit)
    {
        await page.GotoAsync($"/figures/quick?unit={unit}&month={Month}");
        await Expect(page.Locator("#quick[data-ready=true]")).ToBeAttachedAsync();
    }

    /// <summary>The value the portal holds and how many times the report was written (its version counts every save).</summary>
    private async Task<(decimal? Value, int Version)> StoredAsync(string unit, string indicator) =>
        await browser.Portal.StoredAsync(unit, Month, indicator) ?? throw new InvalidOperationException($"{unit} has no report for {Month}.");

    /// <summary>Last month's value of a field, as its hint shows it ("上月 516 · 去年同期 622").</summary>
    private static async Task<string> LastMonthAsync(ILocator field)
    {
        var hint = await field.Locator(".quick-hint").InnerTextAsync();
        var last = Regex.Match(hint, @"上月 ([\d,.]+)").Groups[1].Value.Replace(",", "");
        return last.Length == 0 ? "0" : last;
    }

    [Fact]
    public async Task A_whole_month_typed_and_submitted_through_a_cut_is_saved_value_by_value_once_and_submitted()
    {
        const string unit = "YS-CJ-01";
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var page = await PhoneAsync(line, "ys-cj@demo.local");
        await OpenAsync(page, unit);
        await BrowserFixture.ScreenshotAsync(page, "quick-open-390");

        var fields = page.Locator($".quick-unit[data-unit='{unit}'] .quick-field");
        var count = await fields.CountAsync();
        var typed = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var field = fields.Nth(i);
            var indicator = (await field.GetAttributeAsync("data-indicator"))!;
            typed[indicator] = await LastMonthAsync(field);
            if (i == 3)
            {
                await Expect(fields.Nth(i - 1).Locator(".quick-state")).ToHaveTextAsync("已保存");
                line.Cut();
            }

            await TypeAsync(page, unit, indicator, typed[indicator]);
        }

        await page.Locator($".quick-unit[data-unit='{unit}'] button.quick-submit").ClickAsync();
        await Expect(page.Locator("#quick-banner")).ToHaveTextAsync($"离线：已暂存 {count - 3} 项，联网后自动上传");
        await Expect(fields.Last.Locator(".quick-state")).ToHaveTextAsync("待上传");
        await BrowserFixture.ScreenshotAsync(page, "quick-offline-390");
        // The line stays down while the page retries on it twice more (its back-off: 1 s, then 2 s), and nothing typed moves.
        await RetriedAsync(page, times: 2);
        line.Restore();

        await Expect(page.Locator($".quick-unit[data-unit='{unit}'] [data-testid=report-state]")).ToHaveTextAsync("待审核", new() { Timeout = 30_000 });
        await Expect(page.Locator("#quick-banner")).ToHaveTextAsync("全部已保存");
        foreach (var (indicator, value) in typed)
        {
            Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), (await StoredAsync(unit, indicator)).Value);
        }

        // One write per value and one for the submission: nothing was saved twice on the way back.
        Assert.Equal(count + 1, (await StoredAsync(unit, "visits")).Version);
        Assert.Equal("{}", await page.EvaluateAsync<string>("() => JSON.stringify(JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('branchnetwork.quick.')))).values)"));

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The quick entry page is {width} px wide on a 390 px phone.");
        await BrowserFixture.ScreenshotAsync(page, "quick-submitted-390");
    }

    [Fact]
    public async Task A_value_someone_else_changed_during_the_cut_shows_both_values_and_the_worker_chooses()
    {
        const string unit = "YS-CJ-02";
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var page = await PhoneAsync(line, "ys-cj@demo.local");
        await OpenAsync(page, unit);
        await TypeAsync(page, unit, "visits", "100");
        await Expect(Field(page, unit, "visits").Locator(".quick-state")).ToHaveTextAsync("已保存");

        line.Cut();
        await TypeAsync(page, unit, "visits", "130");
        await TypeAsync(page, unit, "loans", "50");

        // Head-library staff, on a line that works, correct the same value meanwhile.
        var staff = await browser.SignedInPageAsync("staff@demo.local");
        await OpenAsync(staff, unit);
        await TypeAsync(staff, unit, "visits", "120");
        await Expect(Field(staff, unit, "visits").Locator(".quick-state")).ToHaveTextAsync("已保存");
        await staff.Context.CloseAsync();
        line.Restore();

        var visits = Field(page, unit, "visits");
        await Expect(visits.Locator(".quick-state")).ToContainTextAsync("冲突：他人已改为 120，你输入的是 130。", new() { Timeout = 20_000 });
        // The other value typed in the cut did not collide with anything and is saved on the report as it is now.
        await Expect(Field(page, unit, "loans").Locator(".quick-state")).ToHaveTextAsync("已保存");
        Assert.Equal(120m, (await StoredAsync(unit, "visits")).Value);
        await BrowserFixture.ScreenshotAsync(page, "quick-conflict-390");

        await visits.GetByRole(AriaRole.Button, new() { Name = "用我的值" }).ClickAsync();
        await Expect(visits.Locator(".quick-state")).ToHaveTextAsync("已保存");
        Assert.Equal(130m, (await StoredAsync(unit, "visits")).Value);
        Assert.Equal(50m, (await StoredAsync(unit, "loans")).Value);
    }

    [Fact]
    public async Task When_the_session_ends_during_the_cut_the_worker_signs_in_again_and_the_kept_values_are_sent()
    {
        const string unit = "YS-CJ-03";
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var page = await PhoneAsync(line, "ys-cj@demo.local");
        await OpenAsync(page, unit);

        line.Cut();
        await TypeAsync(page, unit, "visits", "88");
        await page.Context.ClearCookiesAsync();
        line.Restore();

        var banner = page.Locator("#quick-banner");
        await Expect(banner).ToContainTextAsync("登录已失效：已暂存 1 项，重新登录后自动上传。", new() { Timeout = 20_000 });
        await BrowserFixture.ScreenshotAsync(page, "quick-signed-out-390");
        await banner.GetByRole(AriaRole.Link, new() { Name = "重新登录" }).ClickAsync();
        await page.Locator("#Input\\.Email").FillAsync("ys-cj@demo.local");
        await page.Locator("#Input\\.Password").FillAsync(PortalFactory.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/figures/quick"));
        await Expect(Field(page, unit, "visits").Locator(".quick-state")).ToHaveTextAsync("已保存");
        await Expect(Field(page, unit, "visits").Locator("input.quick-value")).ToHaveValueAsync("88");
        Assert.Equal(88m, (await StoredAsync(unit, "visits")).Value);
    }

    private static ILocator EntryInput(IPage page, string unit, string indicator) =>
        page.Locator($"[data-unit='{unit}'] tr[data-indicator='{indicator}'] input.figure-input");

    private async Task<IPage> EntryPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/figures?branch=YS-CJ&month={Month}");
        await page.WaitForInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task On_the_main_entry_page_values_typed_during_a_drop_are_sent_after_the_reconnect()
    {
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var phone = await PhoneAsync(line, "ys-cj@demo.local");
        var page = await EntryPageAsync(phone.Context);
        await EntryInput(page, "YS-CJ", "visits").FillAsync("300");
        await EntryInput(page, "YS-CJ", "visits").PressAsync("Tab");
        await Expect(EntryInput(page, "YS-CJ", "visits")).ToHaveAttributeAsync("data-saved", "300");
        var before = (await StoredAsync("YS-CJ", "visits")).Version;

        line.Cut();
        var bar = page.Locator("#components-reconnect-modal");
        await Expect(bar).ToContainTextAsync("可以继续填写");
        // The bar covers no field: typing goes on.
        await EntryInput(page, "YS-CJ", "loans").FillAsync("200");
        await EntryInput(page, "YS-CJ", "loans").PressAsync("Tab");
        await EntryInput(page, "YS-CJ", "borrowers").FillAsync("90");
        await EntryInput(page, "YS-CJ", "borrowers").PressAsync("Tab");
        await BrowserFixture.ScreenshotAsync(page, "entry-drop-390");
        // The line stays down until the circuit's quick reconnect attempts have all failed on it and it waits to try again.
        await Expect(bar.Locator(".components-reconnect-repeated-attempt-visible")).ToBeVisibleAsync();
        line.Restore();

        await Expect(EntryInput(page, "YS-CJ", "borrowers")).ToHaveAttributeAsync("data-saved", "90", new() { Timeout = 30_000 });
        await Expect(EntryInput(page, "YS-CJ", "loans")).ToHaveAttributeAsync("data-saved", "200");
        Assert.Equal(200m, (await StoredAsync("YS-CJ", "loans")).Value);
        // Two writes for the two values, none more: a value resent after the drop is not written again.
        Assert.Equal(((decimal?)90m, before + 2), await StoredAsync("YS-CJ", "borrowers"));
    }

    [Fact]
    public async Task On_the_main_entry_page_values_typed_before_the_page_was_closed_offline_are_sent_on_the_next_visit()
    {
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var phone = await PhoneAsync(line, "ys-cj@demo.local");
        var page = await EntryPageAsync(phone.Context);

        line.Cut();
        await EntryInput(page, "YS-CJ", "programs").FillAsync("4");
        await EntryInput(page, "YS-CJ", "programs").PressAsync("Tab");
        await page.CloseAsync();
        line.Restore();

        var again = await EntryPageAsync(phone.Context);
        await Expect(EntryInput(again, "YS-CJ", "programs")).ToHaveAttributeAsync("data-saved", "4");
        Assert.Equal(4m, (await StoredAsync("YS-CJ", "programs")).Value);
    }

    [Fact]
    public async Task Signing_out_clears_what_the_browser_kept_for_the_account()
    {
        var page = await browser.SignedInPageAsync("ys-cj@demo.local");
        await page.EvaluateAsync("() => localStorage.setItem('branchnetwork.quick.someone', '{\"values\":{\"YS-CJ|2026-01|visits\":{}}}')");

        await page.Locator(".user-button button").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
    }

    [Fact]
    public async Task In_English_the_quick_entry_page_reads_in_English_on_a_phone()
    {
        await using var line = LoopbackProxy.Start(browser.BaseUrl);
        var page = await PhoneAsync(line, "ys-cj@demo.local");
        await page.GotoAsync($"/culture?culture=en&redirectUri={Uri.EscapeDataString($"/figures/quick?unit=YS-CJ&month={Month}")}");
        await Expect(page.Locator("#quick[data-ready=true]")).ToBeAttachedAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Quick entry");
        await Expect(page.Locator(".quick-intro")).ToContainTextAsync("every value is kept on this device");
        await Expect(Field(page, "YS-CJ", "visits").Locator("label")).ToContainTextAsync("Visits");
        await BrowserFixture.ScreenshotAsync(page, "quick-open-390-en");
    }
}
