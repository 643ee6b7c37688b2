using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BackupsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_administrator_backs_up_from_the_page_and_sees_the_backup_listed()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/backups");
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.DemoPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "数据备份" })).ToBeVisibleAsync();
        var rowsBefore = await page.Locator("[data-testid=backup-table] tbody tr").CountAsync();

        await page.GetByTestId("backup-now").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已备份：branchnetwork-");
        await Expect(page.Locator("[data-testid=backup-table] tbody tr")).ToHaveCountAsync(rowsBefore + 1);
        await Expect(page.GetByTestId("backup-now")).ToBeEnabledAsync();
        await Expect(page.Locator("[data-testid=backup-table] tbody tr").First).ToContainTextAsync(" MB");
        await BrowserFixture.ScreenshotAsync(page, "40-backups-zh");
    }
}
