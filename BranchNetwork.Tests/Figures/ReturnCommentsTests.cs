using System.Globalization;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Figures;

/// <summary>A report returned with comments on single values, on real SQLite with the demo figures.</summary>
public sealed class ReturnCommentsTests : IDisposable
{
    // The test clock stands at 2026-03-02: 七拱镇 has not reported 2026-02 yet.
    private static readonly Period Month = new(2026, 2);
    private const string Huogang = "YS-QG-01";

    private readonly TestNetwork network = new(seedFigures: true);

    private FiguresService Figures => network.Figures;

    public void Dispose() => network.Dispose();

    /// <summary>火岗村's month filled like last month and submitted by its branch worker, then head staff at the desk.</summary>
    private async Task<int> SubmittedAsync()
    {
        network.ActAsBranchWorker("YS-QG");
        var unit = (await Figures.EntryAsync("YS-QG", Month))!.Units.Single(u => u.UnitCode == Huogang);
        var version = unit.Version;
        foreach (var cell in unit.Cells)
        {
            version = (await Figures.SaveValueAsync(Huogang, Month, cell.IndicatorCode, cell.LastMonth ?? 1, null, version)).Version;
        }

        version = await Figures.SubmitAsync(Huogang, Month, version);
        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        return version;
    }

    private async Task<EntryUnit> WorkerSeesAsync()
    {
        network.ActAsBranchWorker("YS-QG");
        return (await Figures.EntryAsync("YS-QG", Month))!.Units.Single(u => u.UnitCode == Huogang);
    }

    [Fact]
    public async Task The_worker_sees_each_comment_on_its_value_while_returned_and_the_history_keeps_it_after_resubmission()
    {
        var version = await Figures.ReturnAsync(Huogang, Month, await SubmittedAsync(), "两项数字请核对",
            new Dictionary<string, string?> { ["loans"] = "  外借册次比上月少一半，请核对  ", ["visits"] = " ", ["open_hours"] = null });

        var returned = await WorkerSeesAsync();
        Assert.Equal("两项数字请核对", returned.Comment);
        Assert.Equal("外借册次比上月少一半，请核对", returned.Cells.Single(c => c.IndicatorCode == "loans").ReviewerNote);
        Assert.All(returned.Cells.Where(c => c.IndicatorCode != "loans"), c => Assert.Null(c.ReviewerNote));
        var open = Assert.Single((await Figures.HistoryAsync(Huogang, Month)).Returns);
        Assert.Equal((1, true, "两项数字请核对"), (open.Revision, open.IsOpen, open.Comment));
        Assert.Equal(["loans"], open.Notes.Keys);

        var loans = returned.Cells.Single(c => c.IndicatorCode == "loans");
        version = (await Figures.SaveValueAsync(Huogang, Month, "loans", loans.Value + 100, "补记漏登的借书", version)).Version;
        Assert.Equal("外借册次比上月少一半，请核对", (await WorkerSeesAsync()).Cells.Single(c => c.IndicatorCode == "loans").ReviewerNote);
        await Figures.SubmitAsync(Huogang, Month, version);

        var resubmitted = await WorkerSeesAsync();
        Assert.All(resubmitted.Cells, c => Assert.Null(c.ReviewerNote));
        Assert.Equal(1, resubmitted.ReturnCount);
        var answered = Assert.Single((await Figures.HistoryAsync(Huogang, Month)).Returns);
        Assert.False(answered.IsOpen);
        Assert.Equal("外借册次比上月少一半，请核对", answered.Notes["loans"]);

        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        var queued = (await Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single(r => r.UnitCode == Huogang);
        Assert.Equal("外借册次比上月少一半，请核对", queued.LastReturn!.Notes["loans"]);

        network.User.Actor = TestCurrentUser.Administrator;
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Report, EntityKey: $"{Huogang} {Month}"), new PageRequest(0, 50));
        var returnedEntry = Assert.Single(trail.Items, e => e.Action == AuditActions.Returned);
        Assert.Contains(returnedEntry.Changes, c => c is { Field: "loans:returnComment", Old: null, New: "外借册次比上月少一半，请核对" });
        Assert.Contains(returnedEntry.Changes, c => c is { Field: "Comment", New: "两项数字请核对" });
    }

    [Fact]
    public async Task A_second_return_opens_its_own_comments_and_keeps_the_first_in_the_history()
    {
        var version = await Figures.ReturnAsync(Huogang, Month, await SubmittedAsync(), "请核对", new Dictionary<string, string?> { ["loans"] = "外借偏低" });
        network.ActAsBranchWorker("YS-QG");
        version = await Figures.SubmitAsync(Huogang, Month, version);
        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        await Figures.ReturnAsync(Huogang, Month, version, "仍需核对", new Dictionary<string, string?> { ["visits"] = "到馆人次偏高" });

        var unit = await WorkerSeesAsync();
        Assert.Equal([("visits", "到馆人次偏高")], unit.Cells.Where(c => c.ReviewerNote is not null).Select(c => (c.IndicatorCode, c.ReviewerNote!)));
        var returns = (await Figures.HistoryAsync(Huogang, Month)).Returns;
        Assert.Equal([("外借偏低", false), ("到馆人次偏高", true)], returns.Select(r => (r.Notes.Values.Single(), r.IsOpen)));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        // A branch-only indicator is no value of a service point's report.
        { "reading_room", "阅览室人次很低", "指标 reading_room 不是 2026-02 这份月报中的一项" },
        { "no_such_indicator", "请核对", "指标 no_such_indicator 不是 2026-02 这份月报中的一项" },
        { "loans", new string('长', MonthlyReport.ReturnNoteMaxLength + 1), "内容过长（最多 200 个字符）" },
        { "loans", "请核对😀", "中的字符“😀”无法打印在报表中" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_comment_on_a_foreign_value_or_too_long_or_unprintable_is_refused_with_a_message_and_nothing_is_stored(string code, string text, string message)
    {
        network.User.Actor = TestCurrentUser.Administrator;
        await network.Indicators.AddAsync("reading_room", new IndicatorDefinition("阅览室人次", "Reading-room visits", "人次", false, 0, 50_000, IndicatorScope.Branch));
        var version = await SubmittedAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Figures.ReturnAsync(Huogang, Month, version, "请核对",
            new Dictionary<string, string?> { ["visits"] = "到馆人次请核对", [code] = text }));

        Assert.Equal(code, error.Field);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Assert.Contains(message, PortalText.Of($"Error.{error.Code}", [.. error.Args]));
        Assert.Equal(ReportState.Submitted, (await WorkerSeesAsync()).State);
        await using var db = network.Database.CreateDbContext();
        Assert.Equal(0, await db.ReportReturns.CountAsync());
        Assert.Equal(0, await db.Set<ReturnNote>().CountAsync());
    }

    [Fact]
    public async Task Only_reviewers_write_comments_and_a_worker_of_another_branch_never_sees_them()
    {
        var version = await SubmittedAsync();
        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.ReturnAsync(Huogang, Month, version, "请核对",
            new Dictionary<string, string?> { ["loans"] = "外借偏低" }));
        network.ActAs(Core.Accounts.Roles.HeadLibraryStaff);
        await Figures.ReturnAsync(Huogang, Month, version, "请核对", new Dictionary<string, string?> { ["loans"] = "外借偏低" });

        network.ActAsBranchWorker("YS-QL");

        Assert.Null(await Figures.EntryAsync("YS-QG", Month));
        Assert.Same(ReportHistory.Empty, await Figures.HistoryAsync(Huogang, Month));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt));
    }
}
