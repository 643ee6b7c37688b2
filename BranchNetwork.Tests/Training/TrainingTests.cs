using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Training;

/// <summary>Staff, sessions, attendance and learning hours (demo data of 2020 included).</summary>
public sealed class TrainingTests : IDisposable
{
    private static readonly SessionDetails Workshop = new("分馆业务培训", "阳山县图书馆", new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), 6, false, "多功能厅");
    private readonly TestNetwork network = new();

    public TrainingTests()
    {
        using var scope = network.Services.CreateScope();
        network.User.Actor = Actor.System;
        scope.ServiceProvider.GetRequiredService<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    private TrainingService Training => network.Services.GetRequiredService<TrainingService>();

    public void Dispose() => network.Dispose();

    private async Task<int> StaffIdAsync(string unitCode) => (await Training.StaffAsync(unitCode)).First().Id;

    private async Task<int> VersionAsync(int id) => (await Training.SessionAsync(id))!.Version;

    private async Task<(int Id, int Version)> NewSessionAsync(SessionDetails? details = null)
    {
        var id = await Training.CreateSessionAsync(details ?? Workshop);
        return (id, (await Training.SessionAsync(id))!.Version);
    }

    [Fact]
    public async Task The_demo_year_2020_holds_800_plus_hours_three_network_trainings_and_the_titles()
    {
        var hours = await Training.HoursAsync(2020);
        var sessions = await Training.SessionsAsync(2020);

        Assert.True(hours.Total >= 800, $"{hours.Total} hours");
        Assert.Equal(3, sessions.Count(s => s.Title.StartsWith("总分馆制建设业务培训班", StringComparison.Ordinal)));
        Assert.Equal(4, hours.Titles[ProfessionalTitle.Junior]);
        Assert.Equal(1, hours.Titles[ProfessionalTitle.Intermediate]);
    }

    [Fact]
    public async Task Attendance_credits_hours_to_the_person_their_unit_and_the_total()
    {
        var (id, version) = await NewSessionAsync();
        var huogang = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [huogang]);
        var before = await Training.HoursAsync(2026);

        await Training.MarkAttendanceAsync(id, version + 1, huogang, attended: true, creditedHours: 4.5m);

        var after = await Training.HoursAsync(2026);
        Assert.Equal(4.5m, after.People.Single(p => p.StaffMemberId == huogang).Hours);
        Assert.Equal(before.Total + 4.5m, after.Total);
        Assert.Equal(4.5m, after.Units.Single(u => u.UnitCode == "YS-QG-01").Hours);
    }

    [Fact]
    public async Task Attending_without_hours_credits_the_whole_session_and_absence_credits_none()
    {
        var (id, version) = await NewSessionAsync();
        var a = await StaffIdAsync("YS-QG-01");
        var b = await StaffIdAsync("YS-QG-02");
        await Training.EnrolAsync(id, version, [a, b]);
        await Training.MarkAttendanceAsync(id, await VersionAsync(id), a, true, null);
        await Training.MarkAttendanceAsync(id, await VersionAsync(id), b, false, null);

        var attendees = (await Training.SessionAsync(id))!.Attendees;
        Assert.Equal(6, attendees.Single(x => x.StaffMemberId == a).CreditedHours);
        Assert.Equal(0, attendees.Single(x => x.StaffMemberId == b).CreditedHours);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public async Task More_hours_than_the_session_lasted_or_negative_are_refused(double hours)
    {
        var (id, version) = await NewSessionAsync();
        var a = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [a]);

        var error = await Assert.ThrowsAsync<DomainException>(() => Training.MarkAttendanceAsync(id, version + 1, a, true, (decimal)hours));

        Assert.Equal(ErrorCodes.TrainingCreditOutOfRange, error.Code);
    }

    [Fact]
    public async Task An_end_before_the_start_and_absurd_hours_are_refused()
    {
        var backwards = await Assert.ThrowsAsync<DomainException>(() => Training.CreateSessionAsync(Workshop with { EndsOn = Workshop.StartsOn.AddDays(-1) }));
        var absurd = await Assert.ThrowsAsync<DomainException>(() => Training.CreateSessionAsync(Workshop with { Hours = 30 }));
        var zero = await Assert.ThrowsAsync<DomainException>(() => Training.CreateSessionAsync(Workshop with { Hours = 0 }));
        var longTitle = await Assert.ThrowsAsync<DomainException>(() => Training.CreateSessionAsync(Workshop with { Title = new string('训', 101) }));

        Assert.Equal(ErrorCodes.TrainingEndsBeforeStart, backwards.Code);
        Assert.Equal(ErrorCodes.TrainingHoursOutOfRange, absurd.Code);
        Assert.Equal(ErrorCodes.TrainingHoursOutOfRange, zero.Code);
        Assert.Equal(ErrorCodes.TooLong, longTitle.Code);
    }

    [Fact]
    public async Task The_same_person_twice_is_refused()
    {
        var (id, version) = await NewSessionAsync();
        var a = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [a]);

        var error = await Assert.ThrowsAsync<DomainException>(() => Training.EnrolAsync(id, version + 1, [a]));

        Assert.Equal(ErrorCodes.TrainingDuplicateAttendee, error.Code);
    }

    [Fact]
    public async Task Attendance_of_a_session_that_has_not_happened_is_refused()
    {
        var (id, version) = await NewSessionAsync(Workshop with { StartsOn = new DateOnly(2026, 4, 1), EndsOn = new DateOnly(2026, 4, 1) });
        var a = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [a]);

        var error = await Assert.ThrowsAsync<DomainException>(() => Training.MarkAttendanceAsync(id, version + 1, a, true, null));

        Assert.Equal(ErrorCodes.TrainingNotHeldYet, error.Code);
    }

    [Fact]
    public async Task A_branch_worker_enrols_only_their_own_staff_and_sees_only_them()
    {
        var (id, version) = await NewSessionAsync();
        var other = await StaffIdAsync("YS-QL-01");
        var own = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [other]);
        network.ActAsBranchWorker("YS-QG");

        var refused = await Assert.ThrowsAsync<DomainException>(() => Training.EnrolAsync(id, version + 1, [own, other]));
        await Training.EnrolAsync(id, version + 1, [own]);

        Assert.Equal(ErrorCodes.StaffNotFound, refused.Code);
        Assert.Equal([own], (await Training.SessionAsync(id))!.Attendees.Select(a => a.StaffMemberId));
        Assert.All(await Training.StaffAsync(), s => Assert.StartsWith("YS-QG", s.UnitCode));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Training.CreateSessionAsync(Workshop));
    }

    [Fact]
    public async Task Staff_are_added_with_their_title_and_bad_input_is_refused()
    {
        var id = await Training.AddStaffAsync("YS-QG", new StaffProfile("黄文杰", "分馆馆员", ProfessionalTitle.Junior, "0763-6711207"));

        Assert.Equal(ProfessionalTitle.Junior, (await Training.StaffAsync("YS-QG")).Single(s => s.Id == id).Title);
        Assert.Equal(ErrorCodes.TooLong, (await Assert.ThrowsAsync<DomainException>(() =>
            Training.AddStaffAsync("YS-QG", new StaffProfile(new string('名', 51), null, ProfessionalTitle.None, null)))).Code);
        Assert.Equal(ErrorCodes.InvalidPhone, (await Assert.ThrowsAsync<DomainException>(() =>
            Training.AddStaffAsync("YS-QG", new StaffProfile("x", null, ProfessionalTitle.None, "=1+1")))).Code);
        network.ActAsBranchWorker("YS-QG");
        Assert.Equal(ErrorCodes.UnitNotFound, (await Assert.ThrowsAsync<DomainException>(() =>
            Training.AddStaffAsync("YS-QL", new StaffProfile("x", null, ProfessionalTitle.None, null)))).Code);
    }

    [Fact]
    public async Task Attendance_lands_in_the_audit_trail()
    {
        var (id, version) = await NewSessionAsync();
        var a = await StaffIdAsync("YS-QG-01");
        await Training.EnrolAsync(id, version, [a]);
        await Training.MarkAttendanceAsync(id, version + 1, a, true, 5);

        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Training, EntityKey: "分馆业务培训"), new PageRequest(0, 20));

        Assert.Contains(trail.Items, e => e.Action == AuditActions.Created);
        Assert.Contains(trail.Items, e => e.Changes.Any(c => c.New == "✓ 5"));
    }

    [Fact]
    public async Task A_branch_worker_counts_only_their_own_staff_on_a_network_session()
    {
        var (id, version) = await NewSessionAsync();
        var qigong = await StaffIdAsync("YS-QG-01");
        var qinglian = await StaffIdAsync("YS-QL-01");
        await Training.EnrolAsync(id, version, [qigong, qinglian]);
        await Training.MarkAttendanceAsync(id, await VersionAsync(id), qinglian, true, null);

        network.ActAsBranchWorker("YS-QG");
        var seen = (await Training.SessionsAsync(2026)).Single(s => s.Id == id);

        Assert.Equal((1, 0, 0m), (seen.Enrolled, seen.Attended, seen.CreditedHours));
        Assert.Equal([qigong], (await Training.SessionAsync(id))!.Attendees.Select(a => a.StaffMemberId));
    }

    [Fact]
    public async Task A_staff_name_or_session_text_the_report_font_cannot_print_is_refused_naming_the_character()
    {
        var added = await Assert.ThrowsAsync<DomainException>(() =>
            Training.AddStaffAsync("YS-QG", new StaffProfile("张😀", null, ProfessionalTitle.None, null)));
        var staff = (await Training.StaffAsync("YS-QG")).First();
        var edited = await Assert.ThrowsAsync<DomainException>(() =>
            Training.UpdateStaffAsync(staff.Id, staff.Version, new StaffProfile(staff.Name, "馆员🎉", staff.Title, staff.Phone)));
        var session = await Assert.ThrowsAsync<DomainException>(() => Training.CreateSessionAsync(Workshop with { Place = "多功能厅🏫" }));

        Assert.Equal((ErrorCodes.Unprintable, nameof(StaffProfile.Name)), (added.Code, added.Field));
        Assert.Equal(["张😀", "😀"], added.Args);
        Assert.Equal((ErrorCodes.Unprintable, nameof(StaffProfile.Position), "🎉"), (edited.Code, edited.Field, edited.Args[1]));
        Assert.Equal((ErrorCodes.Unprintable, nameof(SessionDetails.Place), "🏫"), (session.Code, session.Field, session.Args[1]));
        Assert.DoesNotContain(await Training.StaffAsync("YS-QG"), s => s.Name.Contains('张') && s.Name.EndsWith("😀", StringComparison.Ordinal));
    }
}
