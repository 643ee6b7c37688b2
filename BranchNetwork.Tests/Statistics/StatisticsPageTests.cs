using AngleSharp.Dom;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Statistics;
using BranchNetwork.Web.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Statistics;

/// <summary>The return's page and its override dialog, on the demo figures.</summary>
public sealed class StatisticsPageTests() : ComponentTest(seedFigures: true)
{
    private StatisticsReturnService Statistics => Network.Services.GetRequiredService<StatisticsReturnService>();

    private (IRenderedComponent<MudDialogProvider> Host, IRenderedComponent<StatisticsPage> Page) RenderPage(int year)
    {
        var host = RenderDialogHost();
        var page = Render<StatisticsPage>(p => p.Add(x => x.Year, year));
        page.WaitForElement("[data-testid=statistics-table], [data-testid=statistics-empty]");
        return (host, page);
    }

    private static IElement Row(IRenderedComponent<StatisticsPage> page, string code) =>
        page.FindAll("tr").Single(tr => tr.QuerySelector($"td[data-field='{code}']") is not null);

    private static string UnderField(IRenderedComponent<MudDialogProvider> host, string label) =>
        host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == label).QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public void Every_field_of_the_form_is_a_row_with_its_source_and_the_ones_outside_the_portal_say_fill_in_by_hand()
    {
        var (_, page) = RenderPage(2020);

        Assert.Equal(ReturnForm.Fields.Count, page.FindAll("td[data-field]").Count);
        Assert.Equal("请手工填写", Row(page, "11").QuerySelector("[data-testid=statistics-value]")!.TextContent.Trim());
        Assert.Equal("52/52个单位，12/12个月", Row(page, "13").QuerySelector("[data-testid=statistics-completeness]")!.TextContent.Trim());
        Assert.Contains("已审核月报", Row(page, "13").TextContent);
        Assert.Empty(page.FindAll("[data-testid=overridden]"));
    }

    [Fact]
    public void A_year_without_approved_figures_says_so_instead_of_showing_zeros_and_offers_no_download()
    {
        var (_, page) = RenderPage(2018);

        Assert.Contains("2018年没有已审核的月报", page.Find("[data-testid=statistics-empty]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=statistics-table]"));
        Assert.True(page.Find("[data-testid=statistics-pdf-download]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=ledger-statistics-return]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_override_dialog_opens_clean_refuses_a_missing_reason_and_saves_a_marked_value()
    {
        var (host, page) = RenderPage(2020);

        Row(page, "11").QuerySelector("[data-testid=override]")!.Click();
        host.WaitForElement("[data-testid=save-override]");
        Assert.Empty(host.FindAll(".mud-input-error"));
        Type(host, "数值（册）", "1200");
        Submit(host);

        host.WaitForAssertion(() => Assert.StartsWith("此项必填。", UnderField(host, "原因")));
        Assert.Null((await Statistics.FillAsync(2020))!.Fields.Single(f => f.Field.Code == "11").Override);

        Type(host, "原因", "古籍普查登记结果");
        Submit(host);

        page.WaitForAssertion(() => Assert.NotNull(Row(page, "11").QuerySelector("[data-testid=overridden]")));
        Assert.Equal("1,200", Row(page, "11").QuerySelector("[data-testid=statistics-value] span")!.TextContent.Trim());
        Assert.Equal(1200m, (await Statistics.FillAsync(2020))!.Fields.Single(f => f.Field.Code == "11").Value);
    }

    [Fact]
    public async Task Removing_an_override_asks_first_and_the_field_goes_back_to_the_computed_value()
    {
        await Statistics.SetOverrideAsync(2020, "13", 1, "测试", null);
        var (host, page) = RenderPage(2020);

        Row(page, "13").QuerySelector("[data-testid=remove-override]")!.Click();
        host.WaitForAssertion(() => Assert.Contains("2020年“总流通人次”的人工修正", host.Find("[data-testid=void-prompt]").TextContent));
        Assert.True((await Statistics.FillAsync(2020))!.Fields.Single(f => f.Field.Code == "13").IsOverridden);
        host.Find("[data-testid=void-reason] input, input[data-testid=void-reason]").Input("改由系统计算");
        Submit(host);

        page.WaitForAssertion(() => Assert.Null(Row(page, "13").QuerySelector("[data-testid=overridden]")));
        Assert.False((await Statistics.FillAsync(2020))!.Fields.Single(f => f.Field.Code == "13").IsOverridden);
    }

    [Fact]
    public void An_observer_reads_the_return_without_override_buttons()
    {
        Network.ActAs(BranchNetwork.Core.Accounts.Roles.Observer);
        Authorization.SetRoles(BranchNetwork.Core.Accounts.Roles.Observer);
        Authorization.SetPolicies(Policies.WholeNetwork);

        var (_, page) = RenderPage(2025);

        Assert.Equal(ReturnForm.Fields.Count, page.FindAll("td[data-field]").Count);
        Assert.Empty(page.FindAll("[data-testid=override]"));
    }
}
