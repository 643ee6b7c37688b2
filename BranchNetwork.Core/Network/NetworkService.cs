using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Network;

/// <summary>
/// The roster of the network: reads units and applies every change to them under the domain's rules and the
/// caller's role. Head-library staff and administrators change everything; a branch worker sees only their branch
/// and its service points and changes only their contact details and opening hours; observers only read.
/// </summary>
public sealed class NetworkService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock)
{
    public async Task<IReadOnlyList<UnitSummary>> ListAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.InScopeOf(actor)
            .OrderBy(u => u.Code)
            .Select(u => new UnitSummary(
                u.Code, u.Kind, u.Parent != null ? u.Parent.Code : null, u.Name, u.Township, u.Status, u.PlaquedOn,
                u.ContactPerson, u.Phone, u.OpeningHoursPerWeek, u.BatchYear))
            .ToListAsync(ct);
    }

    public async Task<NetworkCounts> CountAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byKind = await db.Units.InScopeOf(actor).GroupBy(u => u.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(UnitKind kind) => byKind.FirstOrDefault(k => k.Key == kind)?.Count ?? 0;
        return new NetworkCounts(Count(UnitKind.HeadLibrary), Count(UnitKind.Branch), Count(UnitKind.ServicePoint));
    }

    /// <returns>Null when there is no such unit, or when it lies outside the caller's scope (never say which).</returns>
    public async Task<UnitDetails?> GetAsync(string code, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.InScopeOf(actor).AsNoTracking()
            .Include(u => u.Parent)
            .Include(u => u.Children)
            .Include(u => u.StatusHistory)
            .AsSplitQuery()
            .FirstOrDefaultAsync(u => u.Code == Normalize(code), ct);
        return unit is null ? null : ToDetails(unit);
    }

    /// <summary>The next free code under a parent, to prefill the form (YS-QG-04 after YS-QG-03).</summary>
    public async Task<string> SuggestCodeAsync(UnitKind kind, string? parentCode, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        if (kind != UnitKind.ServicePoint || parentCode is null)
        {
            return kind == UnitKind.HeadLibrary ? DemoNetwork.HeadLibraryCode : $"{Normalize(parentCode ?? DemoNetwork.HeadLibraryCode)}-";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prefix = Normalize(parentCode) + "-";
        var taken = await db.Units.Where(u => u.Code.StartsWith(prefix)).Select(u => u.Code).ToListAsync(ct);
        var next = Enumerable.Range(1, 99).First(n => !taken.Contains($"{prefix}{n:00}"));
        return $"{prefix}{next:00}";
    }

    public async Task<string> CreateAsync(NewUnit input, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        Unit? parent = null;
        if (!string.IsNullOrWhiteSpace(input.ParentCode))
        {
            parent = await db.Units.FirstOrDefaultAsync(u => u.Code == Normalize(input.ParentCode), ct)
                ?? throw new DomainException(ErrorCodes.ParentNotFound, "ParentCode", input.ParentCode);
        }

        var unit = Unit.Create(input.Kind, input.Code, parent, input.Profile, input.Status, actor.Name, clock.UtcNow);

        if (await db.Units.AnyAsync(u => u.Code == unit.Code, ct))
        {
            throw new DomainException(ErrorCodes.DuplicateCode, nameof(Unit.Code), unit.Code);
        }

        if (unit.Kind == UnitKind.HeadLibrary && await db.Units.AnyAsync(u => u.Kind == UnitKind.HeadLibrary, ct))
        {
            throw new DomainException(ErrorCodes.SecondHeadLibrary, nameof(Unit.Kind));
        }

        db.Units.Add(unit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseProvider.IsUniqueViolation(e))
        {
            // Someone created the same code (or a head library) between our check and the insert.
            throw new DomainException(ErrorCodes.DuplicateCode, nameof(Unit.Code), unit.Code);
        }

        return unit.Code;
    }

    /// <summary>Saves a unit's profile. A branch worker may change only the contact person, phone and opening hours.</summary>
    /// <returns>The unit's new version.</returns>
    public Task<int> UpdateProfileAsync(string code, int expectedVersion, UnitProfile profile, CancellationToken ct = default) =>
        ChangeAsync(code, expectedVersion, (unit, _, actor) =>
        {
            if (!actor.CanEditNetwork && !OnlyContactChanges(unit, profile))
            {
                throw new DomainException(ErrorCodes.BranchWorkerFieldsOnly);
            }

            unit.UpdateProfile(profile);
            return Task.CompletedTask;
        }, ct, branchWorkerMayChange: true);

    /// <summary>What a branch worker may change on their own units.</summary>
    public static bool OnlyContactChanges(Unit unit, UnitProfile profile) =>
        profile with { ContactPerson = unit.ContactPerson, Phone = unit.Phone, OpeningHoursPerWeek = unit.OpeningHoursPerWeek }
        == ProfileOf(unit);

    private static UnitProfile ProfileOf(Unit u) =>
        new(u.Name, u.Township, u.Address, u.ContactPerson, u.Phone, u.OpeningHoursPerWeek, u.FloorArea, u.Seats, u.Latitude,
            u.Longitude, u.BatchYear, u.OpenedOn);

    public Task<int> ChangeStatusAsync(string code, int expectedVersion, UnitStatus status, string reason, CancellationToken ct = default) =>
        ChangeAsync(code, expectedVersion, async (unit, db, actor) =>
        {
            var openChildren = await db.Units.CountAsync(c => c.ParentId == unit.Id && c.Status != UnitStatus.Closed, ct);
            unit.ChangeStatus(status, reason, actor.Name, clock.UtcNow, openChildren);
        }, ct);

    public Task<int> MarkPlaquedAsync(string code, int expectedVersion, DateOnly plaquedOn, string? note, CancellationToken ct = default) =>
        ChangeAsync(code, expectedVersion, (unit, _, _) =>
        {
            unit.MarkPlaqued(plaquedOn, note, clock.Today);
            return Task.CompletedTask;
        }, ct);

    private async Task<int> ChangeAsync(
        string code,
        int expectedVersion,
        Func<Unit, BranchNetworkDbContext, Actor, Task> change,
        CancellationToken ct,
        bool branchWorkerMayChange = false)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.CanEditNetwork && !(branchWorkerMayChange && actor.IsBranchWorker))
        {
            throw new AccessDeniedException();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == Normalize(code), ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, null, code);
        if (unit.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, unit.Name);
        }

        await change(unit, db, actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, unit.Name);
        }

        return unit.Version;
    }


    private static string Normalize(string code) => code.Trim().ToUpperInvariant();

    private static UnitDetails ToDetails(Unit u) => new(
        u.Code,
        u.Kind,
        ProfileOf(u),
        u.Status,
        u.PlaquedOn,
        u.PlaqueNote,
        u.Version,
        u.Parent is null ? null : ToRef(u.Parent),
        u.Children.OrderBy(c => c.Code).Select(ToRef).ToList(),
        u.StatusHistory.OrderByDescending(h => h.ChangedAtUtc).ThenByDescending(h => h.Id)
            .Select(h => new StatusChangeRecord(h.FromStatus, h.ToStatus, h.Reason, h.ChangedBy, h.ChangedAtUtc)).ToList());

    private static UnitRef ToRef(Unit u) => new(u.Code, u.Name, u.Kind, u.Status);
}
