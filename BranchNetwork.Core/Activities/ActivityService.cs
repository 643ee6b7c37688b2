using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Activities;

/// <param name="PhotoFiles">The stored photos' names, '|'-separated (<see cref="Photos"/>).</param>
/// <param name="Void">Set for a voided activity (listed only when asked for, struck through).</param>
public sealed record ActivityRecord(int Id, string UnitCode, string UnitName, ActivityDetails Details, int Version, string? PhotoFiles = null,
    VoidInfo? Void = null)
{
    public IReadOnlyList<string> Photos => PhotoFiles is { Length: > 0 } files ? files.Split('|') : [];
}

public sealed record SeriesTotal(string Series, int Count, int Participants);

/// <summary>What the activity log says about a unit's month: the programme count and attendance it implies.</summary>
public sealed record ActivityMonth(int Programs, int Attendance);

/// <summary>
/// The log's filters: a year, and optionally a month, a unit, words of a series' name, a category; voided activities
/// only when asked for (<see cref="IncludeVoided"/>, for the list that shows them struck through).
/// </summary>
public sealed record ActivityFilter(int Year, int? Month = null, string? UnitCode = null, string? Series = null, ActivityCategory? Category = null,
    bool IncludeVoided = false);

/// <summary>
/// A page of the log, and the count and participants of every activity the filters let through that counts
/// (voided ones are listed when asked for but never counted).
/// </summary>
public sealed record ActivityList(Page<ActivityRecord> Page, int Participants, int Counted = 0);

public sealed record ActivityCalendarMonth(int Year, int Month, IReadOnlyList<ActivityRecord> Activities);

