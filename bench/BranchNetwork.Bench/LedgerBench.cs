using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// Each ledger (台账) built from the Core services and written to .xlsx in-process, warm, on a database file with the
/// whole demo (53 units, monthly figures since 2019, staff, training, activities, resources, deliveries, grants), as an
/// administrator: the whole network. The words are resource keys (the portal's localiser is not in this process).
/// </summary>
internal static class LedgerBench
{
    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        var rows = new List<(string, string, string)>();
        await using var services = await WarmRuns.DemoAsync(Path.Combine(folder, "ledgers.db"));

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
            var ((size, sheets, cells), times) = await WarmRuns.TimeAsync(services, async p =>
            {
                var workbook = await build(p) ?? throw new InvalidOperationException($"No {label} ledger.");
                var bytes = await LedgerWriter.WriteAsync(workbook);
                return (bytes.Length, workbook.Sheets.Count, workbook.Sheets.Sum(s => s.Rows.Count * s.Columns.Count));
            });
            rows.Add(($"ledger {label}: {sheets} sheets, {cells:N0} cells, {size / 1024} KB .xlsx — build from the services + write, in-process, warm, median / p95 of {WarmRuns.Runs}",
                times, ""));
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
            var (size, times) = await WarmRuns.TimeAsync(services, p => build(p.GetRequiredService<StatisticsReturnReport>()));
            rows.Add(($"statistical return 2020 as {label} ({size / 1024} KB): fill 30 fields + render, in-process, warm, median / p95 of {WarmRuns.Runs}",
                times, "≤ 200 ms"));
        }

        return rows;
    }

    /// <summary>The branch scores PDF of a year (13 branches, every component from its own service), rendered in-process, warm.</summary>
    private static async Task<(string, string, string)> ScoresPdfRowAsync(IServiceProvider services, ReportText t, int year)
    {
        ReportFonts.Register(null);
        var (size, times) = await WarmRuns.TimeAsync(services, async p =>
            (await p.GetRequiredService<BranchScoresReport>().RenderAsync(year, t) ?? throw new InvalidOperationException("No scores PDF.")).Length);
        return ($"branch scores PDF {year} (13 branches, 7 components, {size / 1024} KB) — scored from the services + rendered, in-process, warm, median / p95 of {WarmRuns.Runs}",
            times, "≤ 50 ms");
    }
}
