using System.Diagnostics;
using System.Net;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// Where the network monthly PDF's time goes (issue 20, item 2): in-process on a database file with the whole demo,
/// its queries (counted) with the document built from them, then the layout alone, then both; and over HTTP from the
/// portal as a real process (Production, signed in as the administrator). Renders are timed after many warm-ups, as
/// in the PDF section: tiered compilation settles the renderer only after a hundred or so.
/// </summary>
internal static class ReportsBench
{
    private const int WarmUp = 100;
    private const int Runs = 50;

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        ReportFonts.Register(null);
        // The portal's default culture: indicator names in Chinese, as in the PDF it answers.
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var period = Period.Of(DateOnly.FromDateTime(DateTime.Today)).AddMonths(-1);
        var t = PortalWords();
        await using (var services = await WarmRuns.DemoAsync(Path.Combine(folder, "reports.db")))
        {
            using var counter = new QueryCounter();
            var queries = await counter.CountAsync(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MonthlyFiguresReport>().NetworkDocumentAsync(period, t);
            });
            var renderer = services.GetRequiredService<PdfRenderer>();
            ReportDocument? document = null;
            var measures = $"warm, median / p95 / CPU a run / allocated a run / full (gen-2) collections in {Runs} runs";
            var queried = await InProcessAsync(services, async p => document = await p.GetRequiredService<MonthlyFiguresReport>().NetworkDocumentAsync(period, t));
            rows.Add(($"network monthly PDF {period}, in-process: queries ({queries}) and the document built from them, {measures}", queried, ""));
            byte[] pdf = [];
            var rendered = await InProcessAsync(services, _ => Task.FromResult(pdf = renderer.Render(document!)));
            rows.Add(($"network monthly PDF {period}, in-process: the layout alone ({pdf.Length / 1024} KB), {measures}", rendered, ""));
            var whole = await InProcessAsync(services, p => p.GetRequiredService<MonthlyFiguresReport>().NetworkAsync(period, t));
            rows.Add(($"network monthly PDF {period}, in-process: queries + layout, {measures}", whole, ""));
        }

        var data = Path.Combine(folder, "portal");
        Directory.CreateDirectory(data);
        await using var portal = await PortalChildProcess.StartAsync(data, environment: "Production");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = portal.Address };
        await PortalSignIn.SignInAsync(client, PortalChildProcess.AdminEmail, PortalChildProcess.DemoPassword);
        var path = $"/reports/network-monthly/{period}.pdf";
        // The whole table's row takes 10 warm-ups; the portal's renderer is then not yet at its last tier.
        foreach (var (warmUp, runs) in new[] { (10, Runs), (WarmUp, Runs) })
        {
            var (times, size, cpu) = await GetsAsync(client, portal, path, warmUp, runs);
            rows.Add(($"network monthly PDF {period} over HTTP ({size / 1024} KB), after {warmUp} more warm-ups, median / p95 / the portal's CPU a request",
                $"{Ms(Percentile(times, 0.5))} / {Ms(Percentile(times, 0.95))} / {Ms(cpu)}", "≤ 20 ms"));
        }

        rows.Add(("reports section: load average (1 min) at start / end", $"{load} / {File.ReadAllText("/proc/loadavg").Split(' ')[0]}", ""));
        return rows;
    }

    /// <summary>
    /// The portal's zh-CN words, read from its resource file as the portal's localiser gives them, so the document
    /// holds the Chinese text (and the font subset the glyphs) of the one the portal answers.
    /// </summary>
    private static ReportText PortalWords()
    {
        // bench/run.sh runs the bench from the repository's root.
        var resx = System.Xml.Linq.XDocument.Load(Path.Combine("BranchNetwork.Web", "Localization", "SharedResource.resx"));
        var words = resx.Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        return (key, args) => words.TryGetValue(key, out var text) ? string.Format(System.Globalization.CultureInfo.InvariantCulture, text, args) : key;
    }

    /// <summary>
    /// Warm runs of <paramref name="work"/>: "median / p95 ms / CPU a run / allocated a run / full collections", the CPU
    /// time, allocated bytes and gen-2 collections of the process over the timed runs (the last two do not vary with
    /// the machine's load).
    /// </summary>
    private static async Task<string> InProcessAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await WarmRuns.TimeAsync(services, work, WarmUp, 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(2);
        var (_, median, p95) = await WarmRuns.TimeAsync(services, work, 0, Runs);
        return $"{Ms(median)} / {Ms(p95)} / {Ms((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / Runs)} / "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Runs / 1024.0 / 1024:N2} MB / {GC.CollectionCount(2) - collections}";
    }

    private static async Task<(List<double> Times, int Size, double Cpu)> GetsAsync(HttpClient client, PortalChildProcess portal, string path, int warmUp, int count)
    {
        var times = new List<double>(count);
        var size = 0;
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < warmUp + count; i++)
        {
            if (i == warmUp)
            {
                cpu = portal.ProcessorTime;
            }

            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK || body.Length < 1000)
            {
                throw new InvalidOperationException($"{path} answered {response.StatusCode}.");
            }

            size = body.Length;
            if (i >= warmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (times, size, (portal.ProcessorTime - cpu).TotalMilliseconds / count);
    }

    private static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);

    private static string Ms(double ms) => $"{ms:N1} ms";
}
