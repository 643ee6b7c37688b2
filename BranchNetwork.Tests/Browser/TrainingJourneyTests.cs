using System.Globalization;
using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TrainingJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Head_staff_create_a_session_add_three_Qigong_staff_mark_attendance_and_the_hours_rise()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);
        var year = DateTime.Today.Year;
        await page.GotoAsync($"/training?year={year}");
        await page.WaitForInteractiveAsync();
        var totalBefore = decimal.Parse(await page.GetByTestId("total-hours").InnerTextAsync(), CultureInfo.InvariantCulture);

        await page.GetByTestId("create-session").ClickAsync();
        var day = DateTime.Today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("培训名称").FillAsync("七拱镇分馆业务培训");
        await page.GetByLabel("开始日期").FillAsync(day);
        await page.GetByLabel("开始日期").PressAsync("Tab");
        await page.GetByLabel("结束日期").FillAsync(day);
        await page.GetByLabel("结束日期").PressAsync("Tab");
        await page.GetByLabel("学时").FillAsync("6");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/training/\\d+$"));
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("enrol-select").ClickAsync();
        foreach (var unit in new[] { "七拱镇分馆", "火岗村服务点", "三所村服务点" })
        {
            await page.GetByRole(AriaRole.Option).Filter(new() { HasText = unit }).First.ClickAsync();
        }

        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("enrol").ClickAsync();
        await Expect(page.GetByTestId("attendee-table").Locator("tbody tr")).ToHaveCountAsync(3);

        for (var i = 0; i < 3; i++)
        {
            await page.GetByTestId("attended").Nth(i).CheckAsync();
            await Expect(page.GetByTestId("credited")).ToHaveCountAsync(i + 1);
        }

        await page.GetByTestId("credited").Nth(2).FillAsync("4");
        await page.GetByTestId("credited").Nth(2).PressAsync("Tab");
        await Expect(page.GetByTestId("credited").Nth(2)).ToHaveValueAsync("4");
        await BrowserFixture.ScreenshotAsync(page, "30-training-attendance-zh");

        await page.GotoAsync($"/training?year={year}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("total-hours")).ToHaveTextAsync((totalBefore + 16).ToString("#,0.##", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("person-hours").Locator("tr")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "31-training-hours-zh");

        await page.GotoAsync("/activities?year=2020");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("series-totals").Locator("[data-series='共享阅读-相约阳图'] .count-number")).ToHaveTextAsync("16");
        await BrowserFixture.ScreenshotAsync(page, "32-activities-2020-zh");
    }
}
