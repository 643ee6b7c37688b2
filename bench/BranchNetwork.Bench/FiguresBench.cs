using BranchNetwork.Core.Population;
using BranchNetwork.Core.Assessment;
using System.Diagnostics;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BranchNetwork.Bench;

/// <summary>
/// The figures scenarios of issue 4 and the analytics of issue 8 on a database file with the demo network and ten years of monthly figures
/// (52 reporting units × 120 months × 12 indicators), through the same Core services the portal uses.
/// </summary>
internal static class FiguresBench
{
    private sealed class BenchUser : ICurrentUser
    {
        public Task<Actor> GetActorAsync() => Task.FromResult(new Actor("bench", "bench", Roles.Administrator));
    }

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        var file = Path.Combine(folder, "figures.db");
        await using var services = await NetworkWithoutFiguresAsync(file);
        var figures = services.GetRequiredService<FiguresService>();
        var last = figures.LastFullMonth;
        var first = last.AddMonths(-119);
        var sheet = await TenYearsAsync(services, first, last);

        var exchange = services.GetRequiredService<FiguresExchange>();
        var import = await ImportAsync(exchange, sheet);
        rows.Add(($"import of ten years in one .xlsx ({import.Result.Reports:N0} reports, {import.Result.Values:N0} values, {sheet.Length / 1024:N0} KB), checked whole",
            $"{import.Wall:N0} ms", "≤ 1,000 ms"));
        // The process's CPU time and allocations vary less with the shared machine's load than the time does.
        rows.Add(("the same import: CPU time of the process / bytes allocated", $"{import.Cpu:N0} ms / {import.Allocated / 1024 / 1024:N0} MB", ""));

