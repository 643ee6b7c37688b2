using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Resources;

/// <summary>The demo checklist on the demo network, figures and resources (today 2026-03-02), and the resource totals.</summary>
public sealed class DemoChecklistTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public DemoChecklistTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private ProgrammeService Programme => network.Services.GetRequiredService<ProgrammeService>();

    [Fact]
    public async Task Qigong_meets_what_its_data_says_it_meets_and_misses_only_the_items_nobody_has_evidenced()
    {
        var rows = (await Programme.ChecklistAsync("YS-QG"))!.ToDictionary(r => r.Item);

        Assert.Equal(DemoResources.ChecklistItems.Select(i => i.Name), rows.Keys);
        Assert.Equal((true, new DateOnly(2020, 7, 8)), (rows["统一标识牌"].Met, rows["统一标识牌"].MeasuredOn));
        // 40 h a week and 35 seats (profile), 4 computers, 3,000 volumes + 300 + 300 delivered in 2025 + 120 so far in 2026,
        // January 2026 reported on time (February is not due before 5 March).
        Assert.Equal((true, 40m), (rows["每周开放不少于 30 小时"].Met, rows["每周开放不少于 30 小时"].Measured));
        Assert.Equal((true, 35m), (rows["阅览座位不少于 20 个"].Met, rows["阅览座位不少于 20 个"].Measured));
        Assert.Equal((true, 4m), (rows["公共电脑不少于 2 台"].Met, rows["公共电脑不少于 2 台"].Measured));
        Assert.Equal((true, 3720m), (rows["藏书不少于 1,500 册"].Met, rows["藏书不少于 1,500 册"].Measured));
        Assert.Equal((true, 100m), (rows["按时报送月报不少于 90%"].Met, rows["按时报送月报不少于 90%"].Measured));
        Assert.All(rows.Values.Where(r => !r.IsMeasured), r => Assert.False(r.Met));
        Assert.Equal(2, rows.Values.Count(r => !r.IsMeasured));
    }

    [Fact]
    public async Task The_network_shows_a_real_mix_of_met_and_missed()
    {
        var all = await Programme.ChecklistsAsync(2026);

        var met = DemoResources.ChecklistItems.ToDictionary(i => i.Name, i => all.Values.Count(rows => rows.Single(r => r.Item == i.Name).Met));
        Assert.Equal(52, all.Count);
        // Every unit is plaqued; branches open 40 h, service points 24, 27 or 30; only branches have 20 seats; branches and
        // each township's third service point have 2 computers; only the first service points lack 1,500 volumes;
        // 阳城镇 and its service points reported January late.
        Assert.Equal([52, 26, 13, 26, 39, 48, 0, 0], met.Values);
        Assert.Equal((false, 1300m), all["YS-QG-01"].Where(r => r.Rule == StandardRule.Volumes).Select(r => (r.Met, r.Measured)).Single());
        Assert.Equal((false, 0m), all["YS-YC"].Where(r => r.Rule == StandardRule.ReportsOnTime).Select(r => (r.Met, r.Measured)).Single());
    }

    [Fact]
    public async Task Resource_totals_take_seats_and_floor_area_from_the_profiles_and_refuse_them_as_resource_items()
    {
        var totals = await network.Services.GetRequiredService<ResourcesService>().TotalsAsync();
        await using var db = network.Database.CreateDbContext();
        var profiles = await db.Units.Select(u => new { u.Code, u.Seats, u.FloorArea }).ToListAsync();

        Assert.Equal(53, totals.Count);
        Assert.Equal(profiles.Sum(p => p.Seats), totals.Sum(t => t.Seats));
        Assert.Equal(profiles.Sum(p => p.FloorArea), totals.Sum(t => t.FloorArea));
        Assert.True(totals.Sum(t => t.Seats) > 0 && totals.Sum(t => t.FloorArea) > 0);
        Assert.Equal(35, totals.Single(t => t.UnitCode == "YS-QG").Seats);
        var resources = network.Services.GetRequiredService<ResourcesService>();
        foreach (var category in new[] { ResourceCategory.Seats, ResourceCategory.Area })
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => resources.AddItemAsync("YS-QG", new ResourceDetails(category, "座位", 10, "个")));
            Assert.Equal(ErrorCodes.ResourceKeptInProfile, refused.Code);
        }
    }
}
