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

        // The picker searches by unit; the ticks stay while the search changes.
        foreach (var unit in new[] { "七拱镇分馆", "火岗村服务点", "三所村服务点" })
        {
            await page.GetByTestId("attendee-search").FillAsync(unit);
            await Expect(page.GetByTestId("candidate").First).ToContainTextAsync(unit);
            await page.GetByTestId("candidate").First.Locator("input").CheckAsync();
        }

        await Expect(page.GetByTestId("enrol")).ToContainTextAsync("（3）");
        await BrowserFixture.ScreenshotAsync(page, "29-training-picker-zh");
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

        // Removing someone asks first; 撤销 puts them back with their attendance and the 4 hours credited.
        var removed = (await page.GetByTestId("attendee-table").Locator("tbody tr").Nth(2).Locator("td").First.InnerTextAsync()).Trim();
        await page.GetByTestId("withdraw").Nth(2).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("4 学时");
        await BrowserFixture.ScreenshotAsync(page, "30a-training-withdraw-confirm-zh");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "移出" }).ClickAsync();
        await Expect(page.GetByTestId("attendee-table").Locator("tbody tr")).ToHaveCountAsync(2);
        var undo = page.Locator(".mud-snackbar", new() { HasText = $"已将{removed}移出" });
        await Expect(undo).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "30b-training-withdrawn-undo-zh");
        await undo.GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        await Expect(page.GetByTestId("attendee-table").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("credited")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("attendee-table").Locator("tbody tr", new() { HasText = removed }).GetByTestId("credited")).ToHaveValueAsync("4");
        await BrowserFixture.ScreenshotAsync(page, "30c-training-restored-zh");

        await page.GotoAsync($"/training?year={year}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("total-hours")).ToHaveTextAsync((totalBefore + 16).ToString("#,0.##", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("person-hours").Locator("tbody tr")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "31-training-hours-zh");

        await page.GotoAsync("/activities?year=2020");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("series-totals").Locator("[data-series='共享阅读-相约阳图'] .count-number")).ToHaveTextAsync("16");
        await BrowserFixture.ScreenshotAsync(page, "32-activities-2020-zh");

        // A photo goes on an activity and shows as a thumbnail; a file that is no image is refused under the photos.
        var folder = Directory.CreateTempSubdirectory("journey-photos").FullName;
        var photo = Path.Combine(folder, "reading.png");
        var notAnImage = Path.Combine(folder, "notes.png");
        await File.WriteAllBytesAsync(photo, Resources.ResourcesTests.Png);
        await File.WriteAllTextAsync(notAnImage, "这不是图片");
        await page.GetByTestId("edit-activity").First.ClickAsync();
        await page.Locator(".mud-dialog input[type=file]").First.SetInputFilesAsync(photo);
        await Expect(page.GetByTestId("activity-photos").Locator("img")).ToHaveCountAsync(1);
        await page.Locator(".mud-dialog input[type=file]").First.SetInputFilesAsync(notAnImage);
        await Expect(page.GetByTestId("photo-error")).ToContainTextAsync("notes.png");
        await BrowserFixture.ScreenshotAsync(page, "33-activity-photos-zh");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByTestId("activity-table").Locator("img.photo-mini")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "34-activities-thumbnail-zh");
        Directory.Delete(folder, recursive: true);
    }
}
