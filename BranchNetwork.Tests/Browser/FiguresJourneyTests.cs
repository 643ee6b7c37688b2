using System.Globalization;
using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FiguresJourneyTests(BrowserFixture browser)
{
    private static readonly string[] QigongUnits = ["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"];

    internal static ILocator Unit(IPage page, string code) => page.Locator($"[data-unit='{code}']");

    private static async Task SignInAsAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync(email, PortalFactory.DemoPassword);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator(".user-button button").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    /// <summary>Types last month's value into every figure of a unit (Tab after each, as a person would).</summary>
    internal static async Task FillLikeLastMonthAsync(IPage page, string code)
    {
        var rows = Unit(page, code).Locator("tbody tr");
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var lastMonth = (await row.Locator("td").Nth(1).InnerTextAsync()).Replace(",", "");
            var input = row.Locator("input.figure-input");
            await input.FillAsync(lastMonth == "—" ? "0" : lastMonth);
            await input.PressAsync("Tab");
        }
    }

    /// <summary>Clicks "submit", possibly while the unit's last value is still being saved (the submit waits for it).</summary>
    internal static Task SubmitAsync(IPage page, string code) => Unit(page, code).GetByTestId("submit").ClickAsync();

    /// <summary>The report's state, or a failure that quotes the messages the page showed instead.</summary>
    internal static async Task ExpectStateAsync(IPage page, string code, string state)
    {
        try
        {
            await Expect(Unit(page, code).GetByTestId("report-state")).ToHaveTextAsync(state);
        }
        catch (PlaywrightException e)
        {
            var messages = await page.Locator(".mud-snackbar").AllInnerTextsAsync();
            await BrowserFixture.ScreenshotAsync(page, $"failed-{code}");
            throw new PlaywrightException($"{code} is not {state}; the page said: {string.Join(" | ", messages)}", e);
        }
    }

    [Fact]
    public async Task Qigong_submits_a_month_head_staff_return_it_the_worker_fixes_it_and_it_is_approved()
    {
        var page = await browser.NewPageAsync();

        await SignInAsAsync(page, "ys-qg@demo.local");
        await page.GotoAsync("/figures");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("outstanding")).ToBeVisibleAsync();
        foreach (var code in QigongUnits)
        {
            await FillLikeLastMonthAsync(page, code);
        }

        var visits = Unit(page, "YS-QG-01").Locator("tr[data-indicator='visits']");
        var usual = decimal.Parse((await visits.Locator("td").Nth(1).InnerTextAsync()).Replace(",", ""), CultureInfo.InvariantCulture);
        await visits.Locator("input.figure-input").FillAsync((usual * 4).ToString(CultureInfo.InvariantCulture));
        await visits.Locator("input.figure-input").PressAsync("Tab");
        await Expect(visits.Locator(".figure-flag").First).ToContainTextAsync("高出");
        await visits.Locator("input.figure-explanation").FillAsync("本月举办乡村阅读节");
        await visits.Locator("input.figure-explanation").PressAsync("Tab");
        await BrowserFixture.ScreenshotAsync(page, "20-figures-entry-zh");

        foreach (var code in QigongUnits)
        {
            await SubmitAsync(page, code);
            await ExpectStateAsync(page, code, "待审核");
        }

        await SignOutAsync(page);
        await SignInAsAsync(page, "staff@demo.local");
        await page.GotoAsync("/figures/review");
        await page.WaitForInteractiveAsync();
        await Expect(Unit(page, "YS-QG-01")).ToContainTextAsync("本月举办乡村阅读节");
        await BrowserFixture.ScreenshotAsync(page, "21-review-zh");
        await Unit(page, "YS-QG-01").GetByTestId("return").ClickAsync();
        await page.GetByLabel("意见 / 原因").FillAsync("请核对到馆人次的统计口径");
        await page.GetByTestId("confirm-comment").ClickAsync();
        await Expect(Unit(page, "YS-QG-01")).ToHaveCountAsync(0);
        foreach (var code in new[] { "YS-QG", "YS-QG-02", "YS-QG-03" })
        {
            await Unit(page, code).GetByTestId("approve").ClickAsync();
            await Expect(Unit(page, code)).ToHaveCountAsync(0);
        }

        await SignOutAsync(page);
        await SignInAsAsync(page, "ys-qg@demo.local");
        await page.GotoAsync("/figures");
        await page.WaitForInteractiveAsync();
        await Expect(Unit(page, "YS-QG-01").GetByTestId("return-comment")).ToContainTextAsync("请核对到馆人次的统计口径");
        // Straight from the field to 提交, as people do: the value saves as the field loses focus, the submit waits for it.
        await visits.Locator("input.figure-input").FillAsync((usual + 20).ToString(CultureInfo.InvariantCulture));
        await SubmitAsync(page, "YS-QG-01");
        await ExpectStateAsync(page, "YS-QG-01", "待审核");
        await Expect(visits.Locator("td.num").First).ToHaveTextAsync((usual + 20).ToString("#,0", CultureInfo.InvariantCulture));
        await Expect(visits.Locator(".figure-flag")).ToHaveCountAsync(0);

        await SignOutAsync(page);
        await SignInAsAsync(page, "staff@demo.local");
        await page.GotoAsync("/figures/review");
        await page.WaitForInteractiveAsync();
        await Unit(page, "YS-QG-01").GetByTestId("approve").ClickAsync();
        await Expect(Unit(page, "YS-QG-01")).ToHaveCountAsync(0);

        await page.GotoAsync("/figures/board");
        await page.WaitForInteractiveAsync();
        var lastMonth = DateTime.Today.AddMonths(-1).Month;
        await Expect(page.Locator($"[data-unit='YS-QG-01'] td").Nth(lastMonth - 1)).ToContainTextAsync("通过");
        await BrowserFixture.ScreenshotAsync(page, "22-board-zh");

        // The Excel export, read back with MiniExcel, holds the approved figure.
        await page.GotoAsync("/figures/exchange");
        await page.WaitForInteractiveAsync();
        await BrowserFixture.ScreenshotAsync(page, "23-exchange-zh");
        var month = DateTime.Today.AddMonths(-1);
        var export = await page.APIRequest.GetAsync($"/exports/figures/{month.Year}.xlsx");
        Assert.Equal(200, export.Status);
        var rows = new MemoryStream(await export.BodyAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var huogang = rows.Single(r => (string?)r["unit_code"] == "YS-QG-01" && (string?)r["month"] == month.ToString("yyyy-MM"));
        Assert.Equal((double)(usual + 20), Convert.ToDouble(huogang["visits"], CultureInfo.InvariantCulture));
        Assert.Equal("Approved", huogang["state"]);
    }
}
