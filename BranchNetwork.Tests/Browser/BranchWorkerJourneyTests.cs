using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BranchWorkerJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_Qigong_worker_keeps_their_units_only_and_the_administrator_sees_the_edit_in_the_audit_trail()
    {
        var page = await browser.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);

        await page.GotoAsync("/Account/Login");
        await page.SignInAsync("ys-qg@demo.local", PortalFactory.DemoPassword);
        await page.GotoAsync("/roster");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("显示 4 / 4 个网点");
        await Expect(page.GetByText("青莲镇")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("create-unit")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "用户管理" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "10-worker-roster-zh");

        await page.GetByRole(AriaRole.Link, new() { Name = "三所村服务点" }).ClickAsync();
        await page.GetByTestId("edit-unit").ClickAsync();
        await Expect(page.GetByLabel("名称")).ToBeDisabledAsync();
        await page.GetByLabel("每周开放时长（小时）").FillAsync("30");
        await BrowserFixture.ScreenshotAsync(page, "11-worker-edit-zh");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByText("已保存")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("change-status")).ToHaveCountAsync(0);

        await page.GotoAsync("/roster/YS-QL");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" })).ToBeVisibleAsync();
        await Expect(page.GetByText("青莲")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "12-worker-other-branch-zh");

        await page.WaitForInteractiveAsync();
        await page.Locator(".user-button button").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "12a-user-menu-zh");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.DemoPassword);
        await page.GotoAsync("/admin/audit");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("audit-entity").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "网点", Exact = true }).ClickAsync();
        // The list closes once the choice reached the page; typing before that can search without it.
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "网点", Exact = true })).ToBeHiddenAsync();
        await page.GetByLabel("对象编码/邮箱").FillAsync("YS-QG-02");
        await page.GetByLabel("对象编码/邮箱").PressAsync("Enter");
        await Expect(page.GetByTestId("audit-count")).ToHaveTextAsync("共 2 条记录");
        var edit = page.GetByTestId("audit-table").Locator("tr", new() { HasText = "ys-qg@demo.local" });
        await Expect(edit).ToContainTextAsync("修改");
        await Expect(edit).ToContainTextAsync("每周开放时长");
        await Expect(edit).ToContainTextAsync("30");
        await BrowserFixture.ScreenshotAsync(page, "13-admin-audit-zh");

        await page.GetByRole(AriaRole.Button, new() { Name = "切换语言" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "English" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();
        await page.GotoAsync("/admin/users");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("user-table")).ToContainTextAsync("ys-qg@demo.local");
        await BrowserFixture.ScreenshotAsync(page, "14-admin-users-en");

        // The one expected console message: the browser reports the deliberate 404 of the other branch's page.
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("status of 404"));
    }
}
