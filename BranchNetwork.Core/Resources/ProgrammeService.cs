using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Resources;

public sealed record BatchProgress(int? BatchYear, UnitKind Kind, int Plaqued, int Total);

public sealed record ChecklistRow(int ItemId, string Item, bool Met, string? Note, string? Photo, int Version);

/// <summary>Where uploaded evidence photos live (under App_Data unless configured), and how large they may be.</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    public string Folder { get; set; } = "";

    public long MaxBytes { get; set; } = 2 * 1024 * 1024;
}

/// <summary>
/// The plaque and standards programme: construction batches and how far each is plaqued, and the standards
/// checklist per unit with evidence (a note and a photo). Photos are checked by content (JPEG or PNG), stored under a
/// generated name inside the photo folder, and served only to those who may see the unit.
/// </summary>
public sealed partial class ProgrammeService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, IOptions<PhotoOptions> photos)
{
    public async Task<IReadOnlyList<BatchProgress>> BatchesAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Select(u => new { u.BatchYear, u.Kind, Plaqued = u.PlaquedOn != null }).ToListAsync(ct);
        return units.GroupBy(u => (u.BatchYear, u.Kind)).OrderBy(g => g.Key.BatchYear ?? 0).ThenBy(g => g.Key.Kind)
            .Select(g => new BatchProgress(g.Key.BatchYear, g.Key.Kind, g.Count(u => u.Plaqued), g.Count())).ToList();
    }

    public async Task<IReadOnlyList<string>> ItemsAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).Select(i => i.Name).ToListAsync(ct);
    }

    public async Task AddItemAsync(string name, CancellationToken ct = default)
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = (await db.StandardItems.MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 10;
        db.StandardItems.Add(StandardItem.Create(name, order));
        await db.SaveChangesAsync(ct);
    }

    /// <returns>Null when the unit does not exist or lies outside the caller's scope.</returns>
    public async Task<IReadOnlyList<ChecklistRow>?> ChecklistAsync(string unitCode, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        if (unit is null)
        {
            return null;
        }

        var items = await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var states = await db.UnitStandards.AsNoTracking().Where(s => s.UnitId == unit.Id).ToDictionaryAsync(s => s.ItemId, ct);
        return items.Select(i => states.TryGetValue(i.Id, out var s)
            ? new ChecklistRow(i.Id, i.Name, s.Met, s.Note, s.Photo, s.Version)
            : new ChecklistRow(i.Id, i.Name, false, null, null, 0)).ToList();
    }

    /// <summary>Records whether a unit meets an item, with a note and optionally a new photo (JPEG or PNG).</summary>
    public async Task SetAsync(string unitCode, int itemId, int expectedVersion, bool met, string? note, byte[]? photo, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct) ?? throw new DomainException(ErrorCodes.UnitNotFound, null, unitCode);
        var item = await db.StandardItems.FirstOrDefaultAsync(i => i.Id == itemId && i.IsActive, ct) ?? throw new DomainException(ErrorCodes.StandardNotFound);
        var state = await db.UnitStandards.FirstOrDefaultAsync(s => s.UnitId == unit.Id && s.ItemId == itemId, ct);
        if ((state?.Version ?? 0) != expectedVersion)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, item.Name);
        }

        var extension = photo is null ? null : ImageExtension(photo) ?? throw new DomainException(ErrorCodes.PhotoNotAnImage, "Photo");
        if (photo?.Length > photos.Value.MaxBytes)
        {
            throw new DomainException(ErrorCodes.PhotoTooLarge, "Photo", photos.Value.MaxBytes / 1024 / 1024);
        }

        if (state is null)
        {
            state = UnitStandard.Start(unit, item);
            db.UnitStandards.Add(state);
        }

        // The file is written only after every check, and removed again if the database refuses the change.
        var stored = photo is null ? null : await StoreAsync(unit.Id, photo, extension!, ct);
        try
        {
            state.Set(met, note, stored);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (stored is not null)
            {
                File.Delete(PathOf(unit.Id, stored));
            }

            throw;
        }
    }

    /// <summary>A stored photo of a unit the caller may see; null otherwise (or for any name that is not ours).</summary>
    public async Task<(string Path, string ContentType)?> PhotoAsync(string unitCode, string fileName, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.CanRead || !StoredName().IsMatch(fileName))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await UnitAsync(db, actor, unitCode, ct);
        if (unit is null || !await db.UnitStandards.AnyAsync(s => s.UnitId == unit.Id && s.Photo == fileName, ct))
        {
            return null;
        }

        var path = PathOf(unit.Id, fileName);
        return File.Exists(path) ? (path, fileName.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg") : null;
    }

    private async Task<string> StoreAsync(int unitId, byte[] photo, string extension, CancellationToken ct)
    {
        var name = $"{Guid.NewGuid():N}.{extension}";
        var path = PathOf(unitId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, photo, ct);
        return name;
    }

    /// <summary>Both parts are ours (a unit id and a generated name), so the path cannot leave the photo folder.</summary>
    private string PathOf(int unitId, string name) =>
        Path.Combine(photos.Value.Folder, unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), name);

    private static string? ImageExtension(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "jpg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        _ => null,
    };

    private static Task<Unit?> UnitAsync(BranchNetworkDbContext db, Actor actor, string unitCode, CancellationToken ct)
    {
        var code = (unitCode ?? "").Trim().ToUpperInvariant();
        return db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code, ct);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png)$")]
    private static partial System.Text.RegularExpressions.Regex StoredName();
}
