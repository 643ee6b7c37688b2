using System.Diagnostics;
using System.Text.Json;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BranchNetwork.Bench;

/// <summary>
/// A village line (issue 18): Chromium's network emulation at 400 ms latency and 400 kbit/s each way, the cache empty and
/// disabled, against the portal in Production. For the quick entry page and the main entry page of 七拱镇: the bytes that
/// crossed the line (encoded, as sent) and the time from the navigation to the first field a worker can type into — on the
/// quick page its script is ready, on the main page the circuit is up. The worker signs in first on a fast line.
/// </summary>
internal static class SlowLineBench
{
    private const int Runs = 3;
    private const double LatencyMs = 400, BytesPerSecond = 400_000 / 8.0;

    /// <summary>
    /// The published portal (<c>BENCH_PUBLISHED_WEB</c>, which bench/run.sh publishes) in Production: it serves the static
    /// assets as a deployment does, precompressed (Brotli, gzip), and runs as deployed.
    /// </summary>
    public static Task<PortalChildProcess> StartPublishedAsync(string folder)
    {
        var published = Environment.GetEnvironmentVariable("BENCH_PUBLISHED_WEB") is { Length: > 0 } dll && File.Exists(dll) ? dll
            : throw new InvalidOperationException("BENCH_PUBLISHED_WEB names no published BranchNetwork.Web.dll: run bench/run.sh, which publishes it.");
        return PortalChildProcess.StartAsync(folder, environment: "Production", webDll: published);
    }

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        await using var portal = await StartPublishedAsync(folder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PdfBench.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });

        var month = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");
        foreach (var (path, ready, label, target) in new[]
                 {
                     ($"/figures/quick?unit=YS-QG&month={month}", "#quick[data-ready=true] input.quick-value", "quick entry page", ("≤ 150 KB", "≤ 3,000 ms")),
                     ($"/figures?branch=YS-QG&month={month}", ".portal-root[data-interactive=true] input.figure-input", "main entry page (Blazor)", ("", "")),
                 })
        {
            var bytes = new List<double>();
            var times = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var (sent, ms) = await OnceAsync(browser, portal.Address, path, ready);
                bytes.Add(sent);
                times.Add(ms);
            }

            rows.Add(($"{label} at 400 ms / 400 kbit/s, empty cache: bytes transferred, median of {Runs}", $"{Median(bytes) / 1024:N1} KB", target.Item1));
            rows.Add(($"{label} at 400 ms / 400 kbit/s, empty cache: time to the first typeable field, median / max of {Runs}",
                $"{Median(times):N0} / {times.Max():N0} ms", target.Item2));
        }

        return rows;
    }

    private static async Task<(double Bytes, double Ms)> OnceAsync(IBrowser browser, Uri portal, string path, string ready)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(120_000);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/Account/Login");
        await signIn.Locator("#Input\\.Email").FillAsync("ys-qg@demo.local");
        await signIn.Locator("#Input\\.Password").FillAsync(PortalChildProcess.DemoPassword);
        await signIn.Locator("button[type=submit]").ClickAsync();
        await signIn.Locator(".portal-root[data-interactive=true]").WaitForAsync();
        await signIn.CloseAsync();

        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.clearBrowserCache");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new()
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = BytesPerSecond,
            ["uploadThroughput"] = BytesPerSecond,
        });
        double transferred = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is JsonElement finished && finished.TryGetProperty("encodedDataLength", out var length))
            {
                transferred += length.GetDouble();
            }
        };

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator(ready).First.WaitForAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        // What is still on its way when the field is ready (a late script, the framework's WebSocket) counts too.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return (transferred, ms);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
