using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// The portal on a loopback port (Kestrel) and Debian's Chromium driven by Playwright. Screenshots go to
/// <c>screenshots/</c> beside the test assembly, so a person can look at each journey.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public PortalFactory Portal { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Debian's Chromium at {ChromiumPath}: run the README's test command, which installs it (apt-get install -y chromium).");
        }

        Portal.UseKestrel(0);
        Portal.StartServer();
        BaseUrl = Portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no internet: keep Chromium from reaching for it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <param name="baseUrl">Another portal than the fixture's (the two-instance journey's nginx).</param>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        // The whole suite shares two cores with the portal and Chromium: give expectations the same room as actions.
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in as the given account, in Chinese or (english) in English.</summary>
    public async Task<IPage> SignedInPageAsync(string email, bool english = false)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(english ? "/culture?culture=en&redirectUri=/Account/Login" : "/Account/Login");
        await page.SignInAsync(email, PortalFactory.DemoPassword);
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

/// <summary>Browser journeys that change the demo's data share one portal and one Chromium, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// Browser journeys that change nothing in their portal's data (axe on every page, the pages on a phone and in English)
/// and the two-instance journey, which brings portals of its own: they have a portal and a Chromium of their own, one at
/// a time, and run beside <see cref="BrowserCollection"/> — no journey there sees data changed here, or the reverse.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadingBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-reading";
}
