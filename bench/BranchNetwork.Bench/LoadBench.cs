using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BranchNetwork.Bench;

/// <summary>
/// The due day (issue 9): 60 branch workers at once for 60 s against the real portal on loopback. Each signs in
/// through the sign-in form, then month after month opens the entry page of their branch (server render over HTTP),
/// enters the twelve figures of a unit value by value and submits them through <see cref="FiguresService"/> — the
/// service the entry page calls on every value — on the portal's own database file, and every fifth month fetches
/// the unit annual PDF and the year's CSV export over HTTP. Then 60 Blazor circuits are opened in Chromium to
/// measure what a circuit costs the portal.
/// </summary>
internal static class LoadBench
{
    private const int Users = 60;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    /// <summary>Users arrive over the first 10 s, not in one instant.</summary>
    private static readonly TimeSpan RampUp = TimeSpan.FromSeconds(10);

    /// <summary>A person reads the page before typing, and types a figure and presses Enter about once a second.</summary>
    private static readonly TimeSpan ReadPage = TimeSpan.FromSeconds(2), TypeValue = TimeSpan.FromSeconds(1);

    /// <summary>Who the services act for: each simulated user sets their own branch worker.</summary>
    private sealed class SimulatedUser : ICurrentUser
    {
        public static readonly AsyncLocal<Actor> Current = new();

