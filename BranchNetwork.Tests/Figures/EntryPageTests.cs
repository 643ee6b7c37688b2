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

    private IRenderedComponent<MudBlazor.MudDialogProvider> dialogs = default!;

    private IRenderedComponent<FiguresEntryPage> Open()
    {
        dialogs = RenderDialogHost();
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

    /// <summary>Fills every value of a unit with last month's (never flagged), as the worker would.</summary>
    private async Task FillAsync(string code)
    {
        var unit = (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == code);
        var version = unit.Version;
        foreach (var cell in unit.Cells)
        {
            version = (await Network.Figures.SaveValueAsync(code, new Period(2026, 2), cell.IndicatorCode, cell.LastMonth ?? 0, null, version)).Version;
        }
    }

    private async Task<ReportState?> StateAsync(string code) =>
        (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == code).State;

    [Fact]
    public async Task Submit_all_submits_the_complete_units_and_names_what_keeps_the_others()
    {
        await FillAsync("YS-QG-01");
        await FillAsync("YS-QG-02");
        var page = Open();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();

        page.Find("[data-testid=submit-all]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("已提交 2 个单位的 2026-02 月报", snackbars.Markup));
        Assert.Matches("未提交：阳山县图书馆七拱镇分馆（[0-9]+ 项未填，0 项待说明）；火岗村|未提交：阳山县图书馆七拱镇分馆（[0-9]+ 项未填，0 项待说明）；新圩村", snackbars.Markup);
        Assert.Equal((ReportState.Submitted, ReportState.Submitted, (ReportState?)null), (await StateAsync("YS-QG-01"), await StateAsync("YS-QG-02"), await StateAsync("YS-QG")));
        // The first unit left gets the focus on its first empty value.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "branchNetworkFigures.focus" && Equals(i.Arguments[0], "YS-QG"));
    }

    [Fact]
    public async Task A_refused_submit_focuses_the_first_field_that_blocks_it()
    {
        var page = Open();
        Input(page, "YS-QG-01", "visits").Change("400");
        page.WaitForAssertion(() => Assert.Equal("草稿", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim()));

        page.Find("[data-unit='YS-QG-01'] [data-testid=submit]").Click();

        page.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "branchNetworkFigures.focus"));
        var focus = JSInterop.Invocations.Last(i => i.Identifier == "branchNetworkFigures.focus");
        Assert.Equal(["YS-QG-01", "loans", false], focus.Arguments);
        Assert.Equal(ReportState.Draft, await StateAsync("YS-QG-01"));
    }

    [Fact]
    public async Task A_submitted_report_nobody_reviewed_is_withdrawn_after_a_confirmation()
    {
        await FillAsync("YS-QG-01");
        var unit = (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == "YS-QG-01");
        await Network.Figures.SubmitAsync("YS-QG-01", new Period(2026, 2), unit.Version);
        var page = Open();

        page.Find("[data-unit='YS-QG-01'] [data-testid=withdraw]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("撤回后变为草稿", dialogs.Markup));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "撤回").Click();

        page.WaitForAssertion(() => Assert.Equal("草稿", page.Find("[data-unit='YS-QG-01'] [data-testid=report-state]").TextContent.Trim()));
        Assert.Equal(ReportState.Draft, await StateAsync("YS-QG-01"));
    }

    [Fact]
    public void A_value_that_could_not_be_saved_is_not_called_saved()
    {
        var page = Open();
        Input(page, "YS-QG-01", "visits").Change("400");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-unit='YS-QG-01'] [data-testid=saved]")));

        Input(page, "YS-QG-01", "loans").Change("很多");

        page.WaitForAssertion(() => Assert.Contains("有 1 项未保存", page.Find("[data-unit='YS-QG-01'] [data-testid=unsaved]").TextContent));
        Assert.Empty(page.FindAll("[data-unit='YS-QG-01'] [data-testid=saved]"));
    }

    [Fact]
    public void In_English_the_measure_units_read_in_English()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");

        var page = Open();

        var visits = page.Find("[data-unit='YS-QG-01'] tr[data-indicator='visits'] .measure").TextContent;
        var hours = page.Find("[data-unit='YS-QG-01'] tr[data-indicator='open_hours'] .measure").TextContent;
        Assert.Equal(("visits", "hours"), (visits, hours));
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", page.Find("[data-unit='YS-QG-01'] thead").TextContent);
    }

    [Fact]
    public void A_December_sheet_shows_the_yearly_figures_under_their_own_heading_after_the_month_s_own()
    {
        dialogs = RenderDialogHost();
        Services.GetRequiredService<NavigationManager>().NavigateTo("figures?branch=YS-QG&month=2025-12");
        var page = Render<FiguresEntryPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".figures-unit").Count));

        var rows = page.FindAll("[data-unit='YS-QG-01'] tbody tr");
        var heading = rows.Single(r => r.GetAttribute("data-testid") == "annual-section");
        Assert.Equal("2025年度指标（年末数和全年数，随12月月报填报一次）", heading.TextContent.Trim());
        Assert.Equal(12, rows.ToList().IndexOf(heading));
        Assert.Equal(["valid_cards", "holdings", "pc_terminals", "appropriation", "expenditure"], rows.Skip(13).Select(r => r.GetAttribute("data-indicator")));
        Services.GetRequiredService<NavigationManager>().NavigateTo("figures?branch=YS-QG&month=2026-02");
        var february = Render<FiguresEntryPage>();
        february.WaitForAssertion(() => Assert.Equal(4, february.FindAll(".figures-unit").Count));
        Assert.Empty(february.FindAll("[data-testid=annual-section]"));
    }

    [Fact]
    public async Task A_returned_report_shows_each_reviewer_comment_under_its_value_marked_as_the_reviewer_s()
    {
        await FillAsync("YS-QG-01");
        var version = await Network.Figures.SubmitAsync("YS-QG-01", new Period(2026, 2), (await Network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units[1].Version);
        await Network.Figures.ReturnAsync("YS-QG-01", new Period(2026, 2), version, "两项请核对",
            new Dictionary<string, string?> { ["loans"] = "外借册次比上月少一半" });

        var page = Open();

        var note = page.Find("[data-unit='YS-QG-01'] tr[data-note-for='loans'] [data-testid=reviewer-note]");
        Assert.Matches(@"^审核意见：\s*外借册次比上月少一半$", note.TextContent.Trim());
        Assert.Equal(note.Id, Input(page, "YS-QG-01", "loans").GetAttribute("aria-describedby"));
        Assert.Single(page.FindAll("[data-unit='YS-QG-01'] [data-testid=reviewer-note]"));
        Assert.Null(Input(page, "YS-QG-01", "visits").GetAttribute("aria-describedby"));
        Assert.Contains("另有 1 项指标的审核意见", page.Find("[data-unit='YS-QG-01'] [data-testid=return-comment]").TextContent);
    }
}
