using System.Diagnostics;
using System.Net;
using BranchNetwork.Bench;
using BranchNetwork.Tests.Infrastructure;

// Measures the portal as a user meets it: a real process, real HTTP, the demo network in a real SQLite file.
// Run with bench/run.sh (builds Release first). Later issues add their scenarios to this table.
if (args is ["pdf"])
{
    // The PDF section alone (bench/run.sh pdf) needs neither the portal nor a database.
    Print(await PdfBench.RunAsync());
    return 0;
}

// The in-process scenarios that run alone, each on a new demo database in a folder of its own, without the portal.
Func<string, Task<List<(string Measure, string Value, string Target)>>>? inProcess = args switch
{
    // The self-assessment's score sheet (bench/run.sh assessment).
    ["assessment"] => AssessmentBench.RunAsync,
    // The ledgers (bench/run.sh ledgers).
    ["ledgers"] => LedgerBench.RunAsync,
    // The figures section (bench/run.sh figures): ten years imported, exports, checks, analytics.
    ["figures"] => FiguresBench.RunAsync,
    // The import of the figures section alone, cold and then warm (bench/run.sh import [runs]).
    ["import", ..] when args.Length <= 2 => folder => FiguresBench.ImportRunsAsync(folder,
        args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
    _ => null,
};
if (inProcess is not null)
{
    var folder = Directory.CreateTempSubdirectory($"branchnetwork-bench-{args[0]}-");
    try
    {
        Print(await inProcess(folder.FullName));
    }
    finally
    {
        folder.Delete(recursive: true);
    }

    return 0;
}

if (args is ["scale", ..] && args.Length <= 2)
{
    // The scale bench alone (bench/run.sh scale [branches]): a synthetic network on SQLite and on PostgreSQL, in-process.
    var branches = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ScaleBench.DefaultBranches;
    if (ScaleBench.Server() is not { } server)
    {
        Console.Error.WriteLine("The scale bench needs a PostgreSQL server: set BENCH_POSTGRES or BRANCHNETWORK_TEST_POSTGRES (bench/run.sh scale starts the tests' cluster).");
        return 1;
    }

    var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
    var folder = Directory.CreateTempSubdirectory("branchnetwork-bench-scale-");
    try
    {
        var scale = await ScaleBench.RunAsync(folder.FullName, server, branches);
        Console.WriteLine($"Scale bench: 1 head library, {branches} branches, {branches * 10} service points; load average at the start {string.Join(" ", load)}");
        var (ws, wp) = (Math.Max(6, scale.Max(r => r.Sqlite.Length)), Math.Max(10, scale.Max(r => r.PostgreSql.Length)));
        Print([.. scale.Select(r => (r.Measure, $"{r.Sqlite.PadLeft(ws)} | {r.PostgreSql.PadLeft(wp)}", r.Ratio))],
            $"{"SQLite".PadLeft(ws)} | {"PostgreSQL".PadLeft(wp)}", "PostgreSQL ÷ SQLite (median)");
        await PrintDueDayOnPostgreSqlAsync(folder.FullName, server, TwoInstanceLoadBench.DefaultUsers);
    }
    finally
    {
        folder.Delete(recursive: true);
    }

    return 0;
}

if (args is ["dueday-pg", ..] && args.Length <= 2)
{
    // The due day on two instances alone (bench/run.sh dueday-pg [workers]).
    if (ScaleBench.Server() is not { } server)
    {
        Console.Error.WriteLine("The due day on PostgreSQL needs a PostgreSQL server: set BENCH_POSTGRES or BRANCHNETWORK_TEST_POSTGRES (bench/run.sh dueday-pg starts the tests' cluster).");
        return 1;
    }

    var users = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : TwoInstanceLoadBench.DefaultUsers;
    var folder = Directory.CreateTempSubdirectory("branchnetwork-bench-dueday-");
    try
    {
        await PrintDueDayOnPostgreSqlAsync(folder.FullName, server, users);
    }
    finally
    {
        folder.Delete(recursive: true);
    }

    return 0;
}

var root = FindRepositoryRoot();
var webDll = Path.Combine(root, "BranchNetwork.Web", "bin", "Release", "net10.0", "BranchNetwork.Web.dll");
if (!File.Exists(webDll))
{
    Console.Error.WriteLine($"{webDll} is missing: build in Release first (bench/run.sh does).");
    return 1;
}

var data = Directory.CreateTempSubdirectory("branchnetwork-bench-");
var rows = new List<(string Measure, string Value, string Target)>();
// The scenarios that run alone, each on its own portal in the bench's folder.
Func<string, Task<List<(string Measure, string Value, string Target)>>>? alone = args switch
{
    // The due-day load scenario (bench/run.sh load): a minute of 60 users, then 60 open circuits.
    ["load"] => LoadBench.RunAsync,
    // The circuits (bench/run.sh circuits): 60 entry pages open in Chromium against the published portal.
    ["circuits"] => LoadBench.CircuitsAsync,
    // The burst (bench/run.sh burst): open-loop signed-in pages and PDFs at 25–200 requests a second.
    ["burst"] => BurstBench.RunAsync,
    // The slow-line rows (bench/run.sh slowline): both entry pages at 400 ms / 400 kbit/s with an empty cache.
    ["slowline"] => SlowLineBench.RunAsync,
    // The network monthly PDF split (bench/run.sh reports): queries, layout, in-process, then over HTTP.
    ["reports"] => ReportsBench.RunAsync,
    _ => null,
};
if (alone is not null)
{
    try
    {
        rows.AddRange(await alone(data.FullName));
    }
    finally
    {
        data.Delete(recursive: true);
    }

    Print(rows);
    return 0;
}

if (args is ["startup"])
{
    // The start-up rows alone (bench/run.sh startup): new and existing databases, with the portal's own step timings.
    try
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var (startRows, steps) = await StartupBench.RunAsync(data.FullName, PublishedWeb());
        Console.WriteLine($"Load average at the start: {load}; at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        Print(startRows);
        PrintSteps(steps);
    }
    finally
    {
        data.Delete(recursive: true);
    }

    return 0;
}

if (args is ["review"])
{
    // The review queue row alone (bench/run.sh review): a new demo database, 6,000 submitted reports, the first page.
    try
    {
        var folder = Path.Combine(data.FullName, "review");
        Directory.CreateDirectory(folder);
        await using var portal = await PortalChildProcess.StartAsync(folder, environment: "Production");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = portal.Address };
        await PortalSignIn.SignInAsync(client, "admin@demo.local", PortalChildProcess.DemoPassword);
        rows.Add(await ReviewRowAsync(client, Path.Combine(folder, "portal.db")));
    }
    finally
    {
        data.Delete(recursive: true);
    }

    Print(rows);
    return 0;
}

