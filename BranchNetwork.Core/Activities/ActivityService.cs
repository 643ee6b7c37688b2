using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Activities;

public sealed record ActivityRecord(int Id, string UnitCode, string UnitName, ActivityDetails Details, int Version);

public sealed record SeriesTotal(string Series, int Count, int Participants);

/// <summary>What the activity log says about a unit's month: the programme count and attendance it implies.</summary>
public sealed record ActivityMonth(int Programs, int Attendance);

/// <summary>The log's filters: a year, and optionally a month, a unit, words of a series' name, a category.</summary>
public sealed record ActivityFilter(int Year, int? Month = null, string? UnitCode = null, string? Series = null, ActivityCategory? Category = null);

/// <summary>A page of the log and the participants of every activity the filters let through.</summary>
public sealed record ActivityList(Page<ActivityRecord> Page, int Participants);

public sealed record ActivityCalendarMonth(int Year, int Month, IReadOnlyList<ActivityRecord> Activities);

/// <summary>The activity log: per unit, scoped like the roster; head staff keep all, a branch worker their units.</summary>
public sealed class ActivityService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, CountyClock clock)
{
    /// <summary>A page of the log, newest first, with the participants of the whole filtered list.</summary>
    public async Task<ActivityList> ListAsync(ActivityFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Query(db, actor, filter);
        var participants = await query.SumAsync(a => a.Participants, ct);
        var rows = await Records(query.OrderByDescending(a => a.Date).ThenBy(a => a.Unit.Code).ThenByDescending(a => a.Id)).ToPageAsync(page, ct);
        return new ActivityList(rows, participants);
    }

    /// <summary>The whole of a year's filtered log, oldest first, for the annual reports that print it whole.</summary>
    public async Task<IReadOnlyList<ActivityRecord>> YearAsync(ActivityFilter filter, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Records(Query(db, actor, filter).OrderBy(a => a.Date).ThenBy(a => a.Unit.Code).ThenBy(a => a.Id)).ToListAsync(ct);
    }

    /// <summary>
    /// One month of the log for the calendar: the filter's month, else the month of the latest activity that
    /// matches in the year. Bound to a month, so it never holds more than a month's activities.
    /// </summary>
    public async Task<ActivityCalendarMonth> CalendarAsync(ActivityFilter filter, CancellationToken ct = default)
    {
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
        var units = db.Units.InScopeOf(actor);
        var activity = await db.Activities.Include(a => a.Unit).Where(a => units.Any(u => u.Id == a.UnitId)).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.ActivityNotFound);
        if (activity.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, activity.Title);
        }

        activity.Update(details, clock.Today);
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<Activity> Query(BranchNetworkDbContext db, Actor actor, ActivityFilter f)
    {
        var units = db.Units.InScopeOf(actor);
        var from = new DateOnly(f.Year, f.Month ?? 1, 1);
        var to = f.Month is null ? new DateOnly(f.Year, 12, 31) : from.AddMonths(1).AddDays(-1);
        var query = db.Activities.AsNoTracking().Where(a => units.Any(u => u.Id == a.UnitId) && a.Date >= from && a.Date <= to);
        if (!string.IsNullOrWhiteSpace(f.UnitCode))
        {
            var code = f.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(a => a.Unit.Code == code);
        }

        if (!string.IsNullOrWhiteSpace(f.Series))
        {
            var series = f.Series.Trim();
            query = query.Where(a => a.Series != null && a.Series.Contains(series));
        }

        if (f.Category is { } category)
        {
            query = query.Where(a => a.Category == category);
        }

        return query;
    }

    private static IQueryable<ActivityRecord> Records(IQueryable<Activity> activities) => activities.Select(a => new ActivityRecord(a.Id, a.Unit.Code, a.Unit.Name,
        new ActivityDetails(a.Date, a.Title, a.Category, a.Participants, a.Series, a.Partner, a.IsOnline, a.Note), a.Version));

}
