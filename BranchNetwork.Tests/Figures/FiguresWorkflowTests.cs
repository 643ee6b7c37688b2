using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Figures;

/// <summary>Entry, submission, review and correction of monthly reports, on real SQLite with the demo figures.</summary>
public abstract class FiguresWorkflowTests(DatabaseKind kind) : IDisposable
{
    // The test clock stands at 2026-03-02: the last full month is 2026-02, which 七拱镇 has not reported yet.
    private static readonly Period Month = new(2026, 2);
    private const string Huogang = "YS-QG-01";

    private readonly TestNetwork network = new(seedFigures: true, kind: kind);

    private FiguresService Figures => network.Figures;

    public void Dispose() => network.Dispose();

    private async Task<EntryUnit> UnitAsync(string code = Huogang) =>
        (await Figures.EntryAsync(code[..5], Month))!.Units.Single(u => u.UnitCode == code);

    /// <summary>Fills every indicator with last month's value (never flagged), returning the report version.</summary>
    private async Task<int> FillAsync(string code = Huogang)
    {
        var unit = await UnitAsync(code);
        var version = unit.Version;
        foreach (var cell in unit.Cells)
        {
            version = (await Figures.SaveValueAsync(code, Month, cell.IndicatorCode, cell.LastMonth ?? 1, null, version)).Version;
        }

        return version;
    }

    [Fact]
    public void The_last_full_month_is_the_one_before_today() => Assert.Equal(Month, Figures.LastFullMonth);

    [Fact]
    public async Task The_entry_sheet_holds_the_branch_and_its_service_points_with_last_month_and_last_year()
    {
        network.ActAsBranchWorker("YS-QG");

        var sheet = await Figures.EntryAsync("YS-QG", Month);

        Assert.Equal(["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"], sheet!.Units.Select(u => u.UnitCode));
        Assert.Equal(new DateOnly(2026, 3, 5), sheet.DueOn);
        var visits = sheet.Units[1].Cells.Single(c => c.IndicatorCode == "visits");
        Assert.Null(visits.Value);
        Assert.NotNull(visits.LastMonth);
        Assert.NotNull(visits.LastYear);
        Assert.Equal(12, sheet.Units[1].Cells.Count);
    }