        // The random figures differ from each unit's history, so the import's checks flag them and it lands nine reports
        // in ten as drafts, which no total counts: the dashboard and the trends below would sum almost nothing. The rows
        // after this one read ten years of counted figures, as the portal does: every report before the month due
        // approved (as the review would leave them), that month's drafts still to submit.
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
            var at = DateTime.UtcNow;
            await db.MonthlyReports.Where(r => r.State == ReportState.Draft && r.PeriodKey < last.Key).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.State, ReportState.Approved)
                .SetProperty(r => r.SubmittedAtUtc, at).SetProperty(r => r.SubmittedBy, "bench")
                .SetProperty(r => r.ReviewedAtUtc, at).SetProperty(r => r.ReviewedBy, "bench"));
            await db.Database.RefreshPlannerStatisticsAsync();
        }

        var exports = await TimeAsync(5, () => exchange.ExportAsync(last.Year - 1, ExchangeFormat.Xlsx));
        rows.Add(("export of a year (.xlsx, 624 rows), median of 5", Ms(Median(exports)), "≤ 1,000 ms"));
        var csv = await TimeAsync(5, () => exchange.ExportAsync(last.Year - 1, ExchangeFormat.Csv));
        rows.Add(("export of a year (.csv), median of 5", Ms(Median(csv)), "≤ 1,000 ms"));

        var flags = 0;
        var checks = await TimeAsync(20, async () => flags = await figures.CountFlagsAsync(last));
        rows.Add(($"anomaly check of a month for the network (624 values, {flags} flags), median of 20", Ms(Median(checks)), "≤ 50 ms"));

        var sheets = await TimeAsync(20, () => figures.EntryAsync("YS-QG", last));
        rows.Add(("entry sheet of a branch (4 units × 12 indicators, with history), median of 20", Ms(Median(sheets)), ""));

        var analytics = services.GetRequiredService<AnalyticsService>();
        var dashboard = await TimeAsync(20, () => analytics.DashboardAsync(new AnalyticsPeriod(last.Year - 1)));
        rows.Add(("dashboard aggregates for a year (6 key figures vs the year before, to-do lists, standards), median of 20", Ms(Median(dashboard)), "≤ 5 ms"));
        using (var counter = new QueryCounter())
        {
            var (cpu20, allocated20) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
            var (queries, rowsRead, database) = await counter.MeasureAsync(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    await analytics.DashboardAsync(new AnalyticsPeriod(last.Year - 1));
                }
            });
            (cpu20, allocated20) = (Process.GetCurrentProcess().TotalProcessorTime - cpu20, GC.GetTotalAllocatedBytes(precise: true) - allocated20);
            rows.Add(("the same dashboard aggregates: queries (reads of rows) / their time to the last read / CPU time of the process / bytes allocated, each",
                $"{queries / 20} ({rowsRead / 20:N0}) / {database.TotalMilliseconds / 20:N1} ms / {cpu20.TotalMilliseconds / 20:N1} ms / {allocated20 / 20 / 1024:N0} KB", ""));
        }
        var trend = await TimeAsync(20, () => analytics.TrendAsync("visits", [new TrendTarget(TrendTargetKind.Network)], first.Year, last.Year, TrendScale.Months, _ => ""));
        rows.Add(("ten-year monthly trend of the network (one indicator, 120+ points), median of 20", Ms(Median(trend)), "≤ 30 ms"));
        var compared = await TimeAsync(20, () => analytics.TrendAsync("visits",
            [new TrendTarget(TrendTargetKind.Network), new TrendTarget(TrendTargetKind.BranchWithPoints, "YS-QG"), new TrendTarget(TrendTargetKind.Branch, "YS-LB"),
                new TrendTarget(TrendTargetKind.Unit, "YS-QG-01"), new TrendTarget(TrendTargetKind.Unit, "YS-LB-01")],
            first.Year, last.Year, TrendScale.Months, _ => ""));
        rows.Add(("ten-year monthly trend comparing 5 lines, median of 20", Ms(Median(compared)), ""));
        var ranking = await TimeAsync(20, () => analytics.RankingAsync("visits", new AnalyticsPeriod(last.Year - 1), perOpeningHour: true));
        rows.Add(("branch ranking for a year, per opening hour, median of 20", Ms(Median(ranking)), ""));
        return rows;
    }

    /// <summary>
    /// The import alone (bench/run.sh import [runs]): the same ten years, imported first as the figures section does
    /// (the first import of the process, its code not yet compiled), then again on fresh copies of the same database,
    /// each warm: the medians of wall time, processor time and bytes allocated.
    /// </summary>
    public static async Task<List<(string Measure, string Value, string Target)>> ImportRunsAsync(string folder, int runs)
    {
        var template = Path.Combine(folder, "network.db");
        byte[] sheet;
        await using (var services = await NetworkWithoutFiguresAsync(template))
        {
            var last = services.GetRequiredService<FiguresService>().LastFullMonth;
            sheet = await TenYearsAsync(services, last.AddMonths(-119), last);
            await using var db = await services.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
            // Each copy starts from the whole file (still in WAL mode, as the figures section runs).
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var measured = new List<(ImportResult Result, double Wall, double Cpu, long Allocated, double Jit, long Jitted)>();
        for (var run = 0; run <= runs; run++)
        {
            var copy = Path.Combine(folder, $"run-{run}.db");
            File.Copy(template, copy);
            await using var services = Build(copy);
            using var jit = run == 0 && Environment.GetEnvironmentVariable("BENCH_JIT_LIST") is not null ? new JitListener() : null;
            jit?.Start();
            measured.Add(await ImportAsync(services.GetRequiredService<FiguresExchange>(), sheet));
            jit?.Stop();
            foreach (var (name, methods) in jit?.Top(40) ?? [])
            {
                Console.WriteLine($"{methods,6} {name}");
            }
        }

        var (first, warm) = (measured[0], measured.Skip(1).ToList());
        static string Figures(double wall, double cpu, long allocated) => $"{wall:N0} ms / {cpu:N0} ms / {allocated / 1024 / 1024:N0} MB";
        return
        [
            ($"import of ten years in one .xlsx ({first.Result.Values:N0} values), the process's first: wall / CPU / allocated",
                Figures(first.Wall, first.Cpu, first.Allocated), "≤ 1,000 ms"),
            ("the same first import: methods compiled by the JIT / the JIT's time (all threads)", $"{first.Jitted:N0} / {first.Jit:N0} ms", ""),
            ($"the same import warm, each on a fresh copy of the database: medians of {warm.Count}",
                Figures(Median([.. warm.Select(m => m.Wall)]), Median([.. warm.Select(m => m.Cpu)]), (long)Median([.. warm.Select(m => (double)m.Allocated)])), ""),
            ("the warm imports' wall times, in order", string.Join(", ", warm.Select(m => $"{m.Wall:N0}")), ""),
        ];
    }

    /// <summary>The demo network and the standard indicators on a new database file, every unit open for more than ten years, no figures.</summary>
    private static async Task<ServiceProvider> NetworkWithoutFiguresAsync(string file)
    {
        var services = Build(file);
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await scope.ServiceProvider.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync();
        // Ten years back means before the demo units opened: the bench network has served readers for longer.
        await db.Database.ExecuteSqlRawAsync("UPDATE Units SET OpenedOn = NULL;");
        return services;
    }

    /// <summary>One import of the sheet as head staff approving it, with its wall time, the process's CPU time and the bytes allocated.</summary>
    private static async Task<(ImportResult Result, double Wall, double Cpu, long Allocated, double Jit, long Jitted)> ImportAsync(FiguresExchange exchange, byte[] sheet)
    {
        var (cpu, allocated) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        var (jit, jitted) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var clock = Stopwatch.StartNew();
        var result = await exchange.ImportAsync(new MemoryStream(sheet), "ten-years.xlsx", approve: true);
        clock.Stop();
        (cpu, allocated) = (Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        (jit, jitted) = (System.Runtime.JitInfo.GetCompilationTime() - jit, System.Runtime.JitInfo.GetCompiledMethodCount() - jitted);
        if (!result.Applied)
        {
            throw new InvalidOperationException($"Bench import rejected: {string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Row}:{e.Column}:{e.Code}"))}");
        }

        return (result, clock.Elapsed.TotalMilliseconds, cpu.TotalMilliseconds, allocated, jit.TotalMilliseconds, jitted);
    }

    /// <summary>The Core services of the figures on a database file, acting for <paramref name="user"/>.</summary>
    internal static ServiceProvider Build(string file, ICurrentUser? user = null) =>
        Build(DatabaseKind.Sqlite, $"Data Source={file}", Path.GetDirectoryName(file)!, user);

    /// <summary>The same services on either database; photos go to <paramref name="folder"/>.</summary>
    internal static ServiceProvider Build(DatabaseKind kind, string connectionString, string folder, ICurrentUser? user = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new CountyClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById(CountyClock.DefaultTimeZone)));
        services.AddSingleton(user ?? new BenchUser());
        services.AddScoped<ActorContext>();
        services.AddSingleton(DatabaseProvider.Options(kind, connectionString));
        services.AddScoped<IDbContextFactory<BranchNetworkDbContext>, BranchNetworkDbContextFactory>();
        services.AddNetwork();
        services.AddFigures(new ConfigurationBuilder().Build());
        var photos = Path.Combine(folder, "photos");
        services.AddResources(new ConfigurationBuilder().AddInMemoryCollection([new("Photos:Folder", photos)]).Build(), photos);
        services.AddAnalytics();
        services.AddTraining();
        services.AddActivities();
        services.AddReports();
        services.AddStatistics();
        services.AddPopulation();
        services.AddAssessment();
        BranchNetwork.Core.Scores.ScoresServiceCollectionExtensions.AddScores(services);
        return services.BuildServiceProvider();
    }

    private static async Task<byte[]> TenYearsAsync(IServiceProvider services, Period first, Period last)
    {
        var network = services.GetRequiredService<NetworkService>();
        var units = (await network.ListAsync()).Where(u => u.Kind != UnitKind.HeadLibrary).ToList();
        var random = new Random(2020);
        var data = new List<IDictionary<string, object?>>();
        foreach (var unit in units)
        {
            foreach (var period in Period.Range(first, last))
            {
                var row = new Dictionary<string, object?> { ["unit_code"] = unit.Code, ["month"] = period.ToString() };
                // Every row names every column (the first row makes the sheet's header); yearly ones stay empty but in December.
                foreach (var (code, definition) in StandardIndicators.All)
                {
                    var top = (int)Math.Min(definition.Maximum, 2000);
                    row[code] = !definition.Frequency.Includes(period) ? null
                        : definition.IsDecimal ? Math.Round(random.NextDouble() * top, 1) : random.Next(0, top);
                }

                data.Add(row);
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(data, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static async Task<List<double>> TimeAsync<T>(int count, Func<Task<T>> work)
    {
        await work();
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Ms(double ms) => $"{ms:N1} ms";
}
