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

        await page.GetByTestId("delivery-unit").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "阳山县图书馆七拱镇分馆", Exact = true }).ClickAsync();
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
}
