using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Reports;
using Bunit;

namespace BranchNetwork.Tests.Reports;

/// <summary>The report centre's buttons: progress while the server renders, and a refusal shown in words on the page.</summary>
public sealed class ReportButtonsTests : ComponentTest
{
    private IRenderedComponent<ReportButtons> RenderButtons() =>
        Render<ReportButtons>(p => p.Add(b => b.Href, "reports/plaques.pdf").Add(b => b.TestId, "plaques"));

    [Fact]
    public void While_the_PDF_renders_a_progress_bar_runs_and_the_buttons_cannot_be_clicked_again()
    {
        var fetch = JSInterop.Setup<ReportButtons.FetchResult>("branchNetworkReports.open", "reports/plaques.pdf", true);
        var buttons = RenderButtons();

        buttons.Find("[data-testid=plaques-download]").Click();

        Assert.Contains("正在生成报表", buttons.Find("[data-testid=plaques-progress]").TextContent);
        Assert.True(buttons.Find("[data-testid=plaques-preview]").HasAttribute("disabled"));
        Assert.True(buttons.Find("[data-testid=plaques-download]").HasAttribute("disabled"));
        fetch.SetResult(new ReportButtons.FetchResult(200, ""));
        buttons.WaitForAssertion(() => Assert.Empty(buttons.FindAll("[data-testid=plaques-progress]")));
        Assert.False(buttons.Find("[data-testid=plaques-download]").HasAttribute("disabled"));
        Assert.Empty(buttons.FindAll("[data-testid=plaques-error]"));
    }

    [Fact]
    public void The_Word_button_downloads_the_docx_and_is_offered_only_beside_a_report_that_has_one()
    {
        var fetch = JSInterop.Setup<ReportButtons.FetchResult>("branchNetworkReports.open", "reports/annual-summary/2020.docx", true);
        var buttons = Render<ReportButtons>(p => p.Add(b => b.Href, "reports/annual-summary/2020.pdf").Add(b => b.WordHref, "reports/annual-summary/2020.docx")
            .Add(b => b.Disabled, true).Add(b => b.TestId, "annual-summary"));

        // Without a CJK font the PDF buttons are off; the .docx needs none.
        Assert.True(buttons.Find("[data-testid=annual-summary-download]").HasAttribute("disabled"));
        buttons.Find("[data-testid=annual-summary-word]").Click();

        Assert.Equal("下载 Word", buttons.Find("[data-testid=annual-summary-word]").TextContent.Trim());
        Assert.Single(fetch.Invocations);
        fetch.SetResult(new ReportButtons.FetchResult(200, ""));
        buttons.WaitForAssertion(() => Assert.Empty(buttons.FindAll("[data-testid=annual-summary-progress]")));
        Assert.Empty(RenderButtons().FindAll("[data-testid=plaques-word]"));
    }

    [Theory]
    [InlineData(503, "服务器未安装中文字体，无法生成 PDF。", "服务器未安装中文字体，无法生成 PDF。")]
    [InlineData(404, "", "没有这份报表：单位或期间不存在。")]
    [InlineData(403, "", "您无权查看这份报表。")]
    [InlineData(500, "", "报表未能生成（500）。请稍后再试。")]
    public void A_refused_report_is_explained_on_the_page(int status, string body, string message)
    {
        JSInterop.Setup<ReportButtons.FetchResult>("branchNetworkReports.open", "reports/plaques.pdf", false).SetResult(new ReportButtons.FetchResult(status, body));
        var buttons = RenderButtons();

        buttons.Find("[data-testid=plaques-preview]").Click();

        buttons.WaitForAssertion(() => Assert.Equal(message, buttons.Find("[data-testid=plaques-error]").TextContent.Trim()));
        Assert.Empty(buttons.FindAll("[data-testid=plaques-progress]"));
    }
}
