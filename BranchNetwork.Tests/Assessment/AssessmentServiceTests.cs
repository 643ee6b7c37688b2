using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Reports;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Assessment;

/// <summary>The self-assessment on the seeded demo: measured items against hand computations, manual scores and evidence, edits and rights.</summary>
public sealed class AssessmentServiceTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public AssessmentServiceTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<ExampleAssessment>().SeedAsync().GetAwaiter().GetResult();
        network.Services.GetRequiredService<DemoPopulation>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private AssessmentService Assessment => network.Services.GetRequiredService<AssessmentService>();

    private async Task<ItemScore> ItemAsync(int year, string code) =>
        (await Assessment.ScoreAsync(year))!.Sections.SelectMany(s => s.Items).Single(i => i.Item.Definition.Code == code);

    /// <summary>A real PDF, as the portal renders one.</summary>
    private byte[] Pdf() => network.Services.GetRequiredService<PdfRenderer>()
        .Render(new ReportDocument("证明", "测试", "测试", (p, n) => $"{p}/{n}", [new Paragraph("读者满意度调查")]));

    [Fact]
    public async Task Visits_per_valid_card_is_approved_visits_over_approved_December_cards_of_the_same_units()
    {
        // A 2025 report taken back to submitted leaves both its visits and (in December) its cards out.
        await network.MarkAsync("YS-QL-01", new Period(2025, 12), ReportState.Submitted);
        await network.MarkAsync("YS-TP", new Period(2025, 6), ReportState.Returned);
        await using var db = network.Database.CreateDbContext();
        var approved = await (from r in db.MonthlyReports.AsNoTracking()
                              where r.State == ReportState.Approved && r.PeriodKey >= 202501 && r.PeriodKey <= 202512
                              from v in r.Values
                              select new { r.UnitId, r.PeriodKey, v.Indicator.Code, v.Value }).ToListAsync();
        var cards = approved.Where(v => v.Code == "valid_cards" && v.PeriodKey == 202512).ToDictionary(v => v.UnitId, v => v.Value!.Value);
        var visits = approved.Where(v => v.Code == "visits" && cards.ContainsKey(v.UnitId)).Sum(v => v.Value!.Value);
        var expected = visits / cards.Values.Sum();

        var item = await ItemAsync(2025, "visits_per_card");

        Assert.True(cards.Count > 40);
        Assert.DoesNotContain(await db.Units.Where(u => u.Code == "YS-QL-01").Select(u => u.Id).SingleAsync(), cards.Keys);
        Assert.Equal(expected, item.Years.Single(y => y.Year == 2025).Value);
        Assert.Equal([2022, 2023, 2024, 2025], item.Years.Select(y => y.Year));
        Assert.Equal(Math.Round(item.Years.Average(y => y.Value!.Value), 2, MidpointRounding.AwayFromZero), item.Average);
        Assert.InRange(item.Average!.Value, 10, 20);
        Assert.Equal(6, item.Earned);
    }

    [Fact]
    public async Task The_demo_2025_sheet_has_a_total_a_grade_and_a_path_to_the_next()
    {
        var result = (await Assessment.ScoreAsync(2025))!;

        Assert.Equal(ExampleAssessment.NoteZh, result.Tree.NoteZh);
        Assert.Equal(10, result.Sections.Sum(s => s.Items.Count));
        Assert.Equal(result.Sections.SelectMany(s => s.Items).Sum(i => i.Earned), result.Total);
        Assert.False(result.NoApprovedFigures);
        Assert.Equal(100, (await ItemAsync(2025, "township_coverage")).Average);
        Assert.Equal(63, (await ItemAsync(2025, "head_opening_hours")).Average);
        Assert.Equal(ItemState.NotScored, (await ItemAsync(2025, "satisfaction")).State);
        Assert.NotNull(result.NextGrade);
        Assert.NotEmpty(result.Cheapest);
        Assert.True(result.Cheapest.Sum(c => c.Gain) >= result.PointsToNext);
    }

    [Fact]
    public async Task A_year_with_no_approved_figures_says_so_and_its_measured_items_earn_nothing()
    {
        var result = (await Assessment.ScoreAsync(2012))!;
        var visits = result.Sections.SelectMany(s => s.Items).Single(i => i.Item.Definition.Code == "visits_per_card");
        var perResident = result.Sections.SelectMany(s => s.Items).Single(i => i.Item.Definition.Code == "items_added_per_resident");

        Assert.True(result.NoApprovedFigures);
        Assert.Equal(ItemState.MissingData, visits.State);
        Assert.All(visits.Years, y => Assert.Equal(MetricGap.NoFigures, y.Gap));
        Assert.All(perResident.Years, y => Assert.Equal(MetricGap.NoPopulation, y.Gap));
        Assert.Equal(0, visits.Earned);
        Assert.Null(await Assessment.ScoreAsync(1999));
        Assert.Null(await Assessment.ScoreAsync(2027));
    }

    [Fact]
    public async Task A_manual_score_with_a_PDF_and_a_photo_counts_and_lists_its_evidence()
    {
        var item = await ItemAsync(2025, "satisfaction");
        var version = await Assessment.AttachFileAsync(item.Item.Id, 2025, 0, "读者满意度调查.pdf", Pdf());
        version = await Assessment.AttachFileAsync(item.Item.Id, 2025, version, "问卷现场.png", ResourcesTests.Png);
        version = await Assessment.AttachLedgerAsync(item.Item.Id, 2025, version, "activities/{0}", "2025年活动台账");
        await Assessment.ScoreManualAsync(item.Item.Id, 2025, version, 4.5m, "满意率 88%（问卷 420 份）");

        var scored = await ItemAsync(2025, "satisfaction");

        Assert.Equal(4.5m, scored.Earned);
        Assert.Equal(["读者满意度调查.pdf", "问卷现场.png", "2025年活动台账"], scored.Manual!.Evidence.Select(e => e.Name));
        Assert.Equal("activities/2025", scored.Manual.Evidence[2].StoredName);
        var pdf = scored.Manual.Evidence[0];
        var served = await Assessment.EvidenceFileAsync(pdf.Id, pdf.StoredName!);
        Assert.Equal("application/pdf", served!.ContentType);
        Assert.Equal(Pdf().Length, served.Content.Length);
        Assert.Equal("image/png", (await Assessment.EvidenceFileAsync(scored.Manual.Evidence[1].Id, scored.Manual.Evidence[1].StoredName!))!.ContentType);

        network.ActAsBranchWorker("YS-QG");
        Assert.Null(await Assessment.EvidenceFileAsync(pdf.Id, pdf.StoredName!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessment.ScoreAsync(2025));
        network.ActAs(BranchNetwork.Core.Accounts.Roles.Observer);
        Assert.NotNull(await Assessment.EvidenceFileAsync(pdf.Id, pdf.StoredName!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessment.ScoreManualAsync(item.Item.Id, 2025, version + 1, 5, "观察员"));
    }

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "满意度.pdf", "这是一个改了扩展名的文本文件"u8.ToArray(), ErrorCodes.EvidenceNotPdfOrImage },
        { "截断.pdf", "%PDF-1.7\n1 0 obj << >> endobj\n"u8.ToArray(), ErrorCodes.EvidenceNotPdfOrImage },
        { "巨大.pdf", [.. "%PDF-1.7\n"u8, .. new byte[EvidenceCheck.MaxPdfBytes], .. "\n%%EOF"u8], ErrorCodes.EvidenceTooLarge },
        { "巨大.png", [.. ResourcesTests.Png, .. new byte[3 * 1024 * 1024]], ErrorCodes.PhotoTooLarge },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_a_PDF_or_photo_or_too_large_is_refused_and_nothing_is_stored(string name, byte[] bytes, string error)
    {
        var item = await ItemAsync(2025, "satisfaction");

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.AttachFileAsync(item.Item.Id, 2025, 0, name, bytes));

        Assert.Equal(error, refused.Code);
        await using var db = network.Database.CreateDbContext();
        Assert.False(await db.ManualScores.AnyAsync());
        Assert.False(await db.AssessmentEvidence.AnyAsync());
        Assert.Empty(await network.StoredFilesAsync("assessment/"));
    }

    [Fact]
    public async Task A_manual_score_beyond_the_maximum_or_on_a_measured_item_is_refused()
    {
        var satisfaction = await ItemAsync(2025, "satisfaction");
        var visits = await ItemAsync(2025, "visits_per_card");

        Assert.Equal(ErrorCodes.AssessmentPointsOutOfRange,
            (await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.ScoreManualAsync(satisfaction.Item.Id, 2025, 0, 5.5m, "超出满分"))).Code);
        Assert.Equal(ErrorCodes.Required,
            (await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.ScoreManualAsync(satisfaction.Item.Id, 2025, 0, 4, " "))).Code);
        Assert.Equal(ErrorCodes.AssessmentItemMeasured,
            (await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.ScoreManualAsync(visits.Item.Id, 2025, 0, 4, "人工"))).Code);
        await using var db = network.Database.CreateDbContext();
        Assert.False(await db.ManualScores.AnyAsync());
    }

    [Fact]
    public async Task Thresholds_out_of_order_are_refused_and_a_valid_change_is_audited_with_its_fields()
    {
        var item = (await ItemAsync(2025, "visits_per_card")).Item;
        var outOfOrder = item.Definition with { Thresholds = [new(20, 10), new(25, 8)] };

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.UpdateItemAsync(item.Id, item.Version, outOfOrder));
        Assert.Equal(ErrorCodes.AssessmentThresholdsOutOfOrder, refused.Code);
        Assert.Equal(nameof(AssessmentItem.Thresholds), refused.Field);
        Assert.Equal(item.Definition.Thresholds, (await ItemAsync(2025, "visits_per_card")).Item.Definition.Thresholds);

        await Assessment.UpdateItemAsync(item.Id, item.Version, item.Definition with { Thresholds = [new(12, 10), new(8, 6)] });

        var changed = await ItemAsync(2025, "visits_per_card");
        Assert.Equal(10, changed.Earned);
        await using var db = network.Database.CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AuditEntities.Assessment && e.EntityKey == "visits_per_card")
            .OrderBy(e => e.Id).LastAsync();
        Assert.Equal(AuditActions.Updated, entry.Action);
        Assert.Contains("\"Thresholds\"", entry.Changes);
        Assert.Contains("25=10;20=8;10=6;5=4", entry.Changes);
        Assert.Contains("12=10;8=6", entry.Changes);
    }

    [Fact]
    public async Task Removing_an_item_takes_its_scores_and_evidence_files_and_is_audited()
    {
        var item = await ItemAsync(2025, "digital_resources");
        var version = await Assessment.AttachFileAsync(item.Item.Id, 2025, 0, "数字资源清单.pdf", Pdf());
        await Assessment.ScoreManualAsync(item.Item.Id, 2025, version, 3, "数字资源 12TB");
        var folder = $"assessment/{item.Item.Id}/2025/";
        Assert.Single(await network.StoredFilesAsync(folder));

        await Assessment.RemoveItemAsync(item.Item.Id, item.Item.Version);

        Assert.DoesNotContain((await Assessment.ScoreAsync(2025))!.Sections.SelectMany(s => s.Items), i => i.Item.Definition.Code == "digital_resources");
        Assert.Empty(await network.StoredFilesAsync(folder));
        await using var db = network.Database.CreateDbContext();
        Assert.False(await db.ManualScores.AnyAsync());
        Assert.False(await db.AssessmentEvidence.AnyAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == AuditEntities.Assessment && e.Action == AuditActions.Deleted && e.EntityKey == "digital_resources"));
    }

    [Fact]
    public async Task Grades_out_of_order_are_refused_and_new_grades_apply()
    {
        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => Assessment.SetGradesAsync([new("一级", "Grade 1", 30), new("二级", "Grade 2", 45)]));
        Assert.Equal(ErrorCodes.AssessmentGradesOutOfOrder, refused.Code);

        await Assessment.SetGradesAsync([new("达标", "Met", 1)]);

        var result = (await Assessment.ScoreAsync(2025))!;
        Assert.Equal("达标", result.Grade!.NameZh);
        Assert.Null(result.NextGrade);
        Assert.Empty(result.Cheapest);
    }
}
