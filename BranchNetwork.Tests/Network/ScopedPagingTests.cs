using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Network;

/// <summary>The lists that grow by the year, read a page at a time: totals, filters, and a branch worker's scope in every page.</summary>
public sealed class ScopedPagingTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 2, 10);
    private readonly TestNetwork network = new();

    private TrainingService Training => network.Services.GetRequiredService<TrainingService>();

    private ResourcesService Resources => network.Services.GetRequiredService<ResourcesService>();

    private ActivityService Activities => network.Services.GetRequiredService<ActivityService>();

    public void Dispose() => network.Dispose();

    /// <summary>25 rows of each list for 七拱镇's first service point and for 龙坪's branch.</summary>
    private async Task SeedAsync()
    {
        foreach (var code in new[] { "YS-QG-01", "YS-QL" })
        {
            for (var i = 0; i < 25; i++)
            {
                await Training.AddStaffAsync(code, new StaffProfile($"{code} 员工 {i:00}", null, ProfessionalTitle.None, null));
                await Resources.AddDeliveryAsync(code, Day.AddDays(-i), 10 + i, 5, null);
                await Activities.AddAsync(code, new ActivityDetails(Day.AddDays(-i), $"{code} 读书会 {i}", ActivityCategory.ParentChildReading, 10, "周末读书会"));
            }
        }
    }

    [Fact]
    public async Task A_branch_worker_never_sees_another_branch_s_row_in_any_page()
    {
        await SeedAsync();
        network.ActAsBranchWorker("YS-QG");

        var staff = await TestPaging.AllPagesAsync(p => Training.StaffAsync(new StaffFilter(), p));
        var deliveries = await TestPaging.AllPagesAsync(p => Resources.DeliveriesAsync(new DeliveryFilter(2026), p));
        var activities = await TestPaging.AllPagesAsync(async p => (await Activities.ListAsync(new ActivityFilter(2026), p)).Page);
        var otherBranch = await Resources.DeliveriesAsync(new DeliveryFilter(2026, "YS-QL"), PageRequest.First);

        Assert.True(staff.Count > PageRequest.MinSize, "the staff run over more than one page");
        Assert.All(staff, s => Assert.StartsWith("YS-QG", s.UnitCode));
        Assert.Equal(25, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("YS-QG-01", d.UnitCode));
        Assert.Equal(25, activities.Count);
        Assert.All(activities, a => Assert.Equal("YS-QG-01", a.UnitCode));
        Assert.Equal(0, otherBranch.Total);
    }

    [Fact]
    public async Task Pages_are_newest_first_with_totals_and_filters_applied_before_paging()
    {
        await SeedAsync();

        var first = await Resources.DeliveriesAsync(new DeliveryFilter(2026), new PageRequest(0, 10));
        var qigong = await Resources.DeliveriesAsync(new DeliveryFilter(2026, "YS-QG"), new PageRequest(2, 10));
        var lastYear = await Resources.DeliveriesAsync(new DeliveryFilter(2025), PageRequest.First);
        var named = await Training.StaffAsync(new StaffFilter("YS-QL", "员工 1"), PageRequest.First);
        var list = await Activities.ListAsync(new ActivityFilter(2026, Series: "读书"), new PageRequest(1, 10));

        Assert.Equal(50, first.Total);
        Assert.Equal([Day, Day, Day.AddDays(-1), Day.AddDays(-1)], first.Items.Take(4).Select(d => d.Date));
        Assert.Equal((25, 5, 21, 25), (qigong.Total, qigong.Items.Count, qigong.FirstRow, qigong.LastRow));
        Assert.All(qigong.Items, d => Assert.Equal("YS-QG-01", d.UnitCode));
        Assert.Equal(0, lastYear.Total);
        Assert.Equal(10, named.Total);
        Assert.All(named.Items, s => Assert.Contains("员工 1", s.Name));
        Assert.Equal((50, 500), (list.Page.Total, list.Participants));
        Assert.Equal(10, list.Page.Items.Count);
    }

    [Fact]
    public async Task The_calendar_holds_one_month_only()
    {
        await SeedAsync();
        await Activities.AddAsync("YS-QG-01", new ActivityDetails(new DateOnly(2026, 1, 20), "一月读书会", ActivityCategory.ParentChildReading, 10, null));

        var latest = await Activities.CalendarAsync(new ActivityFilter(2026));
        var january = await Activities.CalendarAsync(new ActivityFilter(2026, 1));

        Assert.Equal(2, latest.Month);
        Assert.All(latest.Activities, a => Assert.Equal(2, a.Details.Date.Month));
        Assert.Contains(january.Activities, a => a.Details.Title == "一月读书会");
        Assert.All(january.Activities, a => Assert.Equal(1, a.Details.Date.Month));
    }

    [Fact]
    public async Task Title_counts_cover_the_whole_scope_not_a_page()
    {
        await SeedAsync();
        var everyone = await TestPaging.AllPagesAsync(p => Training.StaffAsync(new StaffFilter(), p));

        var counts = await Training.TitleCountsAsync();

        Assert.Equal(everyone.Count(s => s.IsActive), counts.Values.Sum());
        Assert.Equal(everyone.Count(s => s.IsActive && s.Title == ProfessionalTitle.None), counts[ProfessionalTitle.None]);
    }
}
