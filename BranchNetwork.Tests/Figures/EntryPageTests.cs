using System.Globalization;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Figures;

/// <summary>The entry form: one value at a time, saved as typed, checked as typed.</summary>
public sealed class EntryPageTests : ComponentTest
{
    public EntryPageTests() : base(seedFigures: true)
    {
    }

    private IRenderedComponent<FiguresEntryPage> Open()
    {
        RenderDialogHost();
        Services.GetRequiredService<NavigationManager>().NavigateTo("figures?branch=YS-QG&month=2026-02");
        var page = Render<FiguresEntryPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".figures-unit").Count));
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<FiguresEntryPage> page, string unit, string indicator) =>
        page.Find($"[data-unit='{unit}'] tr[data-indicator='{indicator}'] input.figure-input");

    [Fact]
    public void The_branch_and_its_service_points_are_listed_with_last_month_beside_each_value()
    {
        var page = Open();

        var row = page.Find("[data-unit='YS-QG-01'] tr[data-indicator='visits']");
        Assert.Contains("到馆人次", row.TextContent);
        Assert.Matches(@"\d", row.QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("未填报", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim());
    }

    [Fact]
    public async Task A_value_is_saved_as_a_draft_the_moment_it_is_entered()
    {
        var page = Open();

        Input(page, "YS-QG-01", "loans").Change("321");

        page.WaitForAssertion(() => Assert.Equal("草稿", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim()));
        var saved = (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == "YS-QG-01");
        Assert.Equal(321, saved.Cells.Single(c => c.IndicatorCode == "loans").Value);
    }

    [Theory]
    [InlineData("很多", "不是数字")]
    [InlineData("-3", "不能小于 0")]
    [InlineData("12.5", "须为整数")]
    public void A_bad_value_is_explained_beside_it_and_not_saved(string typed, string message)
    {
        var page = Open();

        Input(page, "YS-QG-01", "visits").Change(typed);

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("[data-unit='YS-QG-01'] tr[data-indicator='visits'] .figure-error").TextContent));
        Assert.Equal("未填报", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim());
    }

    [Fact]
    public void A_far_off_value_is_flagged_and_asks_for_an_explanation()
    {
        var page = Open();
        var lastMonth = decimal.Parse(page.Find("[data-unit='YS-QG-01'] tr[data-indicator='visits'] td:nth-of-type(2)").TextContent.Replace(",", ""), CultureInfo.InvariantCulture);

        Input(page, "YS-QG-01", "visits").Change((lastMonth * 5).ToString(CultureInfo.InvariantCulture));

        page.WaitForAssertion(() => Assert.Matches(@"比近期中位数 [0-9,.]+ 高出 [0-9,]+%", page.Find("[data-unit='YS-QG-01'] tr[data-indicator='visits'] .figure-flag").TextContent));
        Assert.Single(page.FindAll("[data-unit='YS-QG-01'] tr[data-indicator='visits'] input.figure-explanation"));
    }

    [Fact]
    public async Task Submitting_with_blanks_leaves_the_report_a_draft()
    {
        var page = Open();
        Input(page, "YS-QG-01", "visits").Change("400");
        page.WaitForAssertion(() => Assert.Equal("草稿", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim()));

        page.Find("[data-unit='YS-QG-01'] [data-testid=submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("草稿", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim()));
        var saved = (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == "YS-QG-01");
        Assert.Equal(ReportState.Draft, saved.State);
    }
}
