using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Figures;

/// <summary>Closures are corrected and voided, never deleted; a voided one closes no month and stays in the trail.</summary>
public sealed class ClosureCorrectionTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public ClosureCorrectionTests() => network.ActAs(Roles.HeadLibraryStaff);

    private ClosureService Closures => network.Services.GetRequiredService<ClosureService>();

    public void Dispose() => network.Dispose();

    private async Task<ClosureRecord> AddFebruaryAsync()
    {
        await Closures.AddAsync("YS-QG-01", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修");
        return (await Closures.ListAsync()).Single(c => c.UnitCode == "YS-QG-01");
    }

    private async Task<MonthClosure> FebruaryOfAsync(string unitCode) =>
        (await network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == unitCode).Closure;

    /// <summary>The trail as an administrator reads it (only they may).</summary>
    private async Task<Page<AuditEntryRecord>> TrailAsync()
    {
        var actor = network.User.Actor;
        network.User.Actor = TestCurrentUser.Administrator;
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Closure), new PageRequest(0, 20));
        network.User.Actor = actor;
        return trail;
    }

    [Fact]
    public async Task A_corrected_closure_moves_to_its_new_unit_and_the_trail_names_old_and_new()
    {
        var closure = await AddFebruaryAsync();

        await Closures.UpdateAsync(closure.Id, closure.Version, "YS-QG-02", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修（更正）");

        Assert.Equal(MonthClosure.Open, await FebruaryOfAsync("YS-QG-01"));
        Assert.Equal(MonthClosure.Closed, await FebruaryOfAsync("YS-QG-02"));
        var trail = await TrailAsync();
        var updated = trail.Items.Single(e => e.Action == AuditActions.Updated);
        Assert.Contains(updated.Changes, c => c is { Field: nameof(Closure.Reason), Old: "村委会装修", New: "村委会装修（更正）" });
        Assert.Contains(updated.Changes, c => c is { Field: "Unit", Old: "YS-QG-01", New: "YS-QG-02" });
    }

    [Fact]
    public async Task A_voided_closure_closes_no_month_is_listed_only_when_asked_for_and_is_in_the_trail()
    {
        var closure = await AddFebruaryAsync();
        Assert.Equal(MonthClosure.Closed, await FebruaryOfAsync("YS-QG-01"));

        await Closures.VoidAsync(closure.Id, closure.Version, "登记错了单位");

        Assert.Equal(MonthClosure.Open, await FebruaryOfAsync("YS-QG-01"));
        Assert.DoesNotContain(await Closures.ListAsync(), c => c.Id == closure.Id);
        var voided = (await Closures.ListAsync(includeVoided: true)).Single(c => c.Id == closure.Id);
        Assert.Equal("登记错了单位", voided.Void!.Reason);
        Assert.Equal(network.User.Actor.Name, voided.Void.By);
        var trail = await TrailAsync();
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Voided && e.Changes.Any(c => c is { Field: "VoidReason", New: "登记错了单位" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_void_without_a_reason_is_refused_and_nothing_changes(string? reason)
    {
        var closure = await AddFebruaryAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => Closures.VoidAsync(closure.Id, closure.Version, reason));

        Assert.Equal(ErrorCodes.Required, refused.Code);
        Assert.Equal("VoidReason", refused.Field);
        Assert.Equal(closure, (await Closures.ListAsync()).Single(c => c.Id == closure.Id));
    }

    [Fact]
    public async Task A_reason_past_its_length_is_refused_and_nothing_changes()
    {
        var closure = await AddFebruaryAsync();

        var longVoid = await Assert.ThrowsAsync<DomainException>(() => Closures.VoidAsync(closure.Id, closure.Version, new string('错', 10_000)));
        var longReason = await Assert.ThrowsAsync<DomainException>(() =>
            Closures.UpdateAsync(closure.Id, closure.Version, "YS-QG-01", closure.StartsOn, closure.EndsOn, new string('修', 10_000)));

        Assert.Equal((ErrorCodes.TooLong, ErrorCodes.TooLong), (longVoid.Code, longReason.Code));
        Assert.Equal(closure, (await Closures.ListAsync()).Single(c => c.Id == closure.Id));
    }

    [Fact]
    public async Task A_stale_correction_is_refused_naming_what_is_saved_and_what_was_typed()
    {
        var closure = await AddFebruaryAsync();
        await Closures.UpdateAsync(closure.Id, closure.Version, "YS-QG-01", closure.StartsOn, new DateOnly(2026, 2, 20), "村委会装修");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Closures.UpdateAsync(closure.Id, closure.Version, "YS-QG-01", closure.StartsOn, closure.EndsOn, "另一人的修改"));
        var staleVoid = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Closures.VoidAsync(closure.Id, closure.Version, "重复"));

        Assert.Equal(ErrorCodes.RecordChangedMeanwhile, conflict.Code);
        Assert.Equal(["YS-QG-01 2026-02-01–2026-02-20 村委会装修"], conflict.Args.Select(a => a.ToString()));
        Assert.Equal([("EndsOn", "2026-02-20", "2026-02-28"), ("Reason", "村委会装修", "另一人的修改")], conflict.Differences.Select(d => (d.Field, d.Old, d.New)));
        Assert.Equal(ErrorCodes.UnitChangedMeanwhile, staleVoid.Code);
        Assert.Equal(new DateOnly(2026, 2, 20), (await Closures.ListAsync()).Single(c => c.Id == closure.Id).EndsOn);
    }

    [Fact]
    public async Task A_voided_closure_cannot_be_corrected_or_voided_again_and_only_head_staff_void()
    {
        var closure = await AddFebruaryAsync();
        await Closures.VoidAsync(closure.Id, closure.Version, "登记错了");
        var voided = (await Closures.ListAsync(includeVoided: true)).Single(c => c.Id == closure.Id);

        var again = await Assert.ThrowsAsync<DomainException>(() => Closures.VoidAsync(voided.Id, voided.Version, "再次"));
        var corrected = await Assert.ThrowsAsync<DomainException>(() =>
            Closures.UpdateAsync(voided.Id, voided.Version, null, voided.StartsOn, voided.EndsOn, "x"));
        network.ActAsBranchWorker("YS-QG");
        var other = (await Closures.ListAsync()).First();

        Assert.Equal((ErrorCodes.AlreadyVoided, ErrorCodes.AlreadyVoided), (again.Code, corrected.Code));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Closures.VoidAsync(other.Id, other.Version, "不该作废"));
    }
}
