using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Waits until the Blazor circuit is up, so clicks and typing reach the components.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Expect(page.Locator(".portal-root[data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>
    /// Chooses an option of a select and waits until the circuit has taken it: the select shows the option and its list
    /// has closed. A form filled on straight after the click can otherwise be submitted before the choice arrives.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Expect(select).ToContainTextAsync(option);
        await Expect(item).ToBeHiddenAsync();
    }

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForInteractiveAsync();
    }
}