/// <summary>
/// The activity log: per unit, scoped like the roster; head staff keep all, a branch worker their units (add, correct,
/// void, photos). Photos are stored like the checklist's: checked by <see cref="ImageCheck"/>, one file per photo under
/// a generated name in the photo folder (<c>activities/{id}/</c>), served only to readers of the unit.
/// </summary>
public sealed class ActivityService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock,
    TimeProvider time,
    PhotoStore photos)
{
    /// <summary>A page of the log, newest first, with the participants of the whole filtered list.</summary>
    public async Task<ActivityList> ListAsync(ActivityFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Query(db, actor, filter);
        var counted = Query(db, actor, filter with { IncludeVoided = false });
        var participants = await counted.SumAsync(a => a.Participants, ct);
        var count = await counted.CountAsync(ct);
        var rows = await Records(query.OrderByDescending(a => a.Date).ThenBy(a => a.Unit.Code).ThenByDescending(a => a.Id)).ToPageAsync(page, ct);
        return new ActivityList(rows, participants, count);
    }

    /// <summary>The whole of a year's filtered log, oldest first, for the annual reports that print it whole.</summary>
    public async Task<IReadOnlyList<ActivityRecord>> YearAsync(ActivityFilter filter, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Records(Query(db, actor, filter with { IncludeVoided = false }).OrderBy(a => a.Date).ThenBy(a => a.Unit.Code).ThenBy(a => a.Id)).ToListAsync(ct);
    }

    /// <summary>
    /// One month of the log for the calendar: the filter's month, else the month of the latest activity that
    /// matches in the year. Bound to a month, so it never holds more than a month's activities.
    /// </summary>
    public async Task<ActivityCalendarMonth> CalendarAsync(ActivityFilter filter, CancellationToken ct = default)
    {
        filter = filter with { IncludeVoided = false };
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var month = filter.Month ?? (await Query(db, actor, filter).OrderByDescending(a => a.Date).Select(a => (DateOnly?)a.Date).FirstOrDefaultAsync(ct))?.Month ?? 1;
        var rows = await Records(Query(db, actor, filter with { Month = month }).OrderBy(a => a.Date).ThenBy(a => a.Unit.Code).ThenBy(a => a.Id)).ToListAsync(ct);
        return new ActivityCalendarMonth(filter.Year, month, rows);
    }

    public async Task<IReadOnlyList<SeriesTotal>> SeriesTotalsAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var totals = await Query(db, actor, new ActivityFilter(year)).Where(a => a.Series != null)
            .GroupBy(a => a.Series)
            .Select(g => new { Series = g.Key, Count = g.Count(), Participants = g.Sum(a => a.Participants) })
            .ToListAsync(ct);
        return totals.Select(t => new SeriesTotal(t.Series!, t.Count, t.Participants)).OrderByDescending(t => t.Count).ToList();
    }

    /// <summary>Programmes and attendance of each unit in a month, to offer in the monthly figures.</summary>
    public static async Task<Dictionary<int, ActivityMonth>> ByUnitAsync(BranchNetworkDbContext db, IReadOnlyCollection<int> unitIds, Period period, CancellationToken ct) =>
        await db.Activities.AsNoTracking()
            .Where(a => unitIds.Contains(a.UnitId) && a.Date >= period.FirstDay && a.Date <= period.LastDay)
            .GroupBy(a => a.UnitId)
            .Select(g => new { g.Key, Count = g.Count(), Participants = g.Sum(a => a.Participants) })
            .ToDictionaryAsync(g => g.Key, g => new ActivityMonth(g.Count, g.Participants), ct);

    public async Task<int> AddAsync(string unitCode, ActivityDetails details, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        var unit = await db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, "UnitCode", unitCode ?? "");
        var activity = Activity.Create(unit, details, clock.Today);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return activity.Id;
    }

    public async Task UpdateAsync(int id, int expectedVersion, ActivityDetails details, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await EditableAsync(db, actor, id, null, ct);
        if (activity.Version != expectedVersion)
        {
            throw Conflicts.Of(AuditEntities.Activity, Describe(activity.Date, activity.Title, activity.Participants), activity,
                (nameof(Activity.Date), activity.Date, details.Date), (nameof(Activity.Title), activity.Title, details.Title?.Trim()),
                (nameof(Activity.Category), activity.Category, details.Category), (nameof(Activity.Participants), activity.Participants, details.Participants),
                (nameof(Activity.Series), activity.Series, details.Series), (nameof(Activity.Partner), activity.Partner, details.Partner),
                (nameof(Activity.IsOnline), activity.IsOnline, details.IsOnline), (nameof(Activity.Note), activity.Note, details.Note));
        }

        activity.Update(details, clock.Today);
        await SaveAsync(db, activity, ct);
    }

    /// <summary>Voids a mistaken activity with a reason: kept, shown struck through, in no count and no total.</summary>
    public async Task VoidAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await EditableAsync(db, actor, id, expectedVersion, ct);
        activity.Void(reason, actor.Name, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, activity, ct);
    }

    /// <summary>
    /// Adds a photo (JPEG or PNG, at most the configured size, at most <see cref="Activity.MaxPhotos"/> per activity).
    /// The photo is stored with the change, in one save: refused, nothing is stored.
    /// </summary>
    /// <returns>The stored photo's name.</returns>
    public async Task<string> AddPhotoAsync(int id, int expectedVersion, byte[] photo, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await EditableAsync(db, actor, id, expectedVersion, ct);
        if (activity.Photos.Count >= Activity.MaxPhotos)
        {
            throw new DomainException(ErrorCodes.ActivityTooManyPhotos, "Photos", Activity.MaxPhotos);
        }

        var extension = photos.Check(photo);
        var name = photos.Add(db, FolderOf(activity.Id), photo, extension);
        activity.AddPhoto(name);
        await SaveAsync(db, activity, ct);
        return name;
    }

    /// <summary>Removes a photo; its file goes once no record points at it any more.</summary>
    public async Task RemovePhotoAsync(int id, int expectedVersion, string fileName, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var activity = await EditableAsync(db, actor, id, expectedVersion, ct);
        if (!activity.RemovePhoto(fileName))
        {
            throw new DomainException(ErrorCodes.PhotoNotFound);
        }

        await SaveAsync(db, activity, ct);
        await photos.DeleteAsync(db, FolderOf(activity.Id), fileName, ct);
    }

    /// <summary>A stored photo of an activity (voided ones included) of a unit the caller may see; null otherwise.</summary>
    public async Task<StoredPhoto?> PhotoAsync(int id, string fileName, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.CanRead || !PhotoStore.IsOurs(fileName))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var files = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => a.Id == id && units.Any(u => u.Id == a.UnitId))
            .Select(a => a.PhotoFiles).FirstOrDefaultAsync(ct);
        if (files is null || !files.Split('|').Contains(fileName))
        {
            return null;
        }

        return await photos.ServedAsync(db, FolderOf(id), fileName, ct);
    }

    /// <summary>An activity of the caller's units, not voided, unchanged since the caller read it.</summary>
    private static async Task<Activity> EditableAsync(BranchNetworkDbContext db, Actor actor, int id, int? expectedVersion, CancellationToken ct)
    {
        var units = db.Units.InScopeOf(actor);
        var activity = await db.Activities.IgnoreQueryFilters().Include(a => a.Unit).Where(a => units.Any(u => u.Id == a.UnitId)).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.ActivityNotFound);
        if (activity.IsVoided)
        {
            throw new DomainException(ErrorCodes.AlreadyVoided);
        }

        if (expectedVersion is not null && activity.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, activity.Title);
        }

        return activity;
    }

    private static string Describe(DateOnly date, string title, int participants) => $"{date:yyyy-MM-dd} {title} ({participants})";

    private static async Task SaveAsync(BranchNetworkDbContext db, Activity activity, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, activity.Title);
        }
    }

    private static string FolderOf(int activityId) => "activities/" + activityId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IQueryable<Activity> Query(BranchNetworkDbContext db, Actor actor, ActivityFilter f)
    {
        var units = db.Units.InScopeOf(actor);
        var from = new DateOnly(f.Year, f.Month ?? 1, 1);
        var to = f.Month is null ? new DateOnly(f.Year, 12, 31) : from.AddMonths(1).AddDays(-1);
        var activities = f.IncludeVoided ? db.Activities.IgnoreQueryFilters() : db.Activities;
        var query = activities.AsNoTracking().Where(a => units.Any(u => u.Id == a.UnitId) && a.Date >= from && a.Date <= to);
        if (!string.IsNullOrWhiteSpace(f.UnitCode))
        {
            var code = f.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(a => a.Unit.Code == code);
        }

        if (!string.IsNullOrWhiteSpace(f.Series))
        {
            var series = f.Series.Trim();
            query = query.WhereContainsIgnoringCase(db.Database, series, a => a.Series);
        }

        if (f.Category is { } category)
        {
            query = query.Where(a => a.Category == category);
        }

        return query;
    }

    private static IQueryable<ActivityRecord> Records(IQueryable<Activity> activities) => activities.Select(a => new ActivityRecord(a.Id, a.Unit.Code, a.Unit.Name,
        new ActivityDetails(a.Date, a.Title, a.Category, a.Participants, a.Series, a.Partner, a.IsOnline, a.Note), a.Version, a.PhotoFiles,
        a.VoidedAtUtc != null ? new VoidInfo(a.VoidedAtUtc.Value, a.VoidedBy ?? "", a.VoidReason ?? "") : null));

}
