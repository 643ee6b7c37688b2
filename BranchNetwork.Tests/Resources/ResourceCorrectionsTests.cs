using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Resources;

/// <summary>
/// Grants, resource items, deliveries and checklist items are created, corrected and voided by those who keep them,
/// each step in the audit trail; a voided record stays listed for those who ask and counts in no total.
/// </summary>
public sealed class ResourceCorrectionsTests : IDisposable
{
    private readonly TestNetwork network = new();

    public ResourceCorrectionsTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    private ResourcesService Resources => network.Services.GetRequiredService<ResourcesService>();

    private ProgrammeService Programme => network.Services.GetRequiredService<ProgrammeService>();

    private DateOnly Today => network.Clock.Today;

    public void Dispose() => network.Dispose();

    private async Task<IReadOnlyList<AuditEntryRecord>> TrailAsync(string entity)
    {
        var actor = network.User.Actor;
        network.User.Actor = TestCurrentUser.Administrator;
        var page = await network.Audit.SearchAsync(new AuditFilter(EntityType: entity), new PageRequest(0, 100));
        network.User.Actor = actor;
        return page.Items;
    }

    private static FieldChange Change(AuditEntryRecord entry, string field) => Assert.Single(entry.Changes, c => c.Field == field);

    private async Task<ResourceRecord> ItemAsync(int id) =>
        Assert.Single((await Resources.ItemsAsync(new ResourceFilter("YS-QG", IncludeVoided: true), new PageRequest(0, 100))).Items, i => i.Id == id);

    private async Task<decimal> ComputersAsync(string unit) =>
        (await Resources.TotalsAsync()).Single(u => u.UnitCode == unit).Holdings.PublicComputers;

