using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is up, so clicks and typing reach the components.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.Locator(".portal-root[data-interactive=true]")).ToBeVisibleAsync();

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForInteractiveAsync();
    }
}
