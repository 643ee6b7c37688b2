using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Network;

/// <summary>What each role may read and change on the roster, enforced by the service itself.</summary>
public sealed class ScopeTests : IDisposable
{
    private readonly TestNetwork network = new();

    private NetworkService Service => network.Service;

    public void Dispose() => network.Dispose();

    [Fact]
    public async Task A_branch_worker_sees_only_their_branch_and_its_service_points()
    {
        network.ActAsBranchWorker("YS-QG");

        var units = await Service.ListAsync();

        Assert.Equal(["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"], units.Select(u => u.Code));
        Assert.Equal(new NetworkCounts(0, 1, 3), await Service.CountAsync());
    }

    [Theory]
    [InlineData("YS-QL")]
    [InlineData("YS-QL-01")]
    [InlineData("YS")]
    public async Task Another_branch_looks_like_it_does_not_exist_to_a_branch_worker(string code)
    {
        network.ActAsBranchWorker("YS-QG");

        Assert.Null(await Service.GetAsync(code));
        Assert.Empty(await network.Audit.ForUnitAsync(code));
    }

    [Fact]
    public async Task A_branch_worker_edits_contact_and_hours_of_their_own_service_point()
    {
        var unit = (await Service.GetAsync("YS-QG-02"))!;
        network.ActAsBranchWorker("YS-QG");

        await Service.UpdateProfileAsync("YS-QG-02", unit.Version, unit.Profile with
        {
            ContactPerson = "谢秀英", Phone = "0763-6600222", OpeningHoursPerWeek = 36,
        });

        var saved = (await Service.GetAsync("YS-QG-02"))!.Profile;
        Assert.Equal(("谢秀英", "0763-6600222", 36m), (saved.ContactPerson, saved.Phone, saved.OpeningHoursPerWeek!.Value));
    }

    [Fact]
    public async Task A_branch_worker_may_not_rename_a_unit()
    {
        var unit = (await Service.GetAsync("YS-QG-02"))!;
        network.ActAsBranchWorker("YS-QG");

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.UpdateProfileAsync("YS-QG-02", unit.Version, unit.Profile with { Name = "改名服务点" }));

        Assert.Equal(ErrorCodes.BranchWorkerFieldsOnly, error.Code);
        network.User.Actor = TestCurrentUser.Administrator;
        Assert.Equal("三所村服务点", (await Service.GetAsync("YS-QG-02"))!.Profile.Name);
    }

    [Fact]
    public async Task A_branch_worker_cannot_change_another_branch_by_code()
    {
        var other = (await Service.GetAsync("YS-QL-01"))!;
        network.ActAsBranchWorker("YS-QG");

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.UpdateProfileAsync("YS-QL-01", other.Version, other.Profile with { Phone = "0763-6000000" }));

        Assert.Equal(ErrorCodes.UnitNotFound, error.Code);
    }

    [Fact]
    public async Task A_branch_worker_cannot_create_close_or_plaque()
    {
        var unit = (await Service.GetAsync("YS-QG-01"))!;
        network.ActAsBranchWorker("YS-QG");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("新服务点"))));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.ChangeStatusAsync("YS-QG-01", unit.Version, UnitStatus.Suspended, "装修"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.MarkPlaquedAsync("YS-QG-01", unit.Version, new DateOnly(2021, 1, 1), null));
    }

    [Fact]
    public async Task An_observer_reads_everything_and_changes_nothing()
    {
        var unit = (await Service.GetAsync("YS-QG-01"))!;
        network.ActAs(Roles.Observer);

        Assert.Equal(53, (await Service.ListAsync()).Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.UpdateProfileAsync("YS-QG-01", unit.Version, unit.Profile with { Phone = "0763-6000000" }));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("新服务点"))));
    }

    [Fact]
    public async Task Head_library_staff_change_everything_but_user_administration()
    {
        network.ActAs(Roles.HeadLibraryStaff);

        var code = await Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("上坪村服务点")));

        Assert.Equal("YS-QG-04", code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => network.UserAdmin.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => network.Audit.SearchAsync(new(), new PageRequest(0, 10)));
    }

    [Fact]
    public async Task Someone_without_a_role_reads_nothing()
    {
        network.User.Actor = Actor.Anonymous;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync("YS"));
    }

    [Fact]
    public async Task A_branch_worker_without_a_branch_reads_nothing()
    {
        network.User.Actor = new Actor("w", "w", Roles.BranchWorker, BranchId: null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAsync());
    }
}
