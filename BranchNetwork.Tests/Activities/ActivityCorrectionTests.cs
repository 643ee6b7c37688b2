using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Activities;

/// <summary>Activities are corrected and voided (never deleted) and hold up to six checked photos, served only within scope.</summary>
public sealed class ActivityCorrectionTests : IDisposable
{
    private const string Series = "共享阅读-相约阳图";
    private readonly TestNetwork network = new(seedFigures: true);

    private ActivityService Activities => network.Services.GetRequiredService<ActivityService>();

    public void Dispose() => network.Dispose();

    private static ActivityDetails Reading(int day, int participants = 30) =>
        new(new DateOnly(2026, 2, day), "亲子阅读会", ActivityCategory.ParentChildReading, participants, Series);

    private async Task<ActivityRecord> RecordAsync(int id) =>
        (await Activities.ListAsync(new ActivityFilter(2026, IncludeVoided: true), TestPaging.AllOfIt)).Page.Items.Single(a => a.Id == id);

    private async Task<int> StoredFilesAsync() => (await network.StoredFilesAsync()).Count;

    [Fact]
    public async Task A_voided_activity_leaves_the_series_totals_the_counts_and_the_monthly_offer_but_is_listed_struck_when_asked()
    {
        await Activities.AddAsync("YS-QG-03", Reading(7));
        var mistaken = await Activities.AddAsync("YS-QG-03", Reading(21, participants: 12));

        var record = await RecordAsync(mistaken);
        await Activities.VoidAsync(mistaken, record.Version, "重复登记");

        Assert.Equal(new SeriesTotal(Series, 1, 30), (await Activities.SeriesTotalsAsync(2026)).Single(t => t.Series == Series));
        var counted = await Activities.ListAsync(new ActivityFilter(2026), TestPaging.AllOfIt);
        Assert.Equal((1, 30, 1), (counted.Counted, counted.Participants, counted.Page.Total));
        var shown = await Activities.ListAsync(new ActivityFilter(2026, IncludeVoided: true), TestPaging.AllOfIt);
        Assert.Equal((1, 30, 2), (shown.Counted, shown.Participants, shown.Page.Total));
        Assert.Equal("重复登记", shown.Page.Items.Single(a => a.Id == mistaken).Void!.Reason);
        var unit = (await network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!.Units.Single(u => u.UnitCode == "YS-QG-03");
        Assert.Equal(new ActivityMonth(1, 30), unit.Activities);
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Activity), new PageRequest(0, 20));
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Voided && e.Changes.Any(c => c is { Field: "VoidReason", New: "重复登记" }));
    }

    [Fact]
    public async Task A_void_without_a_reason_a_stale_edit_and_a_change_to_a_voided_activity_are_refused()
    {
        var id = await Activities.AddAsync("YS-QG-03", Reading(7));
        var read = await RecordAsync(id);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => Activities.VoidAsync(id, read.Version, " "));
        await Activities.UpdateAsync(id, read.Version, Reading(7, participants: 35));
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Activities.UpdateAsync(id, read.Version, Reading(8, participants: 40)));
        var now = await RecordAsync(id);
        await Activities.VoidAsync(id, now.Version, "活动取消");
        var voided = await RecordAsync(id);
        var edited = await Assert.ThrowsAsync<DomainException>(() => Activities.UpdateAsync(id, voided.Version, Reading(7)));

        Assert.Equal((ErrorCodes.Required, "VoidReason"), (noReason.Code, noReason.Field));
        Assert.Equal(ErrorCodes.RecordChangedMeanwhile, stale.Code);
        Assert.Equal(["2026-02-07 亲子阅读会 (35)"], stale.Args.Select(a => a.ToString()));
        Assert.Equal([("Date", "2026-02-07", "2026-02-08"), ("Participants", "35", "40")], stale.Differences.Select(d => (d.Field, d.Old, d.New)));
        Assert.Equal(ErrorCodes.AlreadyVoided, edited.Code);
        Assert.Equal(35, voided.Details.Participants);
    }

    [Fact]
    public async Task A_10000_character_note_is_refused_and_nothing_is_written()
    {
        var id = await Activities.AddAsync("YS-QG-03", Reading(7));
        var read = await RecordAsync(id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Activities.UpdateAsync(id, read.Version, Reading(7) with { Note = new string('记', 10_000) }));

        Assert.Equal((ErrorCodes.TooLong, "Note"), (refused.Code, refused.Field));
        Assert.Equal(read, await RecordAsync(id));
    }

    [Fact]
    public async Task Photos_are_stored_served_removed_with_their_file_and_a_seventh_is_refused()
    {
        var id = await Activities.AddAsync("YS-QG-03", Reading(7));
        var names = new List<string>();
        for (var i = 0; i < Activity.MaxPhotos; i++)
        {
            names.Add(await Activities.AddPhotoAsync(id, (await RecordAsync(id)).Version, ResourcesTests.Png));
        }

        var seventh = await Assert.ThrowsAsync<DomainException>(async () => await Activities.AddPhotoAsync(id, (await RecordAsync(id)).Version, ResourcesTests.Png));
        Assert.Equal(ErrorCodes.ActivityTooManyPhotos, seventh.Code);
        Assert.Equal(names, (await RecordAsync(id)).Photos);
        Assert.Equal(6, await StoredFilesAsync());
        var served = await Activities.PhotoAsync(id, names[0]);
        Assert.Equal(ResourcesTests.Png, served!.Content);
        Assert.Equal("image/png", served.ContentType);

        await Activities.RemovePhotoAsync(id, (await RecordAsync(id)).Version, names[0]);

        Assert.Equal(names.Skip(1), (await RecordAsync(id)).Photos);
        Assert.Equal(5, await StoredFilesAsync());
        Assert.Null(await Activities.PhotoAsync(id, names[0]));
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.Activity), new PageRequest(0, 50));
        Assert.Contains(trail.Items, e => e.Changes.Any(c => c.Field == "PhotoFiles"));
    }

    [Fact]
    public async Task A_photo_that_is_not_an_image_or_over_the_limit_is_refused_with_its_reason_and_leaves_no_file()
    {
        var id = await Activities.AddAsync("YS-QG-03", Reading(7));
        var version = (await RecordAsync(id)).Version;
        var pdf = "%PDF-1.4 fake"u8.ToArray();
        var huge = ResourcesTests.Png.Concat(new byte[3 * 1024 * 1024]).ToArray();

        var notImage = await Assert.ThrowsAsync<DomainException>(() => Activities.AddPhotoAsync(id, version, pdf));
        var tooLarge = await Assert.ThrowsAsync<DomainException>(() => Activities.AddPhotoAsync(id, version, huge));

        Assert.Equal(ErrorCodes.PhotoNotAnImage, notImage.Code);
        Assert.Equal(ErrorCodes.PhotoTooLarge, tooLarge.Code);
        Assert.Equal(2L, tooLarge.Args[0]);
        Assert.Equal(0, await StoredFilesAsync());
        Assert.Empty((await RecordAsync(id)).Photos);
    }

    [Fact]
    public async Task A_branch_worker_cannot_void_another_branchs_activity_nor_read_its_photo()
    {
        var id = await Activities.AddAsync("YS-QL-01", Reading(7));
        var read = await RecordAsync(id);
        var photo = await Activities.AddPhotoAsync(id, read.Version, ResourcesTests.Png);
        var version = (await RecordAsync(id)).Version;

        network.ActAsBranchWorker("YS-QG");

        Assert.Equal(ErrorCodes.ActivityNotFound, (await Assert.ThrowsAsync<DomainException>(() => Activities.VoidAsync(id, version, "不是我的"))).Code);
        Assert.Equal(ErrorCodes.ActivityNotFound, (await Assert.ThrowsAsync<DomainException>(() => Activities.RemovePhotoAsync(id, version, photo))).Code);
        Assert.Null(await Activities.PhotoAsync(id, photo));
        network.User.Actor = TestCurrentUser.Administrator;
        Assert.NotNull(await Activities.PhotoAsync(id, photo));
        Assert.Null((await RecordAsync(id)).Void);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("0123456789abcdef0123456789abcdef.gif")]
    public async Task A_photo_name_that_is_not_ours_is_not_served(string name)
    {
        var id = await Activities.AddAsync("YS-QG-03", Reading(7));

        Assert.Null(await Activities.PhotoAsync(id, name));
    }
}
