using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Training;

/// <summary>
/// Staff and their training: the staff roster per unit, training sessions with attendance and credited learning
/// hours, and the year's hour totals. Head-library staff keep everything; a branch worker keeps their own units'
/// staff and puts only them on sessions; everyone reads within their scope.
/// </summary>
public sealed class TrainingService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, CountyClock clock, TimeProvider time)
{
    /// <summary>Every staff member in scope (or of one unit), for choosing attendees; the staff page reads pages instead.</summary>
    public async Task<IReadOnlyList<StaffRecord>> StaffAsync(string? unitCode = null, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var query = db.StaffMembers.AsNoTracking().Where(s => units.Any(u => u.Id == s.UnitId));
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim().ToUpperInvariant();
            query = query.Where(s => s.Unit.Code == code);
        }

        return await query.OrderBy(s => s.Unit.Code).ThenBy(s => s.Name)
            .Select(s => new StaffRecord(s.Id, s.Unit.Code, s.Unit.Name, s.Name, s.Position, s.Title, s.Phone, s.IsActive, s.Version))
            .ToListAsync(ct);
    }

    /// <summary>A page of the staff roster in the caller's scope, by unit and name; filters by unit and part of a name.</summary>
    public async Task<Page<StaffRecord>> StaffAsync(StaffFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = StaffInScope(db, actor).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UnitCode))
        {
            var code = filter.UnitCode.Trim().ToUpperInvariant();
            query = query.Where(s => s.Unit.Code == code);
        }

        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var name = filter.Name.Trim();
            query = query.WhereContainsIgnoringCase(db.Database, name, s => s.Name);
        }

        return await query.OrderBy(s => s.Unit.Code).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new StaffRecord(s.Id, s.Unit.Code, s.Unit.Name, s.Name, s.Position, s.Title, s.Phone, s.IsActive, s.Version))
            .ToPageAsync(page, ct);
    }

    /// <summary>Active staff in the caller's scope per professional title (every title present, zero included).</summary>
    public async Task<IReadOnlyDictionary<ProfessionalTitle, int>> TitleCountsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await StaffInScope(db, actor).Where(s => s.IsActive).GroupBy(s => s.Title)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Enum.GetValues<ProfessionalTitle>().ToDictionary(t => t, t => counts.GetValueOrDefault(t));
    }

    public async Task<int> AddStaffAsync(string unitCode, StaffProfile profile, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        var unit = await db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, "UnitCode", unitCode ?? "");
        var member = StaffMember.Create(unit, profile);
        db.StaffMembers.Add(member);
        await db.SaveChangesAsync(ct);
        return member.Id;
    }

    public async Task UpdateStaffAsync(int id, int expectedVersion, StaffProfile profile, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await StaffInScope(db, actor).Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.StaffNotFound);
        Conflicts.ExpectVersion(member.Version, expectedVersion, member.Name);
        member.Update(profile);
        await Conflicts.SaveAsync(db, member.Name, ct);
    }

    /// <summary>The latest year (up to next year) that holds a session; null when there is none.</summary>
    public async Task<int?> LatestYearAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var limit = new DateOnly(clock.Today.Year + 1, 12, 31);
        return await db.TrainingSessions.AsNoTracking().Where(s => s.StartsOn <= limit).MaxAsync(s => (DateOnly?)s.StartsOn, ct) is { } latest ? latest.Year : null;
    }

    /// <summary>The year's sessions; enrolment, attendance and hours count only the staff in the caller's scope.</summary>
    public Task<IReadOnlyList<SessionSummary>> SessionsAsync(int year, CancellationToken ct = default) => SessionsAsync(year, false, ct);

    /// <param name="includeVoided">Also the voided sessions, for those who look for them (struck through).</param>
    public async Task<IReadOnlyList<SessionSummary>> SessionsAsync(int year, bool includeVoided, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = StaffInScope(db, actor);
        var sessions = includeVoided ? db.TrainingSessions.IgnoreQueryFilters() : db.TrainingSessions;
        return await sessions.AsNoTracking()
            .Where(s => s.StartsOn.Year == year)
            .OrderByDescending(s => s.StartsOn)
            .Select(s => new SessionSummary(s.Id, s.Title, s.Organiser, s.StartsOn, s.EndsOn, s.Hours, s.IsOnline,
                s.Attendances.Count(a => staff.Any(m => m.Id == a.StaffMemberId)),
                s.Attendances.Count(a => a.Attended && staff.Any(m => m.Id == a.StaffMemberId)),
                s.Attendances.Where(a => staff.Any(m => m.Id == a.StaffMemberId)).Sum(a => a.CreditedHours),
                s.VoidedAtUtc != null ? new VoidInfo(s.VoidedAtUtc.Value, s.VoidedBy ?? "", s.VoidReason ?? "") : null))
            .ToListAsync(ct);
    }

    /// <returns>The session (voided or not) with the attendees the caller may see; null when there is no such session.</returns>
    public async Task<SessionRecord?> SessionAsync(int id, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.TrainingSessions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null)
        {
            return null;
        }

        var staff = StaffInScope(db, actor);
        var attendees = await db.Attendances.AsNoTracking()
            .Where(a => a.SessionId == id && staff.Any(s => s.Id == a.StaffMemberId))
            .OrderBy(a => a.StaffMember.Unit.Code).ThenBy(a => a.StaffMember.Name)
            .Select(a => new AttendeeRecord(a.StaffMemberId, a.StaffMember.Name, a.StaffMember.Unit.Code, a.StaffMember.Unit.Name,
                a.StaffMember.Title, a.Attended, a.CreditedHours))
            .ToListAsync(ct);
        return new SessionRecord(session.Id, Details(session), session.Version, attendees,
            session.VoidedAtUtc is { } at ? new VoidInfo(at, session.VoidedBy ?? "", session.VoidReason ?? "") : null);
    }

    public async Task<int> CreateSessionAsync(SessionDetails details, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = TrainingSession.Create(details);
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    public Task UpdateSessionAsync(int id, int expectedVersion, SessionDetails details, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, (session, _, _) =>
        {
            session.Update(details);
            return Task.CompletedTask;
        }, headStaffOnly: true, ct);

    /// <summary>Voids a mistaken session with a reason: kept, shown struck through, and its hours leave every total.</summary>
    public Task VoidSessionAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, async (session, _, _) =>
        {
            var actor = await currentUser.GetActorAsync();
            session.Void(reason, actor.Name, time.GetUtcNow().UtcDateTime);
        }, headStaffOnly: true, ct);

    /// <summary>
    /// Puts a withdrawn attendee back as they were (the undo of <see cref="WithdrawAsync"/>): enrolled, with their
    /// attendance and credited hours, in one change.
    /// </summary>
    public Task RestoreAttendeeAsync(int id, int expectedVersion, int staffId, bool attended, decimal creditedHours, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, async (session, db, actor) =>
        {
            var member = await StaffInScope(db, actor).FirstOrDefaultAsync(s => s.Id == staffId, ct) ?? throw new DomainException(ErrorCodes.StaffNotFound);
            session.Enrol(member);
            if (attended)
            {
                session.MarkAttendance(staffId, true, creditedHours, clock.Today);
            }
        }, headStaffOnly: false, ct);

    /// <summary>Puts staff on a session; a branch worker may enrol only their own units' staff.</summary>
    public Task EnrolAsync(int id, int expectedVersion, IReadOnlyList<int> staffIds, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, async (session, db, actor) =>
        {
            var members = await StaffInScope(db, actor).Where(s => staffIds.Contains(s.Id)).ToListAsync(ct);
            if (members.Count != staffIds.Distinct().Count())
            {
                throw new DomainException(ErrorCodes.StaffNotFound);
            }

            foreach (var member in members)
            {
                session.Enrol(member);
            }
        }, headStaffOnly: false, ct);

    public Task MarkAttendanceAsync(int id, int expectedVersion, int staffId, bool attended, decimal? creditedHours, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, async (session, db, actor) =>
        {
            await RequireInScopeAsync(db, actor, staffId, ct);
            session.MarkAttendance(staffId, attended, creditedHours, clock.Today);
        }, headStaffOnly: false, ct);

    public Task WithdrawAsync(int id, int expectedVersion, int staffId, CancellationToken ct = default) =>
        ChangeSessionAsync(id, expectedVersion, async (session, db, actor) =>
        {
            await RequireInScopeAsync(db, actor, staffId, ct);
            session.Withdraw(staffId);
        }, headStaffOnly: false, ct);

    /// <summary>Learning hours credited in a year (by the session's start), per person, per unit and in total.</summary>
    public async Task<HoursReport> HoursAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = StaffInScope(db, actor);
        var rows = await db.Attendances.AsNoTracking()
            .Where(a => a.Attended && staff.Any(s => s.Id == a.StaffMemberId))
            .Join(db.TrainingSessions.Where(s => s.StartsOn.Year == year), a => a.SessionId, s => s.Id, (a, s) => a)
            .GroupBy(a => a.StaffMemberId)
            .Select(g => new { StaffMemberId = g.Key, Hours = g.Sum(a => a.CreditedHours), Sessions = g.Count() })
            .ToListAsync(ct);
        var people = await staff.AsNoTracking()
            .Select(s => new { s.Id, s.Name, UnitCode = s.Unit.Code, UnitName = s.Unit.Name, s.Title, s.IsActive })
            .ToListAsync(ct);
        var byPerson = rows.Join(people, r => r.StaffMemberId, p => p.Id, (r, p) => new PersonHours(p.Id, p.Name, p.UnitCode, p.UnitName, p.Title, r.Hours, r.Sessions))
            .OrderByDescending(p => p.Hours).ThenBy(p => p.Name).ToList();
        var byUnit = byPerson.GroupBy(p => (p.UnitCode, p.UnitName))
            .Select(g => new UnitHours(g.Key.UnitCode, g.Key.UnitName, g.Sum(p => p.Hours), g.Count()))
            .OrderBy(u => u.UnitCode).ToList();
        var titles = people.Where(p => p.IsActive).GroupBy(p => p.Title).ToDictionary(g => g.Key, g => g.Count());
        return new HoursReport(year, byPerson, byUnit, byPerson.Sum(p => p.Hours), titles);
    }

    private async Task ChangeSessionAsync(int id, int expectedVersion, Func<TrainingSession, BranchNetworkDbContext, Actor, Task> change, bool headStaffOnly,
        CancellationToken ct)
    {
        var actor = headStaffOnly ? await currentUser.NetworkEditorAsync() : await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.TrainingSessions.IgnoreQueryFilters().Include(s => s.Attendances).ThenInclude(a => a.StaffMember).ThenInclude(s => s.Unit)
                .FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.TrainingNotFound);
        if (session.IsVoided)
        {
            throw new DomainException(ErrorCodes.AlreadyVoided);
        }

        Conflicts.ExpectVersion(session.Version, expectedVersion, session.Title);
        await change(session, db, actor);
        await Conflicts.SaveAsync(db, session.Title, ct);
    }

    private static async Task RequireInScopeAsync(BranchNetworkDbContext db, Actor actor, int staffId, CancellationToken ct)
    {
        if (!await StaffInScope(db, actor).AnyAsync(s => s.Id == staffId, ct))
        {
            throw new DomainException(ErrorCodes.StaffNotFound);
        }
    }

    private static IQueryable<StaffMember> StaffInScope(BranchNetworkDbContext db, Actor actor)
    {
        var units = db.Units.InScopeOf(actor);
        return db.StaffMembers.Where(s => units.Any(u => u.Id == s.UnitId));
    }

    private static SessionDetails Details(TrainingSession s) =>
        new(s.Title, s.Organiser, s.StartsOn, s.EndsOn, s.Hours, s.IsOnline, s.Place, s.Description);
}
