using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// The self-assessment's score sheet (the example tree: ten items, four years averaged) scored and rendered to PDF
/// in-process, warm, on a database file with the demo (monthly figures since 2019, staff, training, population), as an
/// administrator. The words are resource keys (the portal's localiser is not in this process).
/// </summary>
internal static class AssessmentBench
{
    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder)
    {
        ReportFonts.Register(null);
        await using var services = await WarmRuns.DemoAsync(Path.Combine(folder, "assessment.db"));
        ReportText t = (key, args) => args.Length == 0 ? key : $"{key} {string.Join(" ", args)}";
        var year = services.GetRequiredService<AssessmentService>().DefaultYear;
        var (size, times) = await WarmRuns.TimeAsync(services, async p =>
            (await p.GetRequiredService<AssessmentReport>().RenderAsync(year, t) ?? throw new InvalidOperationException($"No score sheet for {year}.")).Length);
        return
        [
            ($"assessment score sheet {year} PDF (10 items, 4 years averaged, {size / 1024} KB): score from the services + render, in-process, warm, median / p95 of {WarmRuns.Runs}",
                times, "≤ 50 ms"),
        ];
    }
}
