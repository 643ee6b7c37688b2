using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Scores;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Scores;

/// <summary>
/// The branch scores on the whole demo (figures, population, training, activities, resources) with the example
/// scheme: the ranking, one component against a hand computation over approved reports, the scheme's refusals, a
/// year without approved figures, missing data and a branch worker's own sheet.
/// </summary>
public sealed class ScoresTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public ScoresTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        network.Services.GetRequiredService<DemoActivities>().SeedAsync().GetAwaiter().GetResult();
        network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        network.Services.GetRequiredService<DemoPopulation>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
    }

    [Fact]
    public async Task The_PDF_prints_the_scheme_the_ranking_with_totals_every_sheet_and_the_signature_block()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        var year = (await Scores.YearAsync(2025))!;
        var pdf = (await network.Services.GetRequiredService<BranchScoresReport>().RenderAsync(2025, PortalText.Of))!;
        Reports.ReportTests.KeepForReview("branch-scores-2025", pdf);
        var text = PdfText(pdf).Replace(" ", "", StringComparison.Ordinal);

        Assert.Contains("2025年分馆绩效考核得分表", text);
        Assert.Contains("示例方案", text);
        Assert.Contains("人均到馆次数", text);
        Assert.Contains("制表人", text);
        Assert.Contains("审核人", text);
        foreach (var b in year.Branches)
        {
            Assert.Contains(b.Name + ScoreText.Points(b.Components[0].Points), text);
            Assert.Contains(ScoreText.Points(b.Total), text);
        }

        // The ranking's first row: rank 1, the best branch and its total at the end of the row.
        var best = year.Branches[0];
        Assert.Contains($"1{best.Name}", text);
        Assert.Contains("七拱镇分馆得分表", text);
    }

    [Fact]
    public async Task A_branch_workers_PDF_holds_their_own_sheet_and_no_ranking()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        network.ActAsBranchWorker("YS-QG");
        var pdf = (await network.Services.GetRequiredService<BranchScoresReport>().RenderAsync(2025, PortalText.Of))!;
        Reports.ReportTests.KeepForReview("branch-scores-2025-YS-QG", pdf);
        var text = PdfText(pdf).Replace(" ", "", StringComparison.Ordinal);

        Assert.Contains("七拱镇分馆得分表", text);
        Assert.DoesNotContain("青莲镇", text);
        Assert.DoesNotContain("各分馆总分", text);
        Assert.Contains("制表人", text);
    }

    private ScoresService Scores => network.Services.GetRequiredService<ScoresService>();

    private static IReadOnlyList<ScoreComponentInput> Inputs(IReadOnlyList<ScoreComponentRecord> scheme) =>
        scheme.Select(c => new ScoreComponentInput(c.Metric, c.Definition, c.Version)).ToList();

    [Fact]
    public async Task The_demo_2025_ranks_all_13_branches_by_totals_that_add_up_their_components()
    {
        var year = (await Scores.YearAsync(2025))!;

        Assert.True(year.Ranked);
        Assert.True(year.ExampleScheme);
        Assert.Equal(13, year.Branches.Count);
        Assert.Equal(7, year.Components.Count);
        Assert.Equal(100, year.Components.Sum(c => c.Definition.Weight));
        Assert.Equal(1, year.Branches[0].Rank);
        Assert.All(year.Branches, b =>
        {
            Assert.Equal(b.Components.Sum(c => c.Points), b.Total);
            Assert.InRange(b.Total, 0, 100);
            Assert.Equal(1 + year.Branches.Count(o => o.Total > b.Total), b.Rank);
        });
        Assert.Equal(year.Branches.OrderByDescending(b => b.Total).Select(b => b.Code), year.Branches.Select(b => b.Code));
        var qg = year.Branches.Single(b => b.Code == "YS-QG").ServicePoints;
        Assert.Contains(qg, p => p.EndsWith("火岗村服务点", StringComparison.Ordinal));
        Assert.Contains(qg, p => p.EndsWith("三所村服务点", StringComparison.Ordinal));
        // The totals differ: the scheme tells branches apart on the demo.
        Assert.True(year.Branches.Select(b => b.Total).Distinct().Count() > 5);
        TestContext.Current.SendDiagnosticMessage("2025 top three: " + string.Join("; ", year.Branches.Take(3).Select(b => $"{b.Rank}. {b.Name} {b.Total}")));
    }

    [Fact]
    public async Task Visits_per_resident_of_七拱镇_count_approved_reports_only_as_worked_out_by_hand()
    {
        // A month of 火岗村 back to submitted: still in working views, never in the score.
        await network.MarkAsync("YS-QG-01", new Period(2025, 6), ReportState.Submitted);
        await using var db = network.Database.CreateDbContext();
        var qg = await db.Units.SingleAsync(u => u.Code == "YS-QG");
        var reports = db.MonthlyReports.Where(r => r.PeriodKey >= 202501 && r.PeriodKey <= 202512 && (r.UnitId == qg.Id || r.Unit.ParentId == qg.Id));
        Task<double> SumAsync(ReportState state) =>
            reports.Where(r => r.State == state).SelectMany(r => r.Values).Where(v => v.Indicator.Code == "visits").SumAsync(v => (double)v.Value!.Value);
        var approved = (decimal)await SumAsync(ReportState.Approved);
        var submitted = (decimal)await SumAsync(ReportState.Submitted);
        var residents = await db.TownshipPopulations.Where(p => p.Year == 2025 && p.Township == qg.Township).Select(p => p.Residents!.Value).SingleAsync();
        var (floor, target) = (ScoresService.Example[0].Definition.Floor!.Value, ScoresService.Example[0].Definition.Target!.Value);
        var perResident = approved / residents;
        var score = perResident >= target ? 100 : perResident <= floor ? 0 : Math.Round(100 * (perResident - floor) / (target - floor), 1, MidpointRounding.AwayFromZero);

        var sheet = (await Scores.YearAsync(2025))!.Branches.Single(b => b.Code == "YS-QG");
        var component = sheet.Components.Single(c => c.Metric == ScoreMetric.VisitsPerResident);

        Assert.True(submitted > 0);
        Assert.Equal(approved, component.Raw.Numerator);
        Assert.Equal(residents, component.Raw.Denominator);
        Assert.Equal(Math.Round(perResident, 6), Math.Round(component.Raw.Value!.Value, 6));
        Assert.Equal(score, component.Score);
        Assert.Equal(Math.Round(score * 20 / 100, 2), component.Points);
    }

    [Fact]
    public async Task Weights_that_do_not_sum_to_100_percent_are_refused_and_nothing_is_stored()
    {
        var scheme = await Scores.SchemeAsync();
        var inputs = Inputs(scheme).Select((c, i) => i == 0 ? c with { Definition = c.Definition with { Weight = 25 } } : c).ToList();

        var e = await Assert.ThrowsAsync<DomainException>(() => Scores.SaveSchemeAsync(inputs));

        Assert.Equal(ErrorCodes.ScoresWeightsNotWhole, e.Code);
        Assert.Equal("Weights", e.Field);
        Assert.Equal("105", e.Args[0]);
        Assert.Equal(scheme, await Scores.SchemeAsync());
    }

    [Fact]
    public async Task A_floor_above_the_target_is_refused_under_its_component_and_nothing_is_stored()
    {
        var scheme = await Scores.SchemeAsync();
        var inputs = Inputs(scheme).Select((c, i) => i == 2 ? c with { Definition = c.Definition with { Floor = 100, Target = 50 } } : c).ToList();

        var e = await Assert.ThrowsAsync<DomainException>(() => Scores.SaveSchemeAsync(inputs));

        Assert.Equal(ErrorCodes.ScoresFloorNotBelowTarget, e.Code);
        Assert.Equal("2.Floor", e.Field);
        Assert.Equal(scheme, await Scores.SchemeAsync());
    }

    [Fact]
    public async Task A_saved_scheme_is_no_longer_the_example_rescores_the_year_and_is_audited_by_field()
    {
        var scheme = await Scores.SchemeAsync();
        // All the weight on the delivery standard: a branch scores 100 or 0.
        var inputs = Inputs(scheme).Select(c => c with
        {
            Definition = c.Definition with { Weight = c.Metric == ScoreMetric.DeliveryStandard ? 100 : 0, NameZh = c.Metric == ScoreMetric.DeliveryStandard ? "配送" : c.Definition.NameZh },
        }).ToList();

        await Scores.SaveSchemeAsync(inputs);

        var year = (await Scores.YearAsync(2025))!;
        Assert.False(year.ExampleScheme);
        Assert.Equal([ScoreMetric.DeliveryStandard], year.Components.Select(c => c.Metric));
        var standard = (await network.Services.GetRequiredService<ResourcesService>().StandardAsync(2025)).ToDictionary(d => d.BranchCode, d => d.Volumes);
        Assert.All(year.Branches, b => Assert.Equal(standard[b.Code] >= ResourcesService.StandardVolumes ? 100 : 0, b.Total));
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Scores), TestPaging.AllOfIt);
        var edit = trail.Items.First(e => e.EntityKey == nameof(ScoreMetric.DeliveryStandard) && e.Action == AuditActions.Updated);
        Assert.Contains(edit.Changes, c => c.Field == "Weight" && c.Old == "10" && c.New == "100");
        Assert.Contains(edit.Changes, c => c.Field == "NameZh" && c.New == "配送");
        // A stale editor is told, not overwritten.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Scores.SaveSchemeAsync(Inputs(scheme)));
    }

    [Fact]
    public async Task A_year_without_approved_figures_says_so_and_a_year_out_of_range_is_none()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => Scores.YearAsync(2015));
        Assert.Equal(ErrorCodes.ScoresNoApprovedFigures, e.Code);
        Assert.Null(await Scores.YearAsync(1999));
        Assert.Null(await Scores.YearAsync(2027));
        Assert.Equal(2026, await Scores.LatestYearAsync());
    }

    [Fact]
    public async Task A_township_without_population_scores_its_per_capita_components_as_missing_with_zero_points()
    {
        await using (var db = network.Database.CreateDbContext())
        {
            await db.TownshipPopulations.Where(p => p.Year == 2025 && p.Township == "七拱镇").ExecuteDeleteAsync();
        }

        var sheet = (await Scores.YearAsync(2025))!.Branches.Single(b => b.Code == "YS-QG");
        var visits = sheet.Components.Single(c => c.Metric == ScoreMetric.VisitsPerResident);

        Assert.True(visits.Missing);
        Assert.Equal(ScoreGap.NoPopulation, visits.Raw.Gap);
        Assert.Equal(0, visits.Points);
        Assert.True(visits.Raw.Numerator > 0);
        Assert.Equal(2, sheet.MissingComponents);
        Assert.Equal(sheet.Components.Sum(c => c.Points), sheet.Total);
    }

    [Fact]
    public async Task A_branch_worker_gets_their_own_sheet_unranked_and_the_same_as_in_the_ranking()
    {
        var ranked = (await Scores.YearAsync(2025))!.Branches.Single(b => b.Code == "YS-QG");
        network.ActAsBranchWorker("YS-QG");

        var own = (await Scores.YearAsync(2025))!;

        Assert.False(own.Ranked);
        var sheet = Assert.Single(own.Branches);
        Assert.Equal("YS-QG", sheet.Code);
        Assert.Null(sheet.Rank);
        Assert.Equal(ranked.Total, sheet.Total);
        Assert.Equal(ranked.Components, sheet.Components);
        var scheme = Inputs(await Scores.SchemeAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Scores.SaveSchemeAsync(scheme));
    }
}
