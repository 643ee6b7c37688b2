using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Activities;

public sealed class ActivityTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public ActivityTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<DemoActivities>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    private ActivityService Activities => network.Services.GetRequiredService<ActivityService>();

    public void Dispose() => network.Dispose();

    private static ActivityDetails Reading(DateOnly date) => new(date, "亲子阅读会", ActivityCategory.ParentChildReading, 30, "共享阅读-相约阳图");

    [Fact]
    public async Task The_2020_log_holds_16_picture_book_and_15_craft_sessions_and_two_lectures()
    {
        var totals = await Activities.SeriesTotalsAsync(2020);

        Assert.Equal(16, totals.Single(t => t.Series == DemoActivities.PictureBooks).Count);
        Assert.Equal(15, totals.Single(t => t.Series == DemoActivities.Crafts).Count);
        Assert.Equal(2, totals.Single(t => t.Series == DemoActivities.HanYu).Count);
        var outreach = (await Activities.ListAsync(new ActivityFilter(2020, 8, Category: ActivityCategory.Outreach), TestPaging.AllOfIt)).Page.Items;
        Assert.Equal(["YS-QG-01", "YS-QG-02"], outreach.Select(a => a.UnitCode).Order());
    }

    [Fact]
    public async Task Filters_combine_by_month_unit_series_and_category()
    {
        var july = (await Activities.ListAsync(new ActivityFilter(2020, 7), TestPaging.AllOfIt)).Page.Items;
        var crafts = (await Activities.ListAsync(new ActivityFilter(2020, Series: DemoActivities.Crafts), TestPaging.AllOfIt)).Page.Items;

        Assert.Contains(july, a => a.Details.Title == "21天阅读大挑战");
        Assert.All(crafts, a => Assert.Equal(ActivityCategory.Craft, a.Details.Category));
    }

    [Fact]
    public async Task The_monthly_figures_offer_the_programmes_and_attendance_of_the_log()
    {
        var month = new Period(2026, 2);
        await Activities.AddAsync("YS-QG-03", Reading(new DateOnly(2026, 2, 7)));
        await Activities.AddAsync("YS-QG-03", Reading(new DateOnly(2026, 2, 21)) with { Participants = 12 });

        var unit = (await network.Figures.EntryAsync("YS-QG", month))!.Units.Single(u => u.UnitCode == "YS-QG-03");

        Assert.Equal(new ActivityMonth(2, 42), unit.Activities);
    }

    [Fact]
    public async Task An_activity_in_the_future_or_before_the_unit_opened_is_refused()
    {
        var future = await Assert.ThrowsAsync<DomainException>(() => Activities.AddAsync("YS-QG-01", Reading(new DateOnly(2026, 3, 9))));
        var early = await Assert.ThrowsAsync<DomainException>(() => Activities.AddAsync("YS-TP-01", Reading(new DateOnly(2019, 6, 1))));
        var crowd = await Assert.ThrowsAsync<DomainException>(() => Activities.AddAsync("YS-QG-01", Reading(new DateOnly(2026, 2, 1)) with { Participants = -2 }));
        var longTitle = await Assert.ThrowsAsync<DomainException>(() =>
            Activities.AddAsync("YS-QG-01", Reading(new DateOnly(2026, 2, 1)) with { Title = new string('活', 101) }));

        Assert.Equal(ErrorCodes.ActivityInFuture, future.Code);
        Assert.Equal(ErrorCodes.ActivityBeforeOpening, early.Code);
        Assert.Equal(ErrorCodes.ActivityParticipantsOutOfRange, crowd.Code);
        Assert.Equal(ErrorCodes.TooLong, longTitle.Code);
    }

    [Fact]
    public async Task A_branch_worker_logs_only_their_units_and_sees_only_theirs()
    {
        network.ActAsBranchWorker("YS-QG");

        var refused = await Assert.ThrowsAsync<DomainException>(() => Activities.AddAsync("YS-QL-01", Reading(new DateOnly(2026, 2, 1))));
        await Activities.AddAsync("YS-QG-02", Reading(new DateOnly(2026, 2, 1)));

        Assert.Equal(ErrorCodes.UnitNotFound, refused.Code);
        var all = await TestPaging.AllPagesAsync(async p => (await Activities.ListAsync(new ActivityFilter(2020), p)).Page);
        Assert.NotEmpty(all);
        Assert.All(all, a => Assert.StartsWith("YS-QG", a.UnitCode));
    }

    [Fact]
    public async Task A_character_the_report_font_cannot_print_is_refused_on_adding_and_editing_naming_it()
    {
        var added = await Assert.ThrowsAsync<DomainException>(() =>
            Activities.AddAsync("YS-QG-01", Reading(new DateOnly(2026, 2, 1)) with { Series = "绘本😀" }));
        var id = await Activities.AddAsync("YS-QG-01", Reading(new DateOnly(2026, 2, 1)));
        var activity = (await Activities.YearAsync(new ActivityFilter(2026, UnitCode: "YS-QG-01"))).Single(a => a.Id == id);
        var edited = await Assert.ThrowsAsync<DomainException>(() =>
            Activities.UpdateAsync(id, activity.Version, activity.Details with { Title = "亲子阅读会❤️" }));

        Assert.Equal((ErrorCodes.Unprintable, nameof(ActivityDetails.Series)), (added.Code, added.Field));
        Assert.Equal(["绘本😀", "😀"], added.Args);
        Assert.Equal((ErrorCodes.Unprintable, nameof(ActivityDetails.Title), "❤️"), (edited.Code, edited.Field, edited.Args[1]));
        Assert.Equal(DemoActivities.PictureBooks, (await Activities.YearAsync(new ActivityFilter(2026, UnitCode: "YS-QG-01"))).Single(a => a.Id == id).Details.Series);
    }
}
