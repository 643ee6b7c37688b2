using System.Diagnostics;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// Each ledger (台账) built from the Core services and written to .xlsx in-process, warm, on a database file with the
/// whole demo (53 units, monthly figures since 2019, staff, training, activities, resources, deliveries, grants), as an
/// administrator: the whole network. The words are resource keys (the portal's localiser is not in this process).
/// </summary>
internal static class LedgerBench
{
    private const int WarmUp = 5;
    private const int Runs = 20;

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        await using var services = FiguresBench.Build(Path.Combine(folder, "ledgers.db"));
        await using (var scope = services.CreateAsyncScope())
        {
            var provider = scope.ServiceProvider;
            await using var db = await provider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await provider.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
            await provider.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync();
            await provider.GetRequiredService<DemoFigures>().SeedAsync();
            await provider.GetRequiredService<DemoTraining>().SeedAsync();
            await provider.GetRequiredService<DemoActivities>().SeedAsync();
            await provider.GetRequiredService<DemoResources>().SeedAsync();
            await provider.GetRequiredService<BranchNetwork.Core.Population.DemoPopulation>().SeedAsync();
            await provider.GetRequiredService<BranchNetwork.Core.Scores.ScoresService>().SeedExampleAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        ReportText t = (key, args) => args.Length == 0 ? key : $"{key} {string.Join(" ", args)}";
        var lastYear = services.GetRequiredService<FiguresService>().LastFullMonth.Year;
        var ledgers = new (string Label, Func<IServiceProvider, Task<LedgerWorkbook?>> Build)[]
        {
            ($"figures {lastYear} (a year sheet and one per ended month, 52 units × 12 indicators)", p => p.GetRequiredService<FiguresLedger>().BuildAsync(lastYear, t)),
            ("activities 2020", p => p.GetRequiredService<ActivitiesLedger>().BuildAsync(2020, t)),
            ("training 2020", p => p.GetRequiredService<TrainingLedger>().BuildAsync(2020, t)),
            ("staff", async p => await p.GetRequiredService<StaffLedger>().BuildAsync(t)),
            ("deliveries 2020", p => p.GetRequiredService<DeliveriesLedger>().BuildAsync(2020, t)),
            ("grants 2020", p => p.GetRequiredService<GrantsLedger>().BuildAsync(2020, t)),
            ("resources", async p => await p.GetRequiredService<ResourcesLedger>().BuildAsync(t)),
            ("plaques (with every unit's checklist)", async p => await p.GetRequiredService<PlaquesLedger>().BuildAsync(t)),
        };

        foreach (var (label, build) in ledgers)
        {
            var times = new List<double>(Runs);
            var (size, sheets, cells) = (0, 0, 0);
            for (var i = 0; i < WarmUp + Runs; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var clock = Stopwatch.StartNew();
                var workbook = await build(scope.ServiceProvider) ?? throw new InvalidOperationException($"No {label} ledger.");
                var bytes = await LedgerWriter.WriteAsync(workbook);
                clock.Stop();
                (size, sheets, cells) = (bytes.Length, workbook.Sheets.Count, workbook.Sheets.Sum(s => s.Rows.Count * s.Columns.Count));
                if (i >= WarmUp)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var sorted = times.Order().ToList();
            rows.Add(($"ledger {label}: {sheets} sheets, {cells:N0} cells, {size / 1024} KB .xlsx — build from the services + write, in-process, warm, median / p95 of {Runs}",
                $"{sorted[Runs / 2]:N1} / {sorted[(int)Math.Ceiling(0.95 * Runs) - 1]:N1} ms", ""));
        }

        rows.Add(await ScoresPdfRowAsync(services, t, lastYear));
        rows.AddRange(await StatisticsReturnAsync(services, t));
        return rows;
    }

    /// <summary>The statistical return of 2020 (30 fields from approved figures, staff, activities, profiles and grants), as PDF and as .xlsx.</summary>
    private static async Task<List<(string Measure, string Value, string Target)>> StatisticsReturnAsync(IServiceProvider services, ReportText t)
    {
        if (ReportFonts.Register(null) is null)
        {
            return [("statistical return 2020", "no CJK font", "≤ 200 ms")];
        }

        var outputs = new (string Label, Func<StatisticsReturnReport, Task<int>> Build)[]
        {
            ("PDF", async r => (await r.RenderAsync(2020, t))!.Length),
            (".xlsx", async r => (await LedgerWriter.WriteAsync((await r.WorkbookAsync(2020, t))!)).Length),
        };
        var rows = new List<(string, string, string)>();
        foreach (var (label, build) in outputs)
        {
            var times = new List<double>(Runs);
            var size = 0;
            for (var i = 0; i < WarmUp + Runs; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var clock = Stopwatch.StartNew();
                size = await build(scope.ServiceProvider.GetRequiredService<StatisticsReturnReport>());
                clock.Stop();
                if (i >= WarmUp)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var sorted = times.Order().ToList();
            rows.Add(($"statistical return 2020 as {label} ({size / 1024} KB): fill 30 fields + render, in-process, warm, median / p95 of {Runs}",
                $"{sorted[Runs / 2]:N1} / {sorted[(int)Math.Ceiling(0.95 * Runs) - 1]:N1} ms", "≤ 200 ms"));
        }

        return rows;
    }

    /// <summary>The branch scores PDF of a year (13 branches, every component from its own service), rendered in-process, warm.</summary>
    private static async Task<(string, string, string)> ScoresPdfRowAsync(IServiceProvider services, ReportText t, int year)
    {
        ReportFonts.Register(null);
        var times = new List<double>(Runs);
        var size = 0;
        for (var i = 0; i < WarmUp + Runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var pdf = await scope.ServiceProvider.GetRequiredService<BranchScoresReport>().RenderAsync(year, t) ?? throw new InvalidOperationException("No scores PDF.");
            clock.Stop();
            size = pdf.Length;
            if (i >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var sorted = times.Order().ToList();
        return ($"branch scores PDF {year} (13 branches, 7 components, {size / 1024} KB) — scored from the services + rendered, in-process, warm, median / p95 of {Runs}",
            $"{sorted[Runs / 2]:N1} / {sorted[(int)Math.Ceiling(0.95 * Runs) - 1]:N1} ms", "≤ 50 ms");
    }
}