        public Task<Actor> GetActorAsync() => Task.FromResult(Current.Value ?? Actor.Anonymous);
    }

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        await using (var portal = await PortalChildProcess.StartAsync(folder, environment: "Production"))
        {
            var database = Path.Combine(folder, "portal.db");
            // The months to enter: 2000–2018, before the demo figures, for a network that has served that long.
            Execute(database, "UPDATE Units SET OpenedOn = NULL;");
            var branches = Branches(database);
            await using var services = FiguresBench.Build(database, new SimulatedUser());
            var indicators = await IndicatorsAsync(services);
            var work = branches.ToDictionary(b => b.Code, b => new ConcurrentQueue<(string Unit, Period Month)>(
                Period.Range(new Period(2000, 1), new Period(2018, 12)).SelectMany(p => b.Units.Select(u => (u.Code, p)))));
            var lastYear = DateTime.Today.Year - 1;

            // SQLite's async calls complete synchronously: give the driver threads enough that its own waits do not
            // show up as the portal's latency.
            ThreadPool.SetMinThreads(Users * 2, Users * 2);
            var alone = await AloneAsync(portal.Address, branches[0].Code);
            rows.Add(("entry page for one user alone (no other load), median of 20", Ms(P(alone, 0.5)), ""));

            var samples = new LoadSamples();
            var peak = portal.WorkingSetBytes;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, portal.WorkingSetBytes);
                    await Task.Delay(100);
                }
            });

            var clock = Stopwatch.StartNew();
            var deadline = clock.Elapsed + Duration;
            await Task.WhenAll(Enumerable.Range(0, Users).Select(i => Task.Run(async () =>
            {
                await Task.Delay(RampUp * i / Users);
                await UserAsync(portal.Address, branches[i % branches.Count], work, indicators, lastYear, deadline, clock, services, samples);
            })));
            var elapsed = clock.Elapsed;
            stop.Cancel();
            await sampler;

            var all = samples.All.ToList();
            var ok = samples.Times();
            var submitted = all.Count(s => s.Kind == "submit" && s.Ok);
            rows.Add(($"due day, {Users} users for {elapsed.TotalSeconds:N0} s: requests (sign-ins, pages, value saves, submits, PDFs, exports)", $"{all.Count:N0}", ""));
            rows.Add(("due day: throughput", $"{all.Count / elapsed.TotalSeconds:N1} /s", ""));
            rows.Add(("due day: month reports submitted (12 values each)", $"{submitted:N0}", ""));
            rows.Add(("due day: latency of all requests, p50 / p95 / p99", $"{Ms(P(ok, 0.50))} / {Ms(P(ok, 0.95))} / {Ms(P(ok, 0.99))}", "p95 ≤ 150 ms"));
            foreach (var kind in new[] { "sign-in", "entry page", "save value", "submit", "unit annual PDF", "CSV export" })
            {
                var times = samples.Times(kind);
                if (times.Count > 0)
                {
                    rows.Add(($"due day: {kind} ({times.Count:N0}), p50 / p95 / p99", $"{Ms(P(times, 0.50))} / {Ms(P(times, 0.95))} / {Ms(P(times, 0.99))}", ""));
                }
            }

            rows.Add(("due day: errors", $"{samples.Errors.Count}", "0"));
            rows.Add(("due day: portal peak working set", $"{peak / 1024 / 1024} MB", "≤ 400 MB"));
            foreach (var error in samples.Errors.Take(10))
            {
                Console.Error.WriteLine($"load error: {error}");
            }

            Console.WriteLine(string.Join(Environment.NewLine, rows.Select(r => $"{r.Item1}: {r.Item2}")));
        }

        rows.AddRange(await CircuitsAsync(Path.Combine(folder, "circuits")));
        return rows;
    }

    /// <summary>
    /// The circuits alone (bench/run.sh circuits), on the published portal in Production, as deployed: started once to
    /// migrate and seed the demo, then again on that database, so the working set before the circuits is a portal's that
    /// restarted (a deployed portal seeds no demo, and what the seeding left in the heap is not what circuits cost).
    /// </summary>
    public static async Task<List<(string Measure, string Value, string Target)>> CircuitsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await using (await SlowLineBench.StartPublishedAsync(folder))
        {
        }

        await using var portal = await SlowLineBench.StartPublishedAsync(folder);
        return await CircuitsAsync(portal);
    }

    private static async Task UserAsync(
        Uri address, Branch branch, Dictionary<string, ConcurrentQueue<(string Unit, Period Month)>> work, IReadOnlyList<IndicatorInfo> indicators,
        int lastYear, TimeSpan deadline, Stopwatch clock, IServiceProvider services, LoadSamples samples)
    {
        SimulatedUser.Current.Value = new Actor($"bench-{branch.Code}", $"bench {branch.Code}", Roles.BranchWorker, branch.Id);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var email = $"{branch.Code.ToLowerInvariant()}@demo.local";
        if (!await samples.TimedAsync("sign-in", async () => (await PortalSignIn.SignInAsync(client, email, PortalChildProcess.DemoPassword)).StatusCode == HttpStatusCode.Redirect))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<FiguresService>();
        var months = 0;
        while (clock.Elapsed < deadline && work[branch.Code].TryDequeue(out var item))
        {
            var (unit, month) = item;
            await samples.TimedAsync("entry page", () => GetAsync(client, $"/figures?branch={branch.Code}&month={month}"));
            await Task.Delay(ReadPage);
            var version = 0;
            var kind = branch.Units.Single(u => u.Code == unit).Kind;
            foreach (var indicator in indicators.Where(i => i.AppliesToKind(kind)))
            {
                await samples.TimedAsync("save value", async () =>
                {
                    version = (await figures.SaveValueAsync(unit, month, indicator.Code, Math.Min(indicator.Maximum, 10), null, version)).Version;
                    return true;
                });
                await Task.Delay(TypeValue);
            }

            await samples.TimedAsync("submit", async () =>
            {
                await figures.SubmitAsync(unit, month, version);
                return true;
            });
            if (++months % 5 == 0)
            {
                await samples.TimedAsync("unit annual PDF", () => GetAsync(client, $"/reports/unit-annual/{branch.Code}/{lastYear}.pdf"));
                await samples.TimedAsync("CSV export", () => GetAsync(client, $"/exports/figures/{lastYear}.csv"));
            }
        }
    }

    private static async Task<List<double>> AloneAsync(Uri address, string branch)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        await PortalSignIn.SignInAsync(client, $"{branch.ToLowerInvariant()}@demo.local", PortalChildProcess.DemoPassword);
        var times = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var watch = Stopwatch.StartNew();
            if (!await GetAsync(client, $"/figures?branch={branch}&month=1999-12"))
            {
                throw new InvalidOperationException("The entry page did not answer 200.");
            }

            if (i >= 5)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static async Task<bool> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK && body.Length > 500;
    }

    /// <summary>60 pages of the figures entry in Chromium, each its own circuit: what they add to the portal's working set.</summary>
    private static async Task<List<(string, string, string)>> CircuitsAsync(PortalChildProcess portal)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PdfBench.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.Address.ToString() });
        context.SetDefaultTimeout(60_000);
        var first = await context.NewPageAsync();
        await first.GotoAsync("/Account/Login");
        await first.Locator("#Input\\.Email").FillAsync("admin@demo.local");
        await first.Locator("#Input\\.Password").FillAsync(PortalChildProcess.DemoPassword);
        await first.Locator("button[type=submit]").ClickAsync();
        await first.Locator(".portal-root[data-interactive=true]").WaitForAsync();
        await Task.Delay(3000);
        var before = portal.WorkingSetBytes;
        var splitBefore = MemorySplit(portal.ProcessId);
        var dump = Environment.GetEnvironmentVariable("BENCH_GCDUMP") is { Length: > 0 } file ? file : null;
        var heapBefore = dump is null ? null : await GcDumpAsync(portal.ProcessId, Path.ChangeExtension(dump, ".before.gcdump"));

        var month = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");
        var pages = new List<IPage>();
        for (var i = 0; i < Users; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/figures?branch=YS-QG&month={month}");
            await page.Locator(".portal-root[data-interactive=true]").WaitForAsync();
            pages.Add(page);
        }

        await Task.Delay(5000);
        var after = portal.WorkingSetBytes;
        var splitAfter = MemorySplit(portal.ProcessId);
        var perCircuit = (after - before) / (double)Users / 1024 / 1024;
        List<(string, string, string)> rows =
        [
            ($"{Users} open Blazor circuits (figures entry, 七拱镇): portal working set before / after", $"{before / 1024 / 1024} / {after / 1024 / 1024} MB", "≤ 300 MB"),
            ("memory per open circuit (working set difference ÷ 60)", $"{perCircuit:N2} MB", ""),
            ("the working set before / after: anonymous (heaps) / files mapped (the runtime's and the program's) / JIT code (in it twice)",
                $"{splitBefore} / {splitAfter}", ""),
        ];
        if (dump is not null)
        {
            // Heap snapshots before and with the circuits open, to see what they hold: dotnet-gcdump report BENCH_GCDUMP.
            rows.Add(("heap snapshots before / with the circuits open (dotnet-gcdump; each forces a full collection first)",
                $"{heapBefore} / {await GcDumpAsync(portal.ProcessId, dump)}", ""));
        }

        return rows;
    }

    /// <summary>The resident memory of a process by kind, in MB, from /proc/PID/smaps_rollup ("anon / file / shmem").</summary>
    private static string MemorySplit(int processId)
    {
        var kB = File.ReadLines($"/proc/{processId}/smaps_rollup")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim()[..^3], System.Globalization.CultureInfo.InvariantCulture));
        // The JIT's code is in a shared memory file mapped twice (write and execute apart): the working set counts it
        // twice, Pss_Shmem once.
        var (anonymous, code) = (kB["Anonymous"], kB["Pss_Shmem"]);
        var files = kB["Rss"] - anonymous - 2 * code;
        return $"{anonymous / 1024} / {files / 1024} / {code / 1024} MB";
    }

    /// <summary>
    /// Runs dotnet-gcdump (BENCH_GCDUMP_TOOL, or the one on the PATH) against the portal; it forces a full GC first.
    /// Gives the live managed heap it found and the file.
    /// </summary>
    private static async Task<string> GcDumpAsync(int processId, string file)
    {
        var tool = Environment.GetEnvironmentVariable("BENCH_GCDUMP_TOOL") is { Length: > 0 } path ? path : "dotnet-gcdump";
        // The tool names its file so.
        file = file.EndsWith(".gcdump", StringComparison.Ordinal) ? file : file + ".gcdump";
        using var gcdump = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await gcdump.StandardOutput.ReadToEndAsync() + await gcdump.StandardError.ReadToEndAsync();
        await gcdump.WaitForExitAsync();
        if (gcdump.ExitCode != 0)
        {
            return $"failed: {output.Trim()}";
        }

        using var report = Process.Start(new ProcessStartInfo(tool, ["report", file]) { RedirectStandardOutput = true })!;
        // The report's first line: "     99,999,312  GC Heap bytes".
        var heap = (await report.StandardOutput.ReadLineAsync())?.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal);
        await report.StandardOutput.ReadToEndAsync();
        await report.WaitForExitAsync();
        return long.TryParse(heap, System.Globalization.CultureInfo.InvariantCulture, out var bytes) ? $"{bytes / 1024 / 1024} MB live ({file})" : file;
    }


    private sealed record Branch(int Id, string Code, List<(string Code, UnitKind Kind)> Units);

    private static List<Branch> Branches(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT u.Id, u.Code, u.Kind, u.ParentId FROM Units u WHERE u.Kind <> 0 ORDER BY u.Code;";
        using var reader = command.ExecuteReader();
        var units = new List<(int Id, string Code, UnitKind Kind, int? Parent)>();
        while (reader.Read())
        {
            units.Add((reader.GetInt32(0), reader.GetString(1), (UnitKind)reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }

        return units.Where(u => u.Kind == UnitKind.Branch)
            .Select(b => new Branch(b.Id, b.Code, [(b.Code, b.Kind), .. units.Where(u => u.Parent == b.Id).Select(u => (u.Code, u.Kind))]))
            .ToList();
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static async Task<IReadOnlyList<IndicatorInfo>> IndicatorsAsync(IServiceProvider services)
    {
        SimulatedUser.Current.Value = Actor.System;
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FiguresService>().ActiveIndicatorsAsync();
    }

    internal static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    internal static string Ms(double ms) => $"{ms:N1} ms";
}
