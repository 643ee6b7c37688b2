using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Training;

/// <summary>Sessions are voided with a reason (their hours leave every total); a withdrawn attendee is restored as they were.</summary>
public sealed class SessionCorrectionTests : IDisposable
{
    private static readonly SessionDetails Workshop = new("分馆业务培训", "阳山县图书馆", new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), 6, false, "多功能厅");
    private readonly TestNetwork network = new();

    private TrainingService Training => network.Services.GetRequiredService<TrainingService>();

    public void Dispose() => network.Dispose();

    private async Task<int> VersionAsync(int id) => (await Training.SessionAsync(id))!.Version;

    private async Task<(int Session, int Staff)> AttendedSessionAsync(decimal hours)
    {
        var staff = await Training.AddStaffAsync("YS-QG-01", new StaffProfile("周丽", "服务点管理员", ProfessionalTitle.None, null));
        var id = await Training.CreateSessionAsync(Workshop);
        await Training.EnrolAsync(id, await VersionAsync(id), [staff]);
        await Training.MarkAttendanceAsync(id, await VersionAsync(id), staff, true, hours);
        return (id, staff);
    }

    [Fact]
    public async Task A_voided_session_leaves_the_hours_and_the_list_but_is_shown_when_asked_and_in_the_trail()
    {
        var (id, _) = await AttendedSessionAsync(4.5m);
        Assert.Equal(4.5m, (await Training.HoursAsync(2026)).Total);

        await Training.VoidSessionAsync(id, await VersionAsync(id), "重复录入");

        Assert.Equal(0m, (await Training.HoursAsync(2026)).Total);
        Assert.Empty(await Training.SessionsAsync(2026));
        var shown = (await Training.SessionsAsync(2026, includeVoided: true)).Single();
        Assert.Equal("重复录入", shown.Void!.Reason);
        Assert.Equal("重复录入", (await Training.SessionAsync(id))!.Void!.Reason);
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Training), new PageRequest(0, 20));
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Voided && e.Changes.Any(c => c is { Field: "VoidReason", New: "重复录入" }));
    }

    [Fact]
    public async Task A_void_without_a_reason_by_a_branch_worker_or_when_stale_is_refused_and_a_voided_session_takes_no_attendance()
    {
        var (id, staff) = await AttendedSessionAsync(6);
        var version = await VersionAsync(id);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => Training.VoidSessionAsync(id, version, ""));
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Training.VoidSessionAsync(id, version - 1, "过期"));
        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Training.VoidSessionAsync(id, version, "分馆无权"));
        network.ActAs(Roles.HeadLibraryStaff);
        await Training.VoidSessionAsync(id, version, "取消");
        var marked = await Assert.ThrowsAsync<DomainException>(async () => await Training.WithdrawAsync(id, await VersionAsync(id), staff));

        Assert.Equal((ErrorCodes.Required, "VoidReason"), (noReason.Code, noReason.Field));
        Assert.Equal(ErrorCodes.UnitChangedMeanwhile, stale.Code);
        Assert.Equal(ErrorCodes.AlreadyVoided, marked.Code);
    }

    [Fact]
    public async Task A_withdrawn_attendee_is_restored_with_their_attendance_and_credited_hours()
    {
        var (id, staff) = await AttendedSessionAsync(4.5m);
        var before = (await Training.SessionAsync(id))!.Attendees.Single();
        await Training.WithdrawAsync(id, await VersionAsync(id), staff);
        Assert.Empty((await Training.SessionAsync(id))!.Attendees);
        Assert.Equal(0m, (await Training.HoursAsync(2026)).Total);

        await Training.RestoreAttendeeAsync(id, await VersionAsync(id), staff, before.Attended, before.CreditedHours);

        Assert.Equal(before, (await Training.SessionAsync(id))!.Attendees.Single());
        Assert.Equal(4.5m, (await Training.HoursAsync(2026)).Total);
    }

    [Fact]
    public async Task A_branch_worker_restores_only_their_own_staff()
    {
        var other = await Training.AddStaffAsync("YS-QL-01", new StaffProfile("林芳", null, ProfessionalTitle.None, null));
        var id = await Training.CreateSessionAsync(Workshop);
        network.ActAsBranchWorker("YS-QG");

        var refused = await Assert.ThrowsAsync<DomainException>(async () => await Training.RestoreAttendeeAsync(id, await VersionAsync(id), other, false, 0));

        Assert.Equal(ErrorCodes.StaffNotFound, refused.Code);
    }
}
