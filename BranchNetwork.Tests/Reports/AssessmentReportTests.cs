using System.Globalization;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Resources;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Reports;

/// <summary>The self-assessment's score sheet read back: Chinese text, every item, the total, the grade and the evidence listed.</summary>
public abstract class AssessmentReportTests : IDisposable
{
    private readonly TestNetwork network;

    protected AssessmentReportTests(DatabaseKind kind)
    {
        network = new(seedFigures: true, kind: kind);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<ExampleAssessment>().SeedAsync().GetAwaiter().GetResult();
        network.Services.GetRequiredService<DemoPopulation>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    [Fact]
    public async Task The_score_sheet_prints_every_item_the_total_the_grade_and_the_evidence()
    {
        var assessment = network.Services.GetRequiredService<AssessmentService>();
        var satisfaction = (await assessment.TreeAsync()).Sections.SelectMany(s => s.Items).Single(i => i.Definition.Code == "satisfaction");
        var version = await assessment.AttachFileAsync(satisfaction.Id, 2025, 0, "现场照片.png", ResourcesTests.Png);
        version = await assessment.AttachLedgerAsync(satisfaction.Id, 2025, version, "activities/{0}", "2025年活动台账");
        await assessment.ScoreManualAsync(satisfaction.Id, 2025, version, 4, "满意率88%");
        var result = (await assessment.ScoreAsync(2025))!;

        var pdf = (await network.Services.GetRequiredService<AssessmentReport>().RenderAsync(2025, Text))!;
        ReportTests.KeepForReview("assessment-2025", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
        var compact = all.Replace(" ", "");
        Assert.Contains("2025年评估定级自评分表", compact);
        Assert.Contains(ExampleAssessment.NoteZh, compact);
        foreach (var item in ExampleAssessment.Sections.SelectMany(s => s.Items))
        {
            Assert.Contains(item.NameZh.Replace(" ", ""), compact);
        }

        Assert.Contains($"{AssessmentText.Points(result.Total)}/{AssessmentText.Points(result.Max)}", compact);
        Assert.Contains(result.Grade?.NameZh ?? "未达等级", compact);
        Assert.Contains("现场照片.png", compact);
        Assert.Contains("台账：2025年活动台账", compact);
        Assert.Contains("满意率88%", compact);
        Assert.Contains("制表人", compact);
        Assert.Null(await network.Services.GetRequiredService<AssessmentReport>().RenderAsync(2099, Text));
    }
}

public sealed class AssessmentReportTestsOnSqlite() : AssessmentReportTests(DatabaseKind.Sqlite);

public sealed class AssessmentReportTestsOnPostgreSql() : AssessmentReportTests(DatabaseKind.PostgreSql);
