using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Reports;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Assessment;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Assessment;

/// <summary>The assessment page and its dialogs, in zh-CN on the demo: the sheet, the threshold editor and the manual-score dialog with evidence.</summary>
public sealed class AssessmentPageTests : ComponentTest
{
    public AssessmentPageTests() : base(seedFigures: true)
    {
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<ExampleAssessment>().SeedAsync().GetAwaiter().GetResult();
        Network.Services.GetRequiredService<DemoPopulation>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private AssessmentService Assessment => Network.Services.GetRequiredService<AssessmentService>();

    private async Task<ItemScore> ItemAsync(string code) =>
        (await Assessment.ScoreAsync(2025))!.Sections.SelectMany(s => s.Items).Single(i => i.Item.Definition.Code == code);

    [Fact]
    public async Task The_page_shows_the_example_label_each_section_the_total_the_grade_and_the_cheapest_items()
    {
        RenderDialogHost();
        var page = Render<AssessmentPage>();
        var result = (await Assessment.ScoreAsync(2025))!;

        page.WaitForElement("[data-testid=assessment-total]");
        Assert.Contains(ExampleAssessment.NoteZh, page.Find("[data-testid=assessment-note]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=assessment-section]").Count);
        Assert.Equal($"{AssessmentText.Points(result.Total)}/{AssessmentText.Points(result.Max)}", page.Find("[data-testid=assessment-total]").TextContent.Trim());
        Assert.Equal(result.Grade?.NameZh ?? "未达等级", page.Find("[data-testid=assessment-grade]").TextContent.Trim());
        Assert.Equal(result.Cheapest.Count, page.FindAll("[data-testid=cheapest] li").Count);
        Assert.Contains(page.FindAll("[data-testid=item-reason]"), r => r.TextContent.Contains("尚未评分"));
        Assert.Empty(page.FindAll(".mud-input-error .validation-message"));
    }

    [Fact]
    public async Task The_threshold_editor_shows_an_order_error_under_the_thresholds_and_saves_nothing()
    {
        var item = (await ItemAsync("visits_per_card")).Item;
        var host = await OpenAsync(new DialogParameters<ItemDialog> { { d => d.Existing, item } });

        Assert.Equal(4, host.FindAll("[data-testid=threshold-row]").Count);
        Assert.Empty(host.FindAll(".validation-message"));
        host.FindAll("[data-testid=threshold-row]")[1].QuerySelector("input")!.Change("30");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("第2档的最低值和得分都须低于上一档", host.Find(".mud-input-error").TextContent));
        Assert.Equal(item.Definition.Thresholds, (await ItemAsync("visits_per_card")).Item.Definition.Thresholds);
    }

    [Fact]
    public async Task The_score_dialog_refuses_a_renamed_text_file_under_the_upload_takes_a_PDF_and_asks_before_removing_it()
    {
        var item = await ItemAsync("satisfaction");
        var host = await OpenAsync(new DialogParameters<ScoreDialog> { { d => d.Item, item }, { d => d.Year, 2025 } });
        var pdf = Network.Services.GetRequiredService<PdfRenderer>()
            .Render(new ReportDocument("证明", "测试", "测试", (p, n) => $"{p}/{n}", [new Paragraph("读者满意度调查")]));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("不是 PDF", "调查.pdf"));
        host.WaitForAssertion(() => Assert.Contains("调查.pdf: 证明材料只能是PDF文件", host.Find("[data-testid=evidence-error]").TextContent));
        Assert.Empty(host.FindAll("[data-testid=evidence-list] li"));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(pdf, "满意度调查.pdf", contentType: "application/pdf"));
        host.WaitForAssertion(() => Assert.Contains("满意度调查.pdf", host.Find("[data-testid=evidence-list]").TextContent));
        Assert.Empty(host.FindAll("[data-testid=evidence-error]"));

        host.Find("[data-testid=remove-evidence]").Click();
        host.WaitForAssertion(() => Assert.Contains("文件将被删除", host.Markup));
        host.FindAll("button").Single(b => b.TextContent.Trim() == "删除").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=evidence-list] li")));
        Assert.Empty((await Assessment.ManualScoreAsync(item.Item.Id, 2025))!.Evidence);
    }

    [Fact]
    public async Task A_manual_score_over_the_maximum_is_shown_under_the_points_and_a_valid_one_is_saved()
    {
        var item = await ItemAsync("satisfaction");
        var host = await OpenAsync(new DialogParameters<ScoreDialog> { { d => d.Item, item }, { d => d.Year, 2025 } });

        Type(host, "得分", "6");
        Type(host, "评分说明", "问卷420份，满意率88%");
        Submit(host);
        host.WaitForAssertion(() => Assert.Contains("得分须在0至5分之间", host.Markup));
        Assert.Null(await Assessment.ManualScoreAsync(item.Item.Id, 2025));

        Type(host, "得分", "4.5");
        Submit(host);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=score-points]")));
        Assert.Equal(4.5m, (await Assessment.ManualScoreAsync(item.Item.Id, 2025))!.Points);
    }
}
