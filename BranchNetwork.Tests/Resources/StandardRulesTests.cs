using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Resources;

/// <summary>
/// Checklist items measured from the data: each rule with one unit just below, one exactly on and one just above its
/// line (YS-QG-01, -02 and -03, for 2025), the validation of the rules, and the network-wide read in scope.
/// </summary>
public sealed class StandardRulesTests : IDisposable
{
    private const int Year = 2025;
    private static readonly string[] Units = ["YS-QG-01", "YS-QG-02", "YS-QG-03"];

    private readonly TestNetwork network = new();

    public void Dispose() => network.Dispose();

    private ProgrammeService Programme => network.Services.GetRequiredService<ProgrammeService>();

    private ResourcesService Resources => network.Services.GetRequiredService<ResourcesService>();

    private TrainingService Training => network.Services.GetRequiredService<TrainingService>();

    /// <summary>Adds one measured item and reads the three units' rows of it for <see cref="Year"/>.</summary>
    private async Task<ChecklistRow[]> MeasureAsync(StandardRule rule, decimal? threshold, int year = Year)
    {
        var id = await Programme.AddItemAsync($"规则 {rule}", rule, threshold);
        var all = await Programme.ChecklistsAsync(year);
        return Units.Select(code => all[code].Single(r => r.ItemId == id)).ToArray();
    }

    private static void Verdicts(ChecklistRow[] rows, params (bool Met, decimal? Measured)[] expected)
    {
        Assert.All(rows, r => Assert.True(r.IsMeasured));
        Assert.Equal(expected, rows.Select(r => (r.Met, r.Measured)).ToArray());
    }

    /// <summary>Changes a unit (its entity methods, so its invariants hold) and saves, with the audit trail.</summary>
    private async Task ChangeAsync(string code, Action<Unit> change)
    {
        await using var db = network.Database.CreateDbContext();
        change(await db.Units.SingleAsync(u => u.Code == code));
        await db.SaveChangesAsync();
    }

    private Task Profile(string code, Func<UnitProfile, UnitProfile> change) =>
        ChangeAsync(code, u => u.UpdateProfile(change(DemoNetwork.Units().Single(d => d.Code == code).Profile)));

    [Fact]
    public async Task Plaqued_is_met_by_a_plaque_recorded_by_the_end_of_the_year_and_shows_its_date()
    {
        await ChangeAsync("YS-QG-01", u => u.MarkPlaqued(new DateOnly(Year + 1, 1, 1), null, network.Clock.Today));
        await ChangeAsync("YS-QG-02", u => u.MarkPlaqued(new DateOnly(Year, 12, 31), null, network.Clock.Today));

        var rows = await MeasureAsync(StandardRule.Plaqued, null);

        Assert.Equal([false, true, true], rows.Select(r => r.Met));
        Assert.Equal([null, new DateOnly(Year, 12, 31), new DateOnly(2020, 7, 11)], rows.Select(r => r.MeasuredOn));
        Assert.True((await MeasureAsync(StandardRule.Plaqued, null, Year + 1))[0].Met);
    }

    [Fact]
    public async Task Weekly_opening_hours_are_read_from_the_profile()
    {
        await Profile("YS-QG-01", p => p with { OpeningHoursPerWeek = 29.5m });
        await Profile("YS-QG-02", p => p with { OpeningHoursPerWeek = 30 });
        await Profile("YS-QG-03", p => p with { OpeningHoursPerWeek = 30.5m });

        Verdicts(await MeasureAsync(StandardRule.WeeklyOpeningHours, 30), (false, 29.5m), (true, 30m), (true, 30.5m));
    }

    [Fact]
    public async Task Seats_are_read_from_the_profile_and_a_profile_without_them_is_not_met()
    {
        await Profile("YS-QG-01", p => p with { Seats = 19 });
        await Profile("YS-QG-02", p => p with { Seats = 20 });
        await Profile("YS-QG-03", p => p with { Seats = 21 });

        Verdicts(await MeasureAsync(StandardRule.Seats, 20), (false, 19m), (true, 20m), (true, 21m));

        await Profile("YS-QG-03", p => p with { Seats = null });
        Verdicts(await MeasureAsync(StandardRule.Seats, 0.5m), (true, 19m), (true, 20m), (false, null));
    }

    [Fact]
    public async Task Floor_area_is_read_from_the_profile()
    {
        await Profile("YS-QG-01", p => p with { FloorArea = 49.99m });
        await Profile("YS-QG-02", p => p with { FloorArea = 50 });
        await Profile("YS-QG-03", p => p with { FloorArea = 50.01m });

        Verdicts(await MeasureAsync(StandardRule.FloorArea, 50), (false, 49.99m), (true, 50m), (true, 50.01m));
    }

