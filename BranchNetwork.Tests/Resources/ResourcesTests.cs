using Microsoft.EntityFrameworkCore;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Resources;

/// <summary>Resources, deliveries and their standard, grants, the plaque programme and the checklist with photos.</summary>
public sealed class ResourcesTests : IDisposable
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly TestNetwork network = new();

    public ResourcesTests()
    {
        network.User.Actor = Actor.System;
        network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    private ResourcesService Resources => network.Services.GetRequiredService<ResourcesService>();

    private ProgrammeService Programme => network.Services.GetRequiredService<ProgrammeService>();

    public void Dispose() => network.Dispose();

    private static string Refused(Func<Task> action) => Assert.ThrowsAsync<DomainException>(action).GetAwaiter().GetResult().Code;

    [Fact]
    public async Task A_delivery_grows_the_collection_and_the_yearly_total_until_the_standard_is_met()
    {
        var year = network.Clock.Today.Year;
        var before = (await Resources.TotalsAsync()).Single(u => u.UnitCode == "YS-QG").Holdings.Collection;
        Assert.False((await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG").Meets);

        await Resources.AddDeliveryAsync("YS-QG", network.Clock.Today, 600, 400, "新书配送");

        Assert.Equal(before + 600, (await Resources.TotalsAsync()).Single(u => u.UnitCode == "YS-QG").Holdings.Collection);
        var standard = (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG");
        Assert.True(standard.Meets);
        Assert.True(standard.Volumes >= 600);
    }

    [Fact]
    public async Task Half_new_books_are_needed_as_well_as_500_volumes()
    {
        var year = network.Clock.Today.Year;
        await Resources.AddDeliveryAsync("YS-QG", network.Clock.Today, 2000, 100, null);

        var standard = (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG");

        Assert.False(standard.Meets);
        Assert.True(standard.NewShare < 0.5m);
    }

    [Fact]
    public void Deliveries_to_the_head_library_to_a_closed_unit_or_of_impossible_sizes_are_refused()
    {
        var today = network.Clock.Today;
        Assert.Equal(ErrorCodes.DeliveryToHeadLibrary, Refused(() => Resources.AddDeliveryAsync("YS", today, 10, 5, null)));
        Assert.Equal(ErrorCodes.DeliveryVolumesOutOfRange, Refused(() => Resources.AddDeliveryAsync("YS-QG", today, -5, 0, null)));
        Assert.Equal(ErrorCodes.DeliveryNewOutOfRange, Refused(() => Resources.AddDeliveryAsync("YS-QG", today, 10, 11, null)));
        Assert.Equal(ErrorCodes.DateInFuture, Refused(() => Resources.AddDeliveryAsync("YS-QG", today.AddDays(3), 10, 5, null)));
    }

    [Fact]
    public async Task A_delivery_to_a_closed_service_point_is_refused()
    {
        var unit = (await network.Service.GetAsync("YS-CJ-03"))!;
        await network.Service.ChangeStatusAsync("YS-CJ-03", unit.Version, UnitStatus.Closed, "并入");

        Assert.Equal(ErrorCodes.DeliveryToClosedUnit, Refused(() => Resources.AddDeliveryAsync("YS-CJ-03", network.Clock.Today, 10, 5, null)));
    }

    [Fact]
    public async Task The_four_grants_of_2020_total_418_000_yuan_and_link_to_what_they_bought()
    {
        var grants = await Resources.GrantsAsync();
        var totals = await Resources.GrantTotalsAsync();

        Assert.Equal(4, grants.Count(g => g.Details.Year == 2020));
        Assert.Equal(418_000m, totals.Where(t => t.Year == 2020).Sum(t => t.Amount));
        Assert.Contains("自动图书杀菌机 × 2", grants.Single(g => g.Details.Amount == 100_000m).Resources);
    }

    [Fact]
    public void Grant_amounts_must_be_positive_yuan_with_at_most_two_decimals()
    {
        var grant = new GrantDetails("阅读角", "县财政", 1000.005m, 2026, GrantStatus.Planned);

        Assert.Equal(ErrorCodes.GrantAmountTooPrecise, Refused(() => Resources.AddGrantAsync(grant)));
        Assert.Equal(ErrorCodes.GrantAmountOutOfRange, Refused(() => Resources.AddGrantAsync(grant with { Amount = -1 })));
    }

    [Fact]
    public async Task A_resource_paid_by_a_grant_is_listed_with_it_and_negative_quantities_are_refused()
    {
        var grant = await Resources.AddGrantAsync(new GrantDetails("服务点电脑", "县财政", 12_000.50m, 2026, GrantStatus.InProgress, UnitCodes: ["YS-QG-01"]));

        await Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "电子阅览电脑", 2, "台", new DateOnly(2026, 2, 1), grant));

        Assert.Contains("电子阅览电脑 × 2", (await Resources.GrantsAsync()).Single(g => g.Id == grant).Resources);
        Assert.Equal(ErrorCodes.ResourceQuantityOutOfRange,
            Refused(() => Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Periodicals, "报刊", -3, "种"))));
    }

    [Fact]
    public async Task A_branch_worker_sees_only_the_grants_that_fund_their_units_and_only_their_part()
    {
        var shared = await Resources.AddGrantAsync(new GrantDetails("分馆电脑", "县财政", 24_000m, 2026, GrantStatus.InProgress,
            UnitCodes: ["YS-QG-01", "YS-QL-01"]));
        await Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "七拱电脑", 2, "台", GrantId: shared));
        await Resources.AddItemAsync("YS-QL-01", new ResourceDetails(ResourceCategory.Computers, "青莲电脑", 3, "台", GrantId: shared));

        network.ActAsBranchWorker("YS-QG");
        var grants = await Resources.GrantsAsync();
        var totals = await Resources.GrantTotalsAsync();

        var seen = Assert.Single(grants);
        Assert.Equal(["YS-QG-01"], seen.Details.UnitCodes);
        Assert.Equal(["七拱电脑 × 2"], seen.Resources);
        Assert.Equal(24_000m, Assert.Single(totals).Amount);
    }

    [Fact]
    public async Task A_voided_delivery_is_kept_with_its_reason_and_in_no_total_and_its_void_is_in_the_trail()
    {
        var year = network.Clock.Today.Year;
        var before = (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG").Volumes;
        var id = await Resources.AddDeliveryAsync("YS-QG", network.Clock.Today, 600, 400, "录错的配送");
        await using (var db = network.Database.CreateDbContext())
        {
            var delivery = await db.Deliveries.SingleAsync(d => d.Id == id);
            delivery.Void("重复登记", "测试员", network.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await using var read = network.Database.CreateDbContext();
        Assert.Equal(before, (await Resources.StandardAsync(year)).Single(s => s.BranchCode == "YS-QG").Volumes);
        Assert.False(await read.Deliveries.AnyAsync(d => d.Id == id));
        var kept = await read.Deliveries.IgnoreQueryFilters().SingleAsync(d => d.Id == id);
        Assert.Equal(("重复登记", "测试员", 1), (kept.VoidReason, kept.VoidedBy, kept.Version));
        Assert.Equal(ErrorCodes.AlreadyVoided, Assert.Throws<DomainException>(() => kept.Void("再来", "测试员", DateTime.UtcNow)).Code);
        var trail = await network.Audit.SearchAsync(new BranchNetwork.Core.Audit.AuditFilter(EntityType: BranchNetwork.Core.Audit.AuditEntities.Delivery), new(0, 50));
        Assert.Contains(trail.Items, e => e.Action == BranchNetwork.Core.Audit.AuditActions.Voided && e.Changes.Any(c => c.Field == "VoidReason" && c.New == "重复登记"));
    }

    [Fact]
    public async Task The_batches_are_fully_plaqued_in_the_demo()
    {
        var batches = await Programme.BatchesAsync();

        Assert.Equal(5, batches.Single(b => b is { BatchYear: 2019, Kind: UnitKind.Branch }).Total);
        Assert.Equal(15, batches.Single(b => b is { BatchYear: 2019, Kind: UnitKind.ServicePoint }).Total);
        Assert.Equal(24, batches.Single(b => b is { BatchYear: 2020, Kind: UnitKind.ServicePoint }).Total);
        Assert.All(batches, b => Assert.Equal(b.Total, b.Plaqued));
    }

    [Fact]
    public async Task A_checklist_item_is_ticked_with_a_note_and_a_photo_served_only_within_scope()
    {
        var item = (await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured);

        await Programme.SetAsync("YS-QG", item.ItemId, item.Version, true, "2020年统一制作", Png);

        var row = (await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured);
        Assert.True(row.Met);
        Assert.Matches("^[0-9a-f]{32}\\.png$", row.Photo!);
        Assert.NotNull(await Programme.PhotoAsync("YS-QG", row.Photo!));
        network.ActAsBranchWorker("YS-QL");
        Assert.Null(await Programme.PhotoAsync("YS-QG", row.Photo!));
        Assert.Null(await Programme.ChecklistAsync("YS-QG"));
    }

    /// <summary>A 1×1 progressive JPEG (SOI, APP0, DQT, SOF2, DHT, SOS) with its EOI.</summary>
    private static readonly byte[] Jpeg = [.. Convert.FromBase64String("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA="), 0xFF, 0xD9];

    [Fact]
    public async Task A_replaced_photo_leaves_only_the_new_file()
    {
        var item = (await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured);
        await Programme.SetAsync("YS-QG", item.ItemId, item.Version, true, null, Png);
        var first = (await Programme.ChecklistAsync("YS-QG"))!.First(r => r.ItemId == item.ItemId);

        await Programme.SetAsync("YS-QG", item.ItemId, first.Version, true, null, Jpeg);

        var second = (await Programme.ChecklistAsync("YS-QG"))!.First(r => r.ItemId == item.ItemId);
        Assert.Matches("^[0-9a-f]{32}\\.jpg$", second.Photo!);
        Assert.Equal([second.Photo], (await network.StoredFilesAsync()).Select(p => p.Split('/')[^1]));
        Assert.Null(await Programme.PhotoAsync("YS-QG", first.Photo!));
    }

    [Fact]
    public async Task A_file_that_only_starts_like_an_image_is_refused_and_leaves_no_file()
    {
        var item = (await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured);
        var random = new Random(12);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        byte[] jpegHeaderThenGarbage = [0xFF, 0xD8, 0xFF, 0xE0, .. garbage];
        var badCrc = Png.ToArray();
        badCrc[^20] ^= 0x01;
        byte[][] refused = [jpegHeaderThenGarbage, Jpeg[..^2], Png[..(Png.Length / 2)], Png[..^12], badCrc];

        Assert.All(refused, bytes => Assert.Equal(ErrorCodes.PhotoNotAnImage, Refused(() => Programme.SetAsync("YS-QG", item.ItemId, item.Version, true, null, bytes))));

        Assert.Empty(await network.StoredFilesAsync());
    }

    [Fact]
    public async Task An_upload_that_is_not_an_image_or_too_large_is_refused_and_leaves_no_file()
    {
        var item = (await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured);
        var pdf = "%PDF-1.4 fake"u8.ToArray();
        var huge = Png.Concat(new byte[3 * 1024 * 1024]).ToArray();

        Assert.Equal(ErrorCodes.PhotoNotAnImage, Refused(() => Programme.SetAsync("YS-QG", item.ItemId, item.Version, true, null, pdf)));
        Assert.Equal(ErrorCodes.PhotoTooLarge, Refused(() => Programme.SetAsync("YS-QG", item.ItemId, item.Version, true, null, huge)));

        Assert.Empty(await network.StoredFilesAsync());
        Assert.False((await Programme.ChecklistAsync("YS-QG"))!.First(r => !r.IsMeasured).Met);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("..%2F..%2Fkeys.xml")]
    [InlineData("0123456789abcdef0123456789abcdef.exe")]
    public async Task Photo_names_that_are_not_ours_are_never_served(string name) =>
        Assert.Null(await Programme.PhotoAsync("YS-QG", name));

    [Fact]
    public async Task A_branch_worker_ticks_only_their_own_units()
    {
        var item = (await Programme.ChecklistAsync("YS-QL"))!.First(r => !r.IsMeasured);
        network.ActAsBranchWorker("YS-QG");

        Assert.Equal(ErrorCodes.UnitNotFound, Refused(() => Programme.SetAsync("YS-QL", item.ItemId, item.Version, true, null, null)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Resources.AddDeliveryAsync("YS-QG", network.Clock.Today, 10, 5, null));
    }

    [Fact]
    public async Task Grant_resource_and_delivery_texts_the_report_font_cannot_print_are_refused_naming_the_character()
    {
        var grants = (await Resources.GrantsAsync()).Count;
        var grant = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.AddGrantAsync(new GrantDetails("服务点电脑💻", "县财政", 1_000m, 2026, GrantStatus.InProgress)));
        var item = await Assert.ThrowsAsync<DomainException>(() =>
            Resources.AddItemAsync("YS-QG-01", new ResourceDetails(ResourceCategory.Computers, "电脑", 2, "台🖥")));
        var delivery = await Assert.ThrowsAsync<DomainException>(() => Resources.AddDeliveryAsync("YS-QG", network.Clock.Today, 10, 5, "新书📚"));

        Assert.Equal((ErrorCodes.Unprintable, nameof(GrantDetails.Title), "💻"), (grant.Code, grant.Field, grant.Args[1]));
        Assert.Equal((ErrorCodes.Unprintable, nameof(ResourceDetails.MeasureUnit), "🖥"), (item.Code, item.Field, item.Args[1]));
        Assert.Equal((ErrorCodes.Unprintable, "📚"), (delivery.Code, delivery.Args[1]));
        Assert.Equal(grants, (await Resources.GrantsAsync()).Count);
    }
}