    [Fact]
    public async Task A_branch_worker_cannot_open_or_change_another_branch()
    {
        network.ActAsBranchWorker("YS-QG");

        Assert.Null(await Figures.EntryAsync("YS-QL", Month));
        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync("YS-QL-01", Month, "visits", 10, null, 0));
        Assert.Equal(ErrorCodes.UnitNotFound, error.Code);
    }

    [Fact]
    public async Task An_observer_reads_but_cannot_enter()
    {
        network.ActAs(Core.Accounts.Roles.Observer);

        Assert.NotNull(await Figures.EntryAsync("YS-QG", Month));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.SaveValueAsync(Huogang, Month, "visits", 10, null, 0));
    }

    [Theory]
    [InlineData("visits", -1, ErrorCodes.FigureBelowMinimum)]
    [InlineData("visits", 12.5, ErrorCodes.FigureNotWhole)]
    [InlineData("visits", 9_000_000, ErrorCodes.FigureAboveMaximum)]
    [InlineData("open_hours", 800, ErrorCodes.FigureAboveMaximum)]
    [InlineData("open_hours", 12.345, ErrorCodes.FigureTooPrecise)]
    public async Task Impossible_values_are_refused_and_nothing_is_saved(string indicator, double value, string expected)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync(Huogang, Month, indicator, (decimal)value, null, 0));

        Assert.Equal(expected, error.Code);
        Assert.Null((await UnitAsync()).State);
    }

    [Fact]
    public async Task A_month_in_the_future_or_before_the_unit_opened_is_refused()
    {
        var future = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync(Huogang, new Period(2026, 3), "visits", 10, null, 0));
        var before = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync("YS-TP-01", new Period(2019, 6), "visits", 10, null, 0));

        Assert.Equal(ErrorCodes.ReportFutureMonth, future.Code);
        Assert.Equal(ErrorCodes.ReportBeforeOpening, before.Code);
    }

    [Fact]
    public async Task Submitting_with_blanks_is_refused_and_names_them()
    {
        var version = (await Figures.SaveValueAsync(Huogang, Month, "visits", 400, null, 0)).Version;

        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.SubmitAsync(Huogang, Month, version));

        Assert.Equal(ErrorCodes.ReportIncomplete, error.Code);
        Assert.Equal(11, error.Args[0]);
        Assert.Equal(ReportState.Draft, (await UnitAsync()).State);
    }

    [Fact]
    public async Task A_flagged_value_needs_an_explanation_to_submit()
    {
        var version = await FillAsync();
        var unit = await UnitAsync();
        var usual = unit.Cells.Single(c => c.IndicatorCode == "visits").LastMonth!.Value;

        var saved = await Figures.SaveValueAsync(Huogang, Month, "visits", usual * 5, null, version);
        Assert.Contains(saved.Flags, f => f.Code == AnomalyCodes.FarFromMedian);
        var refused = await Assert.ThrowsAsync<DomainException>(() => Figures.SubmitAsync(Huogang, Month, saved.Version));
        Assert.Equal(ErrorCodes.ReportNeedsExplanation, refused.Code);

        var explained = await Figures.SaveValueAsync(Huogang, Month, "visits", usual * 5, "乡村文化节", saved.Version);
        await Figures.SubmitAsync(Huogang, Month, explained.Version);

        var queued = (await Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single(r => r.UnitCode == Huogang);
        Assert.True(queued.IsFlagged);
        Assert.Equal("乡村文化节", queued.Values.Single(v => v.IndicatorCode == "visits").Explanation);
    }

    [Fact]
    public async Task Returned_reports_are_fixed_and_resubmitted_then_approved()
    {
        network.ActAsBranchWorker("YS-QG");
        var version = await Figures.SubmitAsync(Huogang, Month, await FillAsync());

        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        version = await Figures.ReturnAsync(Huogang, Month, version, "外借册次偏低，请核对");
        network.ActAsBranchWorker("YS-QG");
        var returned = await UnitAsync();
        Assert.Equal((ReportState.Returned, "外借册次偏低，请核对"), (returned.State!.Value, returned.Comment));
        version = (await Figures.SaveValueAsync(Huogang, Month, "loans", 380, null, version)).Version;
        version = await Figures.SubmitAsync(Huogang, Month, version);

        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        await Figures.ApproveAsync(Huogang, Month, version);

        Assert.Equal(ReportState.Approved, (await UnitAsync()).State);
        network.User.Actor = TestCurrentUser.Administrator;
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Report, EntityKey: $"{Huogang} {Month}"), new PageRequest(0, 50));
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Returned);
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Approved);
        Assert.Equal(2, trail.Items.Count(e => e.Action == AuditActions.Submitted));
    }

    [Fact]
    public async Task Returning_needs_a_comment_and_only_head_staff_review()
    {
        var version = await Figures.SubmitAsync(Huogang, Month, await FillAsync());

        Assert.Equal(ErrorCodes.Required, (await Assert.ThrowsAsync<DomainException>(() => Figures.ReturnAsync(Huogang, Month, version, " "))).Code);
        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.ApproveAsync(Huogang, Month, version));
    }

    [Fact]
    public async Task A_submitted_report_cannot_be_edited_until_returned()
    {
        var version = await Figures.SubmitAsync(Huogang, Month, await FillAsync());

        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.SaveValueAsync(Huogang, Month, "visits", 1, null, version));

        Assert.Equal(ErrorCodes.ReportNotEditable, error.Code);
    }

    [Fact]
    public async Task An_approved_report_is_corrected_by_a_new_revision_and_the_old_one_is_kept()
    {
        var version = await Figures.ApproveAsync(Huogang, Month, await Figures.SubmitAsync(Huogang, Month, await FillAsync()));
        var approvedVisits = (await UnitAsync()).Cells.Single(c => c.IndicatorCode == "visits").Value;

        network.ActAsBranchWorker("YS-QG");
        version = await Figures.StartCorrectionAsync(Huogang, Month, version, "到馆人次漏计一天");
        version = (await Figures.SaveValueAsync(Huogang, Month, "visits", approvedVisits!.Value + 15, null, version)).Version;
        version = await Figures.SubmitAsync(Huogang, Month, version);
        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        await Figures.ApproveAsync(Huogang, Month, version);

        var unit = await UnitAsync();
        Assert.Equal((ReportState.Approved, 2), (unit.State!.Value, unit.Revision));
        var kept = Assert.Single((await Figures.HistoryAsync(Huogang, Month)).Revisions);
        Assert.Equal((1, approvedVisits, "到馆人次漏计一天"), (kept.Revision, kept.Values["visits"], kept.Reason));
    }

    [Fact]
    public async Task The_second_of_two_editors_gets_a_conflict_with_the_other_value()
    {
        var first = await Figures.SaveValueAsync(Huogang, Month, "visits", 400, null, 0);
        await Figures.SaveValueAsync(Huogang, Month, "visits", 410, null, first.Version);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Figures.SaveValueAsync(Huogang, Month, "visits", 999, null, first.Version));

        Assert.Equal(ErrorCodes.ReportChangedMeanwhile, conflict.Code);
        Assert.Equal(("410", "999"), (conflict.Args[2], conflict.Args[3]));
        Assert.Equal(410, (await UnitAsync()).Cells.Single(c => c.IndicatorCode == "visits").Value);
    }

    [Fact]
    public async Task Approve_all_unflagged_leaves_the_flagged_report_in_the_queue()
    {
        var queue = (await Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items;
        Assert.Contains(queue, r => r.UnitCode == "YS-QL-01" && r.IsFlagged);

        var approved = (await Figures.ApproveAllUnflaggedAsync(ReviewFilter.None)).Approved;

        Assert.Equal(queue.Count(r => !r.IsFlagged), approved);
        Assert.Equal(["YS-QL-01"], (await Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Select(r => r.UnitCode));
    }

    [Fact]
    public async Task The_board_shows_missing_draft_submitted_returned_approved_and_late()
    {
        var board = await Figures.BoardAsync(2026);
        BoardCell Cell(string code, int month) => board.Single(r => r.UnitCode == code).Cells[month - 1];

        Assert.Equal(BoardState.Missing, Cell(Huogang, 2).State);
        Assert.Equal(BoardState.Submitted, Cell("YS-QL", 2).State);
        Assert.Equal(BoardState.Draft, Cell("YS-TP-01", 2).State);
        Assert.Equal(BoardState.Returned, Cell("YS-DB-01", 2).State);
        Assert.Equal(BoardState.Approved, Cell("YS-YC", 2).State);
        Assert.True(Cell("YS-YC", 1).Late);
        Assert.Equal(BoardState.NotDue, Cell(Huogang, 3).State);
    }

    [Fact]
    public async Task A_branch_worker_sees_their_outstanding_months_first()
    {
        network.ActAsBranchWorker("YS-QG");

        Assert.Equal([Month], await Figures.OutstandingAsync());
    }

    [Fact]
    public async Task The_demo_figures_are_zero_while_the_network_was_closed_in_2020()
    {
        var march2020 = (await Figures.EntryAsync("YS-QG", new Period(2020, 3)))!;
        var june2020 = (await Figures.EntryAsync("YS-QG", new Period(2020, 6)))!;

        Assert.All(march2020.Units.SelectMany(u => u.Cells), c => Assert.Equal(0, c.Value));
        Assert.Equal(MonthClosure.Closed, march2020.Units[0].Closure);
        Assert.All(june2020.Units, u => Assert.True(u.Cells.Single(c => c.IndicatorCode == "visits").Value > 100));
    }

    [Fact]
    public async Task Nothing_in_the_demo_figures_is_submitted_or_reviewed_after_the_county_clock_s_now()
    {
        await using var db = network.Database.CreateDbContext();
        var now = network.Time.GetUtcNow().UtcDateTime;

        var latest = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.MonthlyReports.Select(r => new { r.SubmittedAtUtc, r.ReviewedAtUtc }));

        Assert.Contains(latest, r => r.SubmittedAtUtc > now.AddDays(-2));
        Assert.All(latest, r => Assert.False(r.SubmittedAtUtc > now || r.ReviewedAtUtc > now || r.ReviewedAtUtc < r.SubmittedAtUtc));
    }
}

public sealed class FiguresWorkflowTestsOnSqlite() : FiguresWorkflowTests(DatabaseKind.Sqlite);

public sealed class FiguresWorkflowTestsOnPostgreSql() : FiguresWorkflowTests(DatabaseKind.PostgreSql);
