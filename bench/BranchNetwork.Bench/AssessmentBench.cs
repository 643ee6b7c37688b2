using System.Diagnostics;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// The self-assessment's score sheet (the example tree: ten items, four years averaged) scored and rendered to PDF
/// in-process, warm, on a database file with the demo (monthly figures since 2019, staff, training, population), as an
/// administrator. The words are resource keys (the portal's localiser is not in this process).
/// </summary>
internal static class AssessmentBench
{
    private const int WarmUp = 5;
    private const int Runs = 20;

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        ReportFonts.Register(null);
        await using var services = FiguresBench.Build(Path.Combine(folder, "assessment.db"));
        await using (var scope = services.CreateAsyncScope())
        {
            var provider = scope.ServiceProvider;
            await using var db = await provider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await provider.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
            await provider.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync();
            await provider.GetRequiredService<ExampleAssessment>().SeedAsync();
            await provider.GetRequiredService<DemoFigures>().SeedAsync();
            await provider.GetRequiredService<DemoTraining>().SeedAsync();
            await provider.GetRequiredService<DemoPopulation>().SeedAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        ReportText t = (key, args) => args.Length == 0 ? key : $"{key} {string.Join(" ", args)}";
        var year = services.GetRequiredService<AssessmentService>().DefaultYear;
        var times = new List<double>(Runs);
        var size = 0;
        for (var i = 0; i < WarmUp + Runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var pdf = await scope.ServiceProvider.GetRequiredService<AssessmentReport>().RenderAsync(year, t) ?? throw new InvalidOperationException($"No score sheet for {year}.");
            clock.Stop();
            size = pdf.Length;
            if (i >= WarmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var sorted = times.Order().ToList();
        return
        [
            ($"assessment score sheet {year} PDF (10 items, 4 years averaged, {size / 1024} KB): score from the services + render, in-process, warm, median / p95 of {Runs}",
                $"{sorted[Runs / 2]:N1} / {sorted[(int)Math.Ceiling(0.95 * Runs) - 1]:N1} ms", "≤ 50 ms"),
        ];
    }
}
