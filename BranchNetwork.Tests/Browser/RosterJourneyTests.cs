using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RosterJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_finds_Huogang_edits_its_phone_and_sees_it_after_a_reload_in_both_languages()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/roster");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await BrowserFixture.ScreenshotAsync(page, "01-sign-in-zh");
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.DemoPassword);

        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("显示 53 / 53 个网点");
        await Expect(page.Locator("[data-kind=HeadLibrary]")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-kind=Branch]")).ToHaveTextAsync("13");
        await Expect(page.Locator("[data-kind=ServicePoint]")).ToHaveTextAsync("39");
        await BrowserFixture.ScreenshotAsync(page, "02-roster-zh");

        await page.GetByRole(AriaRole.Tab, new() { Name = "树状图" }).ClickAsync();
        await Expect(page.GetByTestId("unit-tree").GetByText("阳山县图书馆七拱镇分馆")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02a-roster-tree-zh");
        await page.GetByRole(AriaRole.Tab, new() { Name = "列表" }).ClickAsync();

        await page.GetByTestId("township-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "七拱镇", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("显示 4 / 53 个网点");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("township=%E4%B8%83%E6%8B%B1%E9%95%87"));
        await BrowserFixture.ScreenshotAsync(page, "03-roster-qigong-zh");

        await page.GetByRole(AriaRole.Link, new() { Name = "火岗村服务点" }).ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("火岗村服务点");

        await page.GetByTestId("edit-unit").ClickAsync();
        var seats = page.GetByLabel("阅览座位");
        await seats.FillAsync("1e20");
        await seats.PressAsync("Tab");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("“1e20”不是数字")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "04b-edit-dialog-bad-number-zh");
        await seats.FillAsync("30");
        var phone = page.GetByLabel("联系电话");
        await phone.FillAsync("0763-6688123");
        await BrowserFixture.ScreenshotAsync(page, "04a-edit-dialog-zh");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("已保存")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("unit-phone")).ToHaveTextAsync("0763-6688123");
        await BrowserFixture.ScreenshotAsync(page, "04-unit-zh");

        await page.GetByRole(AriaRole.Button, new() { Name = "切换语言" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profile" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("unit-phone")).ToHaveTextAsync("0763-6688123");
        await BrowserFixture.ScreenshotAsync(page, "05-unit-en");

        await page.GotoAsync("/roster?township=七拱镇");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("Showing 4 of 53 units");
        await BrowserFixture.ScreenshotAsync(page, "06-roster-qigong-en");
    }

    [Fact]
    public async Task The_roster_works_on_a_phone_sized_screen()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync("/Account/Login");
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.DemoPassword);
        await page.GotoAsync("/roster?q=火岗");
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("显示 1 / 53 个网点");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "火岗村服务点" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The roster scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(page, "07-roster-phone-zh");
    }
}