    [Fact]
    public async Task A_resource_item_is_created_corrected_and_voided_and_each_step_is_in_the_trail_with_readable_values()
    {
        var grant = await Resources.AddGrantAsync(new GrantDetails("服务点电脑", "县财政", 12_000m, 2026, GrantStatus.InProgress, UnitCodes: ["YS-QG-01", "YS-QG-02"]));
        var before = await ComputersAsync("YS-QG-02");
        var id = await Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "自助借还电脑", 2, "台", Today, grant));

        await Resources.UpdateItemAsync(id, 0, "YS-QG-02", new ResourceDetails(ResourceCategory.Computers, "自助借还电脑", 3, "台", Today, grant));
        Assert.Equal(before + 3, await ComputersAsync("YS-QG-02"));
        await Resources.VoidItemAsync(id, 1, "重复登记");

        Assert.Equal(before, await ComputersAsync("YS-QG-02"));
        Assert.DoesNotContain(await Resources.ItemsAsync(), i => i.Id == id);
        var voided = await ItemAsync(id);
        Assert.Equal(("重复登记", TestCurrentUser.Administrator.Name, 2), (voided.Voided!.Reason, voided.Voided.By, voided.Version));
        Assert.Equal(network.Time.GetUtcNow().UtcDateTime, voided.Voided.AtUtc);

        var trail = (await TrailAsync(AuditEntities.Resource)).Where(e => e.EntityKey.EndsWith("自助借还电脑", StringComparison.Ordinal)).OrderBy(e => e.Id).ToList();
        Assert.Equal([AuditActions.Created, AuditActions.Updated, AuditActions.Voided], trail.Select(e => e.Action));
        Assert.Equal("服务点电脑", Change(trail[0], "Grant").New);
        Assert.Equal(("2", "3"), (Change(trail[1], "Quantity").Old, Change(trail[1], "Quantity").New));
        Assert.Equal(("YS-QG-01", "YS-QG-02"), (Change(trail[1], "Unit").Old, Change(trail[1], "Unit").New));
        Assert.Equal("重复登记", Change(trail[2], nameof(VoidableRecord.VoidReason)).New);
        Assert.Equal(TestCurrentUser.Administrator.Name, Change(trail[2], nameof(VoidableRecord.VoidedBy)).New);
    }

    [Fact]
    public async Task A_void_without_a_reason_is_refused_under_the_reason_and_nothing_is_voided()
    {
        var item = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 4, "个"));
        var delivery = await Resources.AddDeliveryAsync("YS-QG", Today, 100, 60, null);
        var grant = await Resources.AddGrantAsync(new GrantDetails("书架", "县财政", 4_000m, 2026, GrantStatus.Planned));

        foreach (var refusal in new[]
                 {
                     await Assert.ThrowsAsync<DomainException>(() => Resources.VoidItemAsync(item, 0, "  ")),
                     await Assert.ThrowsAsync<DomainException>(() => Resources.VoidDeliveryAsync(delivery, 0, null)),
                     await Assert.ThrowsAsync<DomainException>(() => Resources.VoidGrantAsync(grant, 0, "")),
                 })
        {
            Assert.Equal((ErrorCodes.Required, nameof(VoidableRecord.VoidReason)), (refusal.Code, refusal.Field));
        }

        var tooLong = await Assert.ThrowsAsync<DomainException>(() => Resources.VoidGrantAsync(grant, 0, new string('错', VoidableRecord.VoidReasonMaxLength + 1)));
        Assert.Equal(ErrorCodes.TooLong, tooLong.Code);
        Assert.Contains(await Resources.ItemsAsync(), i => i.Id == item);
        Assert.Contains((await Resources.DeliveriesAsync(new DeliveryFilter(Today.Year, "YS-QG"), TestPaging.AllOfIt)).Items, d => d.Id == delivery);
        Assert.Contains(await Resources.GrantsAsync(), g => g.Id == grant);
        Assert.DoesNotContain(await TrailAsync(AuditEntities.Grant), e => e.Action == AuditActions.Voided);
    }

    [Fact]
    public async Task A_change_to_a_record_someone_else_saved_meanwhile_is_refused_naming_both_values()
    {
        var id = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个"));
        await Resources.UpdateItemAsync(id, 0, "YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 3, "个"));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Resources.UpdateItemAsync(id, 0, "YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 5, "个")));

        Assert.Equal((ErrorCodes.RecordChangedMeanwhile, AuditEntities.Resource), (conflict.Code, conflict.EntityType));
        Assert.Equal([new FieldChange("Quantity", "3", "5")], conflict.Differences);
        Assert.Equal(3, (await ItemAsync(id)).Details.Quantity);

        var grant = (await Resources.GrantsAsync()).Single(g => g.Details.Title == "综合大楼外立面清洗");
        await Resources.UpdateGrantAsync(grant.Id, grant.Version, grant.Details with { Amount = 18_500m, Status = GrantStatus.Accepted, AcceptedOn = new DateOnly(2020, 9, 1) });
        var grantConflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Resources.UpdateGrantAsync(grant.Id, grant.Version, grant.Details with { Amount = 17_000m }));
        Assert.Contains(new FieldChange("Amount", "18500", "17000"), grantConflict.Differences);
        Assert.Contains(new FieldChange("Status", "Accepted", "Completed"), grantConflict.Differences);
    }

    [Fact]
    public async Task A_record_voided_meanwhile_refuses_the_change_naming_who_voided_it_and_why()
    {
        var delivery = await Resources.AddDeliveryAsync("YS-QG", Today, 100, 60, null);
        await Resources.VoidDeliveryAsync(delivery, 0, "送错了单位");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Resources.UpdateDeliveryAsync(delivery, 0, "YS-QG", Today, 120, 60, null));
        var again = await Assert.ThrowsAsync<DomainException>(() => Resources.UpdateDeliveryAsync(delivery, 1, "YS-QG", Today, 120, 60, null));

        Assert.Equal((ErrorCodes.RecordVoidedMeanwhile, TestCurrentUser.Administrator.Name, "送错了单位"), (conflict.Code, conflict.Args[1], conflict.Args[2]));
        Assert.Equal(ErrorCodes.AlreadyVoided, again.Code);
    }

    [Fact]
    public async Task Voided_deliveries_and_grants_leave_every_total_and_are_listed_struck_through_only_when_asked_for()
    {
        var year = Today.Year;
        var collection = (await Resources.TotalsAsync()).Single(u => u.UnitCode == "YS-QG").Holdings.Collection;
        var standard = (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG").Volumes;
        var delivery = await Resources.AddDeliveryAsync("YS-QG-01", Today, 700, 400, "录错");
        var grant = await Resources.AddGrantAsync(new GrantDetails("误录项目", "县财政", 50_000m, year, GrantStatus.Planned));
        var totals = (await Resources.GrantTotalsAsync()).Where(t => t.Year == year).Sum(t => t.Amount);

        await Resources.VoidDeliveryAsync(delivery, 0, "重复登记");
        await Resources.VoidGrantAsync(grant, 0, "项目未立项");

        Assert.Equal(collection, (await Resources.TotalsAsync()).Single(u => u.UnitCode == "YS-QG").Holdings.Collection);
        Assert.Equal(standard, (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG").Volumes);
        Assert.Equal(totals - 50_000m, (await Resources.GrantTotalsAsync()).Where(t => t.Year == year).Sum(t => t.Amount));
        Assert.DoesNotContain((await Resources.DeliveriesAsync(new DeliveryFilter(year, "YS-QG"), TestPaging.AllOfIt)).Items, d => d.Id == delivery);
        Assert.DoesNotContain((await Resources.GrantsAsync(new GrantFilter(year), PageRequest.First)).Items, g => g.Id == grant);
        var listedDelivery = Assert.Single((await Resources.DeliveriesAsync(new DeliveryFilter(year, "YS-QG", IncludeVoided: true), TestPaging.AllOfIt)).Items, d => d.Id == delivery);
        var listedGrant = Assert.Single((await Resources.GrantsAsync(new GrantFilter(year, IncludeVoided: true), PageRequest.First)).Items, g => g.Id == grant);
        Assert.Equal("重复登记", listedDelivery.Voided?.Reason);
        Assert.Equal("项目未立项", listedGrant.Voided?.Reason);
    }

    [Fact]
    public async Task A_branch_worker_sees_voided_records_only_of_their_own_units()
    {
        var own = await Resources.AddDeliveryAsync("YS-QG-01", Today, 100, 60, null);
        var other = await Resources.AddDeliveryAsync("YS-QL-01", Today, 100, 60, null);
        await Resources.VoidDeliveryAsync(own, 0, "重复");
        await Resources.VoidDeliveryAsync(other, 0, "重复");

        network.ActAsBranchWorker("YS-QG");
        var listed = await TestPaging.AllPagesAsync(p => Resources.DeliveriesAsync(new DeliveryFilter(Today.Year, IncludeVoided: true), p));

        Assert.Contains(listed, d => d.Id == own);
        Assert.DoesNotContain(listed, d => d.Id == other);
        Assert.All(listed, d => Assert.StartsWith("YS-QG", d.UnitCode, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.BranchWorker)]
    [InlineData(Roles.Observer)]
    public async Task Branch_workers_and_observers_can_neither_create_correct_nor_void(string role)
    {
        var item = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个"));
        var delivery = await Resources.AddDeliveryAsync("YS-QG", Today, 100, 60, null);
        var grant = (await Resources.GrantsAsync()).First();
        var checklist = (await Programme.AllItemsAsync()).First();
        if (role == Roles.BranchWorker)
        {
            network.ActAsBranchWorker("YS-QG");
        }
        else
        {
            network.ActAs(role);
        }

        Func<Task>[] refused =
        [
            () => Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个")),
            () => Resources.UpdateItemAsync(item, 0, "YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 9, "个")),
            () => Resources.VoidItemAsync(item, 0, "不要了"),
            () => Resources.UpdateDeliveryAsync(delivery, 0, "YS-QG", Today, 90, 10, null),
            () => Resources.VoidDeliveryAsync(delivery, 0, "不要了"),
            () => Resources.AddGrantAsync(grant.Details),
            () => Resources.UpdateGrantAsync(grant.Id, grant.Version, grant.Details with { Amount = 1 }),
            () => Resources.VoidGrantAsync(grant.Id, grant.Version, "不要了"),
            () => Programme.AddItemAsync("新项目"),
            () => Programme.UpdateItemAsync(checklist.Id, checklist.Definition, checklist.Definition with { IsActive = false }),
        ];
        foreach (var action in refused)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(action);
        }

        network.User.Actor = TestCurrentUser.Administrator;
        Assert.Equal(2, (await ItemAsync(item)).Details.Quantity);
        Assert.Null((await ItemAsync(item)).Voided);
    }

    [Fact]
    public async Task Bad_input_is_refused_under_its_field_and_nothing_is_half_written()
    {
        var delivery = await Resources.AddDeliveryAsync("YS-QG", Today, 100, 60, "原备注");
        var grant = (await Resources.GrantsAsync()).Single(g => g.Details.Title == "综合大楼外立面清洗");
        var item = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个"));

        var note = await Assert.ThrowsAsync<DomainException>(() => Resources.UpdateDeliveryAsync(delivery, 0, "YS-QG", Today, 120, 60, new string('书', 10_000)));
        var amount = await Assert.ThrowsAsync<DomainException>(() => Resources.UpdateGrantAsync(grant.Id, grant.Version, grant.Details with { Amount = 12.345m }));
        var dates = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.UpdateGrantAsync(grant.Id, grant.Version, grant.Details with { StartedOn = new DateOnly(2020, 9, 1), CompletedOn = new DateOnly(2020, 8, 1) }));
        var quantity = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.UpdateItemAsync(item, 0, "YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 99_000_000, "个")));
        var negative = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.UpdateItemAsync(item, 0, "YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", -1, "个")));

        Assert.Equal((ErrorCodes.TooLong, "Note"), (note.Code, note.Field));
        Assert.Equal((ErrorCodes.GrantAmountTooPrecise, "Amount"), (amount.Code, amount.Field));
        Assert.Equal((ErrorCodes.GrantDatesOutOfOrder, "CompletedOn"), (dates.Code, dates.Field));
        Assert.Equal((ErrorCodes.ResourceQuantityOutOfRange, "Quantity"), (quantity.Code, quantity.Field));
        Assert.Equal(ErrorCodes.ResourceQuantityOutOfRange, negative.Code);
        var kept = Assert.Single((await Resources.DeliveriesAsync(new DeliveryFilter(Today.Year), new PageRequest(0, 100))).Items, d => d.Id == delivery);
        Assert.Equal((100, "原备注", 0), (kept.Volumes, kept.Note, kept.Version));
        var stored = (await Resources.GrantsAsync()).Single(g => g.Id == grant.Id);
        Assert.Equal((grant.Version, grant.Details.Amount, grant.Details.CompletedOn), (stored.Version, stored.Details.Amount, stored.Details.CompletedOn));
        Assert.DoesNotContain(await TrailAsync(AuditEntities.Delivery), e => e.Action == AuditActions.Updated);
    }

    [Fact]
    public async Task A_resource_bought_with_a_grant_must_be_for_a_unit_the_grant_funds()
    {
        var grant = await Resources.AddGrantAsync(new GrantDetails("七拱电脑", "县财政", 8_000m, 2026, GrantStatus.InProgress, UnitCodes: ["YS-QG"]));

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.AddItemAsync("YS-QL", new ResourceDetails(ResourceCategory.Computers, "电脑", 2, "台", GrantId: grant)));
        await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Computers, "电脑", 2, "台", GrantId: grant));

        Assert.Equal((ErrorCodes.GrantUnitNotFunded, nameof(ResourceDetails.GrantId)), (refused.Code, refused.Field));
        var bought = Assert.Single((await Resources.GrantsAsync()).Single(g => g.Id == grant).Bought!);
        Assert.Equal(("YS-QG", "电脑", 2m), (bought.UnitCode, bought.Name, bought.Quantity));
    }

    [Fact]
    public async Task A_corrected_grant_names_its_changed_units_and_status_in_the_trail()
    {
        var id = await Resources.AddGrantAsync(new GrantDetails("分馆阅读角", "县财政", 30_000m, 2026, GrantStatus.Planned, UnitCodes: ["YS-QG"]));
        var grant = (await Resources.GrantsAsync()).Single(g => g.Id == id);

        await Resources.UpdateGrantAsync(id, grant.Version, grant.Details with
        {
            Status = GrantStatus.InProgress, StartedOn = new DateOnly(2026, 2, 1), UnitCodes = ["YS-QG", "YS-QL"],
        });

        var trail = (await TrailAsync(AuditEntities.Grant)).Where(e => e.EntityKey == "2026 分馆阅读角").OrderBy(e => e.Id).ToList();
        Assert.Equal([AuditActions.Created, AuditActions.Updated], trail.Select(e => e.Action));
        Assert.Equal("YS-QG", Change(trail[0], "Units").New);
        Assert.Equal(("YS-QG", "YS-QG, YS-QL"), (Change(trail[1], "Units").Old, Change(trail[1], "Units").New));
        Assert.Equal(("Planned", "InProgress"), (Change(trail[1], "Status").Old, Change(trail[1], "Status").New));
        Assert.Equal("2026-02-01", Change(trail[1], "StartedOn").New);
    }

    [Fact]
    public async Task Administrators_correct_and_deactivate_checklist_items_which_stay_listed_for_them()
    {
        var id = await Programme.AddItemAsync("阅览座位不少于 20 个", StandardRule.Seats, 20);
        var item = Assert.Single(await Programme.AllItemsAsync(), i => i.Id == id);

        await Programme.UpdateItemAsync(id, item.Definition, new ChecklistItemDefinition("阅览座位不少于 30 个", StandardRule.Seats, 30, IsActive: false));

        Assert.DoesNotContain("阅览座位不少于 30 个", await Programme.ItemsAsync());
        Assert.Equal(new ChecklistItemDefinition("阅览座位不少于 30 个", StandardRule.Seats, 30, false), Assert.Single(await Programme.AllItemsAsync(), i => i.Id == id).Definition);
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Programme.UpdateItemAsync(id, item.Definition, item.Definition with { Threshold = 25 }));
        Assert.Contains(new FieldChange("Threshold", "30", "25"), conflict.Differences);
        var noLine = await Assert.ThrowsAsync<DomainException>(() =>
            Programme.UpdateItemAsync(id, new ChecklistItemDefinition("阅览座位不少于 30 个", StandardRule.Seats, 30, false), new("座位", StandardRule.Seats, null)));
        Assert.Equal((ErrorCodes.StandardThresholdRequired, "Threshold"), (noLine.Code, noLine.Field));

        var trail = (await TrailAsync(AuditEntities.Standard)).Where(e => e.EntityKey == "阅览座位不少于 30 个").ToList();
        var updated = Assert.Single(trail, e => e.Action == AuditActions.Updated);
        Assert.Equal(("True", "False"), (Change(updated, "IsActive").Old, Change(updated, "IsActive").New));
        Assert.Equal(("20", "30"), (Change(updated, "Threshold").Old, Change(updated, "Threshold").New));
        network.ActAs(Roles.HeadLibraryStaff);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Programme.AllItemsAsync());
    }

    [Fact]
    public async Task Every_field_the_trail_records_for_these_records_has_a_name_in_both_languages()
    {
        var grant = await Resources.AddGrantAsync(new GrantDetails("阅读角", "县财政", 5_000m, 2026, GrantStatus.Completed, "书架与座椅",
            new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 1), null, ["YS-QG"]));
        var item = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个", Today, grant));
        await Resources.UpdateItemAsync(item, 0, "YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "电脑", 1, "台", null, null));
        await Resources.VoidItemAsync(item, 1, "录错");
        var delivery = await Resources.AddDeliveryAsync("YS-QG", Today, 10, 5, "备注");
        await Resources.UpdateDeliveryAsync(delivery, 0, "YS-QG-01", Today.AddDays(-1), 12, 6, "改");
        await Resources.VoidDeliveryAsync(delivery, 1, "录错");
        var grantRecord = (await Resources.GrantsAsync()).Single(g => g.Id == grant);
        await Resources.UpdateGrantAsync(grant, grantRecord.Version, grantRecord.Details with { Status = GrantStatus.Accepted, AcceptedOn = Today, UnitCodes = ["YS-QL"] });
        await Resources.VoidGrantAsync(grant, grantRecord.Version + 1, "录错");
        var checklist = await Programme.AddItemAsync("阅读角", StandardRule.Seats, 10);
        await Programme.UpdateItemAsync(checklist, new("阅读角", StandardRule.Seats, 10), new("阅读角座位", StandardRule.FloorArea, 20, false));
        var resources = new System.Resources.ResourceManager(typeof(BranchNetwork.Web.Localization.SharedResource).FullName!, typeof(BranchNetwork.Web.Localization.SharedResource).Assembly);

        var fields = new[] { AuditEntities.Grant, AuditEntities.Resource, AuditEntities.Delivery, AuditEntities.Standard }
            .SelectMany(type => TrailAsync(type).GetAwaiter().GetResult().SelectMany(e => e.Changes.Select(c => $"Field.{type}.{c.Field}")))
            .Distinct().ToList();

        Assert.Contains("Field.Grant.Units", fields);
        Assert.Contains("Field.Resource.VoidReason", fields);
        Assert.Contains("Field.Standard.IsActive", fields);
        Assert.All(fields, key =>
        {
            Assert.False(string.IsNullOrEmpty(resources.GetString(key, new System.Globalization.CultureInfo("zh-CN"))), key);
            Assert.NotEqual(resources.GetString(key, new System.Globalization.CultureInfo("zh-CN")), resources.GetString(key, new System.Globalization.CultureInfo("en")));
        });
    }
}