    [Fact]
    public async Task Public_computers_are_the_computer_items_held_by_the_end_of_the_year()
    {
        var acquired = new DateOnly(Year, 4, 1);
        for (var i = 0; i < Units.Length; i++)
        {
            await Resources.AddItemAsync(Units[i], new ResourceDetails(ResourceCategory.Computers, "电子阅览电脑", i + 1, "台", acquired));
        }

        // Neither an equipment item called a computer nor a computer bought the next year counts.
        await Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Equipment, "办公电脑", 5, "台", acquired));
        await Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "电子阅览电脑", 1, "台", new DateOnly(Year + 1, 1, 10)));

        Verdicts(await MeasureAsync(StandardRule.PublicComputers, 2), (false, 1m), (true, 2m), (true, 3m));
        Assert.Equal((true, 2m), (await MeasureAsync(StandardRule.PublicComputers, 2, Year + 1)).Select(r => (r.Met, r.Measured)).First());
    }

    [Fact]
    public async Task Volumes_are_the_collection_plus_the_volumes_delivered_by_the_end_of_the_year()
    {
        for (var i = 0; i < Units.Length; i++)
        {
            await Resources.AddItemAsync(Units[i], new ResourceDetails(ResourceCategory.Collection, "基本藏书", 1000, "册"));
            await Resources.AddDeliveryAsync(Units[i], new DateOnly(Year, 9, 15), 499 + i, 200, null);
        }

        await Resources.AddDeliveryAsync("YS-QG-01", new DateOnly(Year + 1, 1, 5), 100, 50, null);

        Verdicts(await MeasureAsync(StandardRule.Volumes, 1500), (false, 1499m), (true, 1500m), (true, 1501m));
        Assert.Equal(1599m, (await MeasureAsync(StandardRule.Volumes, 1500, Year + 1))[0].Measured);
    }

    [Fact]
    public async Task Staff_learning_hours_sum_the_hours_credited_to_the_unit_s_staff_in_the_year()
    {
        var staff = new List<(int Id, decimal Hours)>();
        foreach (var (code, hours) in new[] { ("YS-QG-01", 9.5m), ("YS-QG-02", 10m), ("YS-QG-03", 6m), ("YS-QG-03", 4.5m) })
        {
            staff.Add((await Training.AddStaffAsync(code, new StaffProfile($"{code} 员工 {staff.Count}", null, ProfessionalTitle.None, null)), hours));
        }

        await CreditAsync(new DateOnly(Year, 6, 1), staff);
        // A session of the year before and one missed do not count.
        await CreditAsync(new DateOnly(Year - 1, 6, 1), [(staff[0].Id, 12m)]);
        var missed = await SessionAsync(new DateOnly(Year, 9, 1), [staff[0].Id]);
        await Training.MarkAttendanceAsync(missed, (await Training.SessionAsync(missed))!.Version, staff[0].Id, false, null);

        Verdicts(await MeasureAsync(StandardRule.StaffLearningHours, 10), (false, 9.5m), (true, 10m), (true, 10.5m));
    }

    private async Task<int> SessionAsync(DateOnly day, IReadOnlyList<int> staffIds)
    {
        var id = await Training.CreateSessionAsync(new SessionDetails($"总分馆业务培训 {day}", "阳山县图书馆", day, day, 12, false));
        await Training.EnrolAsync(id, (await Training.SessionAsync(id))!.Version, staffIds);
        return id;
    }

    private async Task CreditAsync(DateOnly day, IReadOnlyList<(int Id, decimal Hours)> staff)
    {
        var id = await SessionAsync(day, staff.Select(s => s.Id).ToList());
        foreach (var (staffId, hours) in staff)
        {
            await Training.MarkAttendanceAsync(id, (await Training.SessionAsync(id))!.Version, staffId, true, hours);
        }
    }

    [Fact]
    public async Task Reports_on_time_count_the_due_months_submitted_by_their_due_day_in_county_time()
    {
        // 8, 9 and 10 of 12 months on time (66.7 %, 75 %, 83.3 %); the others submitted half an hour after the due day.
        await SubmitAsync("YS-QG-01", Enumerable.Range(1, 12), onTime: m => m <= 8);
        await SubmitAsync("YS-QG-02", Enumerable.Range(1, 12), onTime: m => m <= 9);
        await SubmitAsync("YS-QG-03", Enumerable.Range(1, 10), onTime: _ => true);

        Verdicts(await MeasureAsync(StandardRule.ReportsOnTime, 75), (false, 66.7m), (true, 75m), (true, 83.3m));
    }

    [Fact]
    public async Task Only_months_when_a_unit_was_open_and_whose_due_day_has_passed_are_due()
    {
        // Opened in July: six months due in 2025, five on time. In 2026 (today 2026-03-02) only January is due.
        await Profile("YS-QG-01", p => p with { OpenedOn = new DateOnly(Year, 7, 1) });
        await SubmitAsync("YS-QG-01", Enumerable.Range(7, 6), onTime: m => m != 12);
        await ChangeAsync("YS-QG-02", u => u.ChangeStatus(UnitStatus.Suspended, "维修", "test", network.Clock.UtcNow, 0));
        await ChangeAsync("YS-QG-03", u => u.ChangeStatus(UnitStatus.Closed, "撤并", "test", network.Clock.UtcNow, 0));

        await SubmitAsync("YS-QG-02", Enumerable.Range(1, 12), onTime: _ => true);
        Verdicts(await MeasureAsync(StandardRule.ReportsOnTime, 80), (true, 83.3m), (true, 100m), (false, null));

        await SubmitAsync("YS-QG-01", [1], onTime: _ => true, year: Year + 1);
        Assert.Equal((true, 100m), (await MeasureAsync(StandardRule.ReportsOnTime, 80, Year + 1)).Select(r => (r.Met, r.Measured)).First());
    }

    /// <summary>Lands approved reports submitted at 23:30 on the due day (on time) or at 00:30 the day after (late), county time.</summary>
    private async Task SubmitAsync(string code, IEnumerable<int> months, Func<int, bool> onTime, int year = Year)
    {
        var figures = network.Figures;
        await using var db = network.Database.CreateDbContext();
        var unitId = await db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
        var reports = months.Select(m =>
        {
            var period = new Period(year, m);
            var local = onTime(m) ? figures.DueOn(period).ToDateTime(new TimeOnly(23, 30)) : figures.DueOn(period).AddDays(1).ToDateTime(new TimeOnly(0, 30));
            var utc = TimeZoneInfo.ConvertTimeToUtc(local, network.Clock.Zone);
            return new BulkReport(unitId, period.Key, ReportState.Approved, utc, "测试", utc, "测试", null, []);
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await FiguresBulkWriter.InsertAsync(db, reports, default);
        await transaction.CommitAsync();
    }

    [Theory]
    [InlineData(StandardRule.Seats, null, ErrorCodes.StandardThresholdRequired)]
    [InlineData(StandardRule.Plaqued, 1.0, ErrorCodes.StandardThresholdNotApplicable)]
    [InlineData(StandardRule.None, 1.0, ErrorCodes.StandardThresholdNotApplicable)]
    [InlineData(StandardRule.Volumes, 0.0, ErrorCodes.StandardThresholdOutOfRange)]
    [InlineData(StandardRule.Volumes, -5.0, ErrorCodes.StandardThresholdOutOfRange)]
    [InlineData(StandardRule.FloorArea, 10.125, ErrorCodes.StandardThresholdOutOfRange)]
    [InlineData(StandardRule.ReportsOnTime, 100.5, ErrorCodes.StandardThresholdOutOfRange)]
    [InlineData((StandardRule)42, null, ErrorCodes.StandardRuleUnknown)]
    public void A_rule_needs_a_sensible_line_and_only_where_it_measures_something(StandardRule rule, double? threshold, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => StandardItem.Create("检查项", 10, rule, (decimal?)threshold)).Code);

    [Fact]
    public async Task Only_administrators_add_items_and_a_measured_item_cannot_be_ticked_but_keeps_its_evidence()
    {
        network.ActAs(Roles.HeadLibraryStaff);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Programme.AddItemAsync("公共电脑", StandardRule.PublicComputers, 2));
        network.User.Actor = TestCurrentUser.Administrator;
        var id = await Programme.AddItemAsync("统一标识牌", StandardRule.Plaqued);
        network.ActAs(Roles.HeadLibraryStaff);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Programme.SetAsync("YS-QG", id, 0, true, null, null));
        Assert.Equal(ErrorCodes.StandardMeasured, refused.Code);
        await Programme.SetAsync("YS-QG", id, 0, null, "2020 年统一制作", ResourcesTests.Png);

        var row = (await Programme.ChecklistAsync("YS-QG"))!.Single();
        Assert.Equal((true, new DateOnly(2020, 7, 8), "2020 年统一制作"), (row.Met, row.MeasuredOn, row.Note));
        Assert.NotNull(row.Photo);
        Assert.Equal(ErrorCodes.StandardMeasured, (await Assert.ThrowsAsync<DomainException>(() => Programme.SetAsync("YS-QG", id, row.Version, false, null, null))).Code);
    }

    [Fact]
    public async Task A_branch_worker_s_network_read_holds_only_their_branch_and_its_service_points()
    {
        await Programme.AddItemAsync("每周开放不少于 30 小时", StandardRule.WeeklyOpeningHours, 30);
        Assert.Equal(52, (await Programme.ChecklistsAsync(Year)).Count);

        network.ActAsBranchWorker("YS-QG");

        Assert.Equal(["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"], (await Programme.ChecklistsAsync(Year)).Keys.Order());
        Assert.Null(await Programme.ChecklistAsync("YS-LB"));
    }
}