List<(string Step, string ColdWarm)>? startSteps = null;
try
{
    var (startRows, steps) = await StartupBench.RunAsync(data.FullName, PublishedWeb());
    rows.AddRange(startRows);
    startSteps = steps;

    var portal = await PortalChildProcess.StartAsync(Path.Combine(data.FullName, "startup-0"), environment: "Production");
    await using (portal)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = portal.Address,
        };
        var signIn = await PortalSignIn.SignInAsync(client, "admin@demo.local", PortalChildProcess.DemoPassword);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {signIn.StatusCode}");
        }

        var lastMonth = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");
        foreach (var (path, label) in new[]
                 {
                     ("/roster", "roster page, 53 units"), ("/roster/YS-QG-01", "unit page"), ("/", "dashboard page (key figures, to-do lists)"),
                     ("/analytics", "analytics page (three-year trend)"),
                     ($"/figures?branch=YS-QG&month={lastMonth}", "figures entry page, 七拱镇"), ("/figures/review", "review page"),
                     ("/figures/board", "submission board, 52 units × 12 months"),
                 })
        {
            var times = await TimeGetsAsync(client, path, warmUp: 10, count: 100);
            rows.Add(($"{label} server render, median", Ms(Median(times)), "≤ 100 ms"));
            rows.Add(($"{label} server render, p95", Ms(Percentile(times, 0.95)), ""));
        }

        var lastYear = DateTime.Today.Year - 1;
        foreach (var (path, label, target) in new[]
                 {
                     ($"/reports/network-monthly/{lastMonth}.pdf", "network monthly PDF (2 pages, 52 units)", "≤ 50 ms"),
                     ($"/reports/unit-annual/YS-QG/{lastYear}.pdf", "unit annual PDF", "≤ 50 ms"),
                     ("/reports/plaques.pdf", "plaques PDF (2 pages)", ""),
                     ("/reports/annual-summary/2020.pdf", "annual work summary PDF, 2020", "≤ 200 ms"),
                     ("/reports/annual-summary/2020.docx", "annual work summary .docx, 2020", ""),
                     ("/reports/training-signin/1.pdf", "training sign-in sheet PDF (session 1, 8 enrolled)", ""),
                 })
        {
            var times = await TimeGetsAsync(client, path, warmUp: 10, count: 50);
            var size = (await client.GetByteArrayAsync(path)).Length;
            rows.Add(($"{label}, {size / 1024} KB, over HTTP warm, median / p95", $"{Ms(Median(times))} / {Ms(Percentile(times, 0.95))}", target));
        }

        // Last, as it changes the database the rows above read: the review queue of the hardening issue, paged.
        rows.Add(await ReviewRowAsync(client, Path.Combine(data.FullName, "startup-0", "portal.db")));

        rows.Add(("portal working set after the above", $"{portal.WorkingSetBytes / 1024 / 1024} MB", ""));
    }

    var slowLine = Path.Combine(data.FullName, "slow-line");
    Directory.CreateDirectory(slowLine);
    rows.AddRange(await SlowLineBench.RunAsync(slowLine));
    rows.AddRange(await FiguresBench.RunAsync(data.FullName));
    rows.AddRange(await LedgerBench.RunAsync(data.FullName));
    rows.AddRange(await AssessmentBench.RunAsync(data.FullName));
    rows.AddRange(await PdfBench.RunAsync());
}
finally
{
    data.Delete(recursive: true);
}

