using BranchNetwork.Core.Common;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Audit;

/// <summary>Every change lands in the audit trail, in the same transaction, and the trail cannot be rewritten.</summary>
public abstract class AuditTrailTests(DatabaseKind kind) : IDisposable
{
    private readonly TestNetwork network = new(kind: kind);

    public void Dispose() => network.Dispose();

    private async Task<IReadOnlyList<AuditEntryRecord>> TrailAsync(string code) => await network.Audit.ForUnitAsync(code);

    [Fact]
    public async Task Seeding_records_each_unit_as_created_by_the_system()
    {
        var trail = await TrailAsync("YS-QG-01");

        var created = Assert.Single(trail);
        Assert.Equal((AuditActions.Created, "system"), (created.Action, created.UserName));
        Assert.Contains(created.Changes, c => c is { Field: "Name", Old: null, New: "火岗村服务点" });
    }

    [Fact]
    public async Task An_edit_is_recorded_with_who_when_and_old_and_new_values()
    {
        var unit = (await network.Service.GetAsync("YS-QG-01"))!;
        network.Time.Advance(TimeSpan.FromHours(1));

        await network.Service.UpdateProfileAsync("YS-QG-01", unit.Version, unit.Profile with { Phone = "0763-6688123" });

        var edit = (await TrailAsync("YS-QG-01"))[0];
        Assert.Equal(AuditActions.Updated, edit.Action);
        Assert.Equal(TestCurrentUser.Administrator.Name, edit.UserName);
        Assert.Equal(TestNetwork.Now.UtcDateTime.AddHours(1), edit.AtUtc);
        Assert.Equal([new FieldChange("Phone", unit.Profile.Phone, "0763-6688123")], edit.Changes);
    }

    [Fact]
    public async Task A_status_change_is_recorded_with_its_reason()
    {
        var unit = (await network.Service.GetAsync("YS-QG-01"))!;

        await network.Service.ChangeStatusAsync("YS-QG-01", unit.Version, UnitStatus.Suspended, "村委会装修");

        var entry = (await TrailAsync("YS-QG-01"))[0];
        Assert.Equal(AuditActions.StatusChanged, entry.Action);
        Assert.Contains(new FieldChange("Status", "Open", "Suspended"), entry.Changes);
        Assert.Contains(new FieldChange("Reason", null, "村委会装修"), entry.Changes);
    }

    [Fact]
    public async Task A_plaque_and_a_new_unit_are_recorded()
    {
        var unit = (await network.Service.GetAsync("YS-QG-01"))!;
        await network.Service.MarkPlaquedAsync("YS-QG-01", unit.Version, new DateOnly(2021, 3, 1), "新牌");
        await network.Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("上坪村服务点")));

        Assert.Equal(AuditActions.Plaqued, (await TrailAsync("YS-QG-01"))[0].Action);
        Assert.Equal(AuditActions.Created, Assert.Single(await TrailAsync("YS-QG-04")).Action);
    }

    [Fact]
    public async Task A_refused_change_leaves_no_entry()
    {
        var unit = (await network.Service.GetAsync("YS-QG"))!;

        await Assert.ThrowsAnyAsync<Exception>(() => network.Service.ChangeStatusAsync("YS-QG", unit.Version, UnitStatus.Closed, "撤并"));

        Assert.Single(await TrailAsync("YS-QG"));
    }

    [Fact]
    public async Task The_whole_trail_filters_by_record_user_and_date()
    {
        var unit = (await network.Service.GetAsync("YS-QG-01"))!;
        network.Time.Advance(TimeSpan.FromDays(3));
        await network.Service.UpdateProfileAsync("YS-QG-01", unit.Version, unit.Profile with { Phone = "0763-6688123" });

        var all = await network.Audit.SearchAsync(new AuditFilter(), new PageRequest(0, 10));
        var byUser = await network.Audit.SearchAsync(new AuditFilter(User: "测试员"), new PageRequest(0, 10));
        var byKey = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Unit, EntityKey: "YS-QG-01"), new PageRequest(0, 10));
        var byDay = await network.Audit.SearchAsync(new AuditFilter(From: new DateOnly(2026, 3, 5), To: new DateOnly(2026, 3, 5)), new PageRequest(0, 10));
        var before = await network.Audit.SearchAsync(new AuditFilter(To: new DateOnly(2026, 3, 1)), new PageRequest(0, 10));

        Assert.Equal(54, all.Total);
        Assert.Equal(10, all.Items.Count);
        Assert.Equal(1, byUser.Total);
        Assert.Equal(2, byKey.Total);
        Assert.Equal(1, byDay.Total);
        Assert.Equal(0, before.Total);
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_the_trail()
    {
        await using var db = network.Database.CreateDbContext();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone else'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(53, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Sign_in_events_are_recorded_under_the_typed_email()
    {
        await network.Audit.RecordSignInAsync("someone@x.local", null, AuditActions.SignInFailed);

        var entry = (await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Account), new PageRequest(0, 10))).Items.Single();
        Assert.Equal(("someone@x.local", AuditActions.SignInFailed), (entry.EntityKey, entry.Action));
    }
}

public sealed class AuditTrailTestsOnSqlite() : AuditTrailTests(DatabaseKind.Sqlite);

public sealed class AuditTrailTestsOnPostgreSql() : AuditTrailTests(DatabaseKind.PostgreSql);
