using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_downloads_the_network_monthly_report_and_previews_the_plaque_report_in_a_new_tab()
    {
        var page = await browser.SignedInPageAsync(PortalFactory.AdminEmail);
        await page.GotoAsync("/reports");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "全网月报汇总" })).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("network-monthly-download").ClickAsync());
        var file = Path.Combine(BrowserFixture.ScreenshotFolder, download.SuggestedFilename);
        await download.SaveAsAsync(file);
        Assert.Matches(@"^network-\d{4}-\d{2}\.pdf$", download.SuggestedFilename);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(file), 0, 5));
        await Expect(page.GetByTestId("network-monthly-download")).ToBeEnabledAsync();

        var preview = await page.RunAndWaitForPopupAsync(() => page.GetByTestId("plaques-preview").ClickAsync());
        Assert.StartsWith("blob:", preview.Url);
        await Expect(page.GetByTestId("plaques-error")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "40-reports-zh");
    }
}