Print(rows);
PrintSteps(startSteps!);
return 0;

// Issue 19's due day: two instances on one PostgreSQL database behind nginx.
static async Task PrintDueDayOnPostgreSqlAsync(string folder, string server, int users)
{
    var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
    var rows = await TwoInstanceLoadBench.RunAsync(folder, server, users);
    Console.WriteLine($"Due day on PostgreSQL, two instances behind nginx; load average at the start {string.Join(" ", load)}");
    Print(rows);
}

// The portal as deployed (bench/run.sh publishes it for this machine's runtime, ReadyToRun), or else the build's.
static string? PublishedWeb() => Environment.GetEnvironmentVariable("BENCH_PUBLISHED_WEB") is { Length: > 0 } published ? published : null;

static void PrintSteps(List<(string Step, string ColdWarm)> steps)
{
    Console.WriteLine();
    Console.WriteLine("Start-up steps: ms since the portal's process started and its processor time so far, medians (— : not in that start)");
    Print([.. steps.Select(s => (s.Step, s.ColdWarm, ""))], $"{"new db",7} {"CPU",7} | {"existing",7} {"CPU",7}", "");
}

static async Task<(string, string, string)> ReviewRowAsync(HttpClient client, string databaseFile)
{
    var queued = await ReviewBench.SeedAsync(databaseFile);
    var times = await TimeGetsAsync(client, "/figures/review", warmUp: 5, count: 30);
    var size = (await client.GetByteArrayAsync("/figures/review")).Length;
    return ($"review page with {queued:N0} submitted reports, first page (20) server render, {size / 1024} KB, median / p95",
        $"{Ms(Median(times))} / {Ms(Percentile(times, 0.95))}", "≤ 1,000 ms");
}

static async Task<List<double>> TimeGetsAsync(HttpClient client, string path, int warmUp, int count)
{
    var times = new List<double>(count);
    for (var i = 0; i < warmUp + count; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK || body.Length < 1000)
        {
            throw new InvalidOperationException($"{path} answered {response.StatusCode}.");
        }

        if (i >= warmUp)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    return times;
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

static string Ms(double ms) => $"{ms:N1} ms";

static void Print(List<(string Measure, string Value, string Target)> rows, string valueHeader = "value", string targetHeader = "target")
{
    var w1 = rows.Max(r => r.Measure.Length);
    var w2 = Math.Max(valueHeader.Length, rows.Max(r => r.Value.Length));
    Console.WriteLine($"BranchNetwork bench — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine($"| {"measure".PadRight(w1)} | {valueHeader.PadLeft(w2)} | {targetHeader} |");
    // A value header may hold several columns (" | "): the rule follows it, so the table stays Markdown.
    Console.WriteLine($"|{new string('-', w1 + 2)}|-{string.Concat(valueHeader.PadLeft(w2).Select(c => c == '|' ? '|' : '-'))}-|{new string('-', targetHeader.Length + 2)}|");
    foreach (var (measure, value, target) in rows)
    {
        Console.WriteLine($"| {measure.PadRight(w1)} | {value.PadLeft(w2)} | {target} |");
    }
}

static string FindRepositoryRoot()
{
    var folder = new DirectoryInfo(AppContext.BaseDirectory);
    while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BranchNetwork.sln")))
    {
        folder = folder.Parent;
    }

    return folder?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
}
