using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Figures;

/// <summary>The review queue read a page at a time with its filters in SQL, and "approve all unflagged" in batches.</summary>
public sealed class ReviewPagingTests : IDisposable
{
    private readonly TestNetwork network = new();

    private FiguresService Figures => network.Figures;

    public void Dispose() => network.Dispose();

    /// <summary>450 submitted reports; every 7th from a unit's fifth month on is flagged.</summary>
    private async Task<int> SeedAsync(int count = 450)
    {
        await network.Indicators.SeedStandardAsync();
        await using var db = network.Database.CreateDbContext();
        return await ReviewQueueSeed.SubmitAsync(db, count, i => i % 7 == 0);
    }

    private Task<List<ReviewItem>> WholeQueueAsync(ReviewFilter filter) =>
        TestPaging.AllPagesAsync(async p => (await Figures.ReviewQueueAsync(filter, p)).Page, size: PageRequest.MaxSize);

    [Fact]
    public async Task A_page_holds_its_share_of_the_queue_in_month_then_unit_order_with_the_total()
    {
        var seeded = await SeedAsync();

        var first = await Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(0, 20));
        var third = await Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(2, 20));
        var whole = await WholeQueueAsync(ReviewFilter.None);

        Assert.Equal(seeded, first.Page.Total);
        Assert.Equal(20, first.Page.Items.Count);
        Assert.Equal((41, 60), (third.Page.FirstRow, third.Page.LastRow));
        Assert.Equal(whole.Skip(40).Take(20).Select(r => (r.UnitCode, r.Period)), third.Page.Items.Select(r => (r.UnitCode, r.Period)));
        Assert.Equal(whole.OrderBy(r => r.Period).ThenBy(r => r.UnitCode, StringComparer.Ordinal).Select(r => (r.UnitCode, r.Period)),
            whole.Select(r => (r.UnitCode, r.Period)));
        Assert.Equal(seeded, whole.Select(r => (r.UnitCode, r.Period)).Distinct().Count());
    }

    [Fact]
    public async Task Sizes_are_held_to_10_to_100_and_a_page_past_the_end_is_the_last_page()
    {
        await SeedAsync();

        var tiny = await Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(-3, 1));
        var huge = await Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(0, 10_000));
        var past = await Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(999, 100));

        Assert.Equal((0, 10), (tiny.Page.Index, tiny.Page.Items.Count));
        Assert.Equal(100, huge.Page.Items.Count);
        Assert.Equal((4, 50, 401, 450), (past.Page.Index, past.Page.Items.Count, past.Page.FirstRow, past.Page.LastRow));
    }

    [Fact]
    public async Task Branch_month_and_flagged_filters_narrow_the_queue_in_every_page()
    {
        await SeedAsync();
        var month = ReviewQueueSeed.First.AddMonths(5);

        var qigong = await WholeQueueAsync(new ReviewFilter(BranchCode: "ys-qg"));
        var inMonth = await WholeQueueAsync(new ReviewFilter(Month: month));
        var both = await Figures.ReviewQueueAsync(new ReviewFilter("YS-QG", month), PageRequest.First);
        var everything = await WholeQueueAsync(ReviewFilter.None);

        Assert.Equal(["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"], qigong.Select(r => r.UnitCode).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(everything.Count(r => r.UnitCode.StartsWith("YS-QG", StringComparison.Ordinal)), qigong.Count);
        Assert.All(inMonth, r => Assert.Equal(month, r.Period));
        Assert.Equal(everything.Count(r => r.Period == month), inMonth.Count);
        Assert.Equal(4, both.Page.Total);
    }

    [Fact]
    public async Task Flagged_only_keeps_the_reports_submitted_with_a_flag()
    {
        // Flags kept at submission, as the entry form and imports keep them: one report of four carries one.
        await network.Indicators.SeedStandardAsync();
        await using (var db = network.Database.CreateDbContext())
        {
            await ReviewQueueSeed.SubmitAsync(db, 40);
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE ReportValues SET SubmittedFlags = '[]'; " +
                "UPDATE ReportValues SET SubmittedFlags = '[{{\"Code\":\"FarFromMedian\"}}]', Explanation = '测试' " +
                "WHERE ReportId % 4 = 0 AND IndicatorId = (SELECT Id FROM Indicators WHERE Code = 'visits');");
        }

        var all = await Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt);
        var flagged = await Figures.ReviewQueueAsync(new ReviewFilter(FlaggedOnly: true), TestPaging.AllOfIt);

        Assert.Equal(10, flagged.Page.Total);
        Assert.Equal(10, all.FlaggedAtSubmit);
        Assert.Equal(30, all.Candidates);
        Assert.All(flagged.Page.Items, r => Assert.True(r.IsFlagged));
    }

    [Fact]
    public async Task Approve_all_unflagged_goes_through_the_whole_queue_in_batches_and_leaves_the_flagged()
    {
        await SeedAsync();
        var before = await WholeQueueAsync(ReviewFilter.None);
        var flagged = before.Where(r => r.IsFlagged).Select(r => (r.UnitCode, r.Period)).ToList();
        Assert.InRange(flagged.Count, 1, before.Count - 1);
        var seen = new List<ApprovalProgress>();

        var done = await Figures.ApproveAllUnflaggedAsync(ReviewFilter.None, p =>
        {
            seen.Add(p);
            return Task.CompletedTask;
        }, batchSize: 200);

        Assert.Equal(new ApprovalProgress(450, 450, 450 - flagged.Count), done);
        Assert.Equal([200, 400, 450], seen.Select(p => p.Checked));
        Assert.Equal(flagged, (await WholeQueueAsync(ReviewFilter.None)).Select(r => (r.UnitCode, r.Period)));
        await using var db = network.Database.CreateDbContext();
        Assert.Equal(450 - flagged.Count, await db.MonthlyReports.CountAsync(r => r.State == ReportState.Approved));
    }

    [Fact]
    public async Task Approve_all_unflagged_keeps_to_the_filter()
    {
        await SeedAsync();
        var qigong = new ReviewFilter("YS-QG");
        var others = (await WholeQueueAsync(ReviewFilter.None)).Count(r => !r.UnitCode.StartsWith("YS-QG", StringComparison.Ordinal));

        var done = await Figures.ApproveAllUnflaggedAsync(qigong, batchSize: 10);

        Assert.True(done.Approved > 0);
        Assert.All(await WholeQueueAsync(qigong), r => Assert.True(r.IsFlagged));
        Assert.Equal(others, (await WholeQueueAsync(ReviewFilter.None)).Count(r => !r.UnitCode.StartsWith("YS-QG", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Branch_workers_cannot_read_or_approve_the_queue()
    {
        await SeedAsync(40);
        network.ActAsBranchWorker("YS-QG");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.ReviewQueueAsync(new ReviewFilter("YS-QG"), PageRequest.First));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Figures.ApproveAllUnflaggedAsync(new ReviewFilter("YS-QG")));
    }

    [Fact]
    public async Task The_board_s_years_come_from_the_reports()
    {
        await SeedAsync(60);

        Assert.Equal([2026, 2000], await Figures.ReportYearsAsync());
    }
}
