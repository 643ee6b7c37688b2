using System.Globalization;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ResourcesJourneyTests(BrowserFixture browser)
{
    private static int Number(string text) => int.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Head_staff_deliver_600_volumes_to_Qigong_see_the_totals_rise_and_see_the_measured_plaque_and_tick_a_checklist_item_with_a_photo()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);

        await page.GotoAsync("/resources");
        await page.WaitForInteractiveAsync();
        var collectionBefore = Number(await page.Locator("[data-unit='YS-QG'] [data-testid=collection]").InnerTextAsync());
        await page.GotoAsync("/deliveries");
        await page.WaitForInteractiveAsync();
        var yearlyBefore = Number(await page.Locator("[data-branch='YS-QG'] [data-testid=yearly-volumes]").InnerTextAsync());

        await page.ChooseAsync(page.GetByTestId("delivery-unit"), "阳山县图书馆七拱镇分馆");
        await page.GetByLabel("册数").FillAsync("600");
        await page.GetByLabel("其中新书").FillAsync("400");
        await page.GetByTestId("add-delivery").ClickAsync();
        await Expect(page.Locator("[data-branch='YS-QG'] [data-testid=yearly-volumes]")).ToHaveTextAsync((yearlyBefore + 600).ToString("N0", CultureInfo.InvariantCulture));
        await BrowserFixture.ScreenshotAsync(page, "40-deliveries-zh");

        await page.GotoAsync("/resources");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-unit='YS-QG'] [data-testid=collection]")).ToHaveTextAsync((collectionBefore + 600).ToString("N0", CultureInfo.InvariantCulture));

        await page.GotoAsync("/plaques?unit=YS-QG");
        await page.WaitForInteractiveAsync();
        // The plaque is measured from the roster (七拱镇 was plaqued on 2020-07-08): shown, not ticked.
        var plaque = page.Locator("[data-item='统一标识牌']");
        await Expect(plaque.GetByTestId("verdict")).ToHaveTextAsync("达标");
        await Expect(plaque.GetByTestId("measured")).ToHaveTextAsync("2020-07-08 挂牌");
        await Expect(plaque.GetByTestId("met")).ToHaveCountAsync(0);
        var row = page.Locator("[data-item='有经过培训的管理员在岗']");
        await row.GetByTestId("met").CheckAsync();
        await Expect(row.GetByTestId("met")).ToBeCheckedAsync();
        await row.GetByTestId("photo").SetInputFilesAsync(new FilePayload { Name = "标识牌.png", MimeType = "image/png", Buffer = ResourcesTests.Png });
        await Expect(row.Locator("img.evidence")).ToHaveCountAsync(1);
        var src = await row.Locator("img.evidence").GetAttributeAsync("src");
        Assert.Equal(200, (await page.APIRequest.GetAsync("/" + src)).Status);
        await BrowserFixture.ScreenshotAsync(page, "41-checklist-zh");
    }

    [Theory]
    [InlineData(1366, 900, "desktop")]
    [InlineData(1024, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task A_grant_s_status_and_its_dates_stay_each_on_one_line_on_a_desktop_and_a_phone(int width, int height, string device)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("staff@demo.local", PortalFactory.DemoPassword);
        await page.GotoAsync("/grants");
        await page.WaitForInteractiveAsync();

        var statuses = page.GetByTestId("grant-table").Locator("[data-testid=grant-status], [data-testid=grant-status-date]");
        await Expect(statuses.First).ToBeVisibleAsync();
        // An inline text that wraps has one client rectangle per line.
        var lines = await statuses.EvaluateAllAsync<int[]>("spans => spans.map(s => s.getClientRects().length)");
        await BrowserFixture.ScreenshotAsync(page, $"45-grants-{device}-zh");
        Assert.True(lines.Length >= 8, $"{lines.Length} statuses and dates");
        Assert.All(lines, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Head_staff_record_a_grant_buy_a_resource_with_it_for_Qigong_and_void_a_mistaken_delivery_with_its_reason()
    {
        var page = await browser.SignedInPageAsync("staff@demo.local");
        await page.GotoAsync("/grants");
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("create-grant").ClickAsync();
        await page.GetByLabel("项目", new() { Exact = true }).FillAsync("七拱镇分馆自助借还设备");
        await page.GetByLabel("来源", new() { Exact = true }).FillAsync("县财政");
        await page.GetByLabel("金额（元）").FillAsync("36000.50");
        await page.GetByLabel("资助单位（输入名称或编码搜索）").FillAsync("七拱镇");
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "阳山县图书馆七拱镇分馆" }).First.ClickAsync();
        await Expect(page.GetByTestId("grant-units")).ToContainTextAsync("阳山县图书馆七拱镇分馆");
        await BrowserFixture.ScreenshotAsync(page, "42-grant-dialog-zh");
        await page.GetByTestId("save-grant").ClickAsync();
        await Expect(page.GetByText("经费项目已保存")).ToBeVisibleAsync();

        var grant = page.GetByTestId("grant-table").Locator("tr").Filter(new() { HasText = "七拱镇分馆自助借还设备" });
        await Expect(grant).ToContainTextAsync("¥36,000.50");
        await grant.GetByTestId("add-bought").ClickAsync();
        // The grant funds one unit: the dialog opens on it, with the grant chosen.
        await Expect(page.GetByTestId("resource-unit")).ToContainTextAsync("阳山县图书馆七拱镇分馆");
        await page.GetByLabel("名称", new() { Exact = true }).FillAsync("自助借还机");
        await page.GetByLabel("数量", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("计量单位").FillAsync("台");
        await page.GetByTestId("save-resource").ClickAsync();
        await Expect(grant.GetByTestId("bought")).ToContainTextAsync("自助借还机 × 2 台");
        await BrowserFixture.ScreenshotAsync(page, "43-grant-bought-zh");

        await page.GotoAsync("/deliveries?unit=YS-QG");
        await page.WaitForInteractiveAsync();
        await page.ChooseAsync(page.GetByTestId("delivery-unit"), "阳山县图书馆七拱镇分馆");
        await page.GetByLabel("册数").FillAsync("77");
        await page.GetByLabel("其中新书").FillAsync("7");
        await page.GetByLabel("备注").FillAsync("误录的配送");
        await page.GetByTestId("add-delivery").ClickAsync();
        var delivery = page.GetByTestId("delivery-table").Locator("tr").Filter(new() { HasText = "误录的配送" });
        await Expect(delivery).ToHaveCountAsync(1);

        await delivery.GetByTestId("void-delivery").ClickAsync();
        await Expect(page.GetByTestId("void-prompt")).ToContainTextAsync("阳山县图书馆七拱镇分馆");
        await page.GetByTestId("confirm-void").ClickAsync();
        await Expect(page.GetByText("此项必填。")).ToBeVisibleAsync();
        await page.GetByLabel("作废原因").FillAsync("册数录错，已重新登记");
        await BrowserFixture.ScreenshotAsync(page, "44-void-dialog-zh");
        await page.GetByLabel("作废原因").PressAsync("Enter");
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^已作废："))).ToBeVisibleAsync();
        await Expect(delivery).ToHaveCountAsync(0);

        await page.GetByTestId("show-voided").ClickAsync();
        await Expect(delivery).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("voided"));
        await Expect(delivery.GetByTestId("voided-note")).ToContainTextAsync("册数录错，已重新登记");
        await Expect(delivery.GetByTestId("void-delivery")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "45-deliveries-voided-zh");
    }
}
