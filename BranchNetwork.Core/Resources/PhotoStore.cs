using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Resources;

/// <summary>An uploaded file as served: its bytes and their content type.</summary>
public sealed record StoredPhoto(byte[] Content, string ContentType);

/// <summary>
/// The one place uploaded photos (checklist evidence, activity photos, assessment evidence with its PDFs) are checked, stored, served and removed:
/// checked whole (<see cref="ImageCheck"/>) and by size, stored in the database (<see cref="StoredFile"/>, so backups
/// hold them and every instance serves them) under a generated name in a folder of the record they belong to, so no
/// path a request names can reach another record's file.
/// </summary>
public sealed partial class PhotoStore(IOptions<PhotoOptions> options, TimeProvider time)
{
    /// <summary>How many files go into the database per transaction when the photo folder is moved in.</summary>
    private const int MoveBatch = 16;

    /// <returns>The file extension the photo is stored with (jpg or png).</returns>
    /// <exception cref="DomainException">Over the size limit, or not a whole JPEG or PNG.</exception>
    public string Check(byte[] photo)
    {
        if (photo.Length > options.Value.MaxBytes)
        {
            throw new DomainException(ErrorCodes.PhotoTooLarge, "Photo", options.Value.MaxBytes / 1024 / 1024);
        }

        return ImageCheck.Extension(photo) ?? throw new DomainException(ErrorCodes.PhotoNotAnImage, "Photo");
    }

    /// <summary>Adds a checked file to <paramref name="db"/>: it is saved with the change that points at it, or not at all.</summary>
    /// <param name="folder">The record's own folder: a unit id, or <c>activities/{id}</c>; always made of our own ids.</param>
    /// <returns>The generated file name.</returns>
    public string Add(BranchNetworkDbContext db, string folder, byte[] photo, string extension)
    {
        var name = $"{Guid.NewGuid():N}.{extension}";
        db.StoredFiles.Add(new StoredFile(PathOf(folder, name), photo, time.GetUtcNow().UtcDateTime));
        return name;
    }

    /// <summary>Removes a file no record points at any more (after the change that let go of it is saved).</summary>
    public Task DeleteAsync(BranchNetworkDbContext db, string folder, string name, CancellationToken ct)
    {
        var path = PathOf(folder, name);
        return db.StoredFiles.Where(f => f.Path == path).ExecuteDeleteAsync(ct);
    }

    /// <summary>A name we generated (anything else a request names is not ours to serve).</summary>
    public static bool IsOurs(string name) => StoredName().IsMatch(name);

    /// <returns>The file and its content type, or null when it is not there.</returns>
    public async Task<StoredPhoto?> ServedAsync(BranchNetworkDbContext db, string folder, string name, CancellationToken ct)
    {
        var path = PathOf(folder, name);
        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Path == path).Select(f => f.Content).FirstOrDefaultAsync(ct);
        var type = Path.GetExtension(name) switch { ".png" => "image/png", ".pdf" => "application/pdf", _ => "image/jpeg" };
        return content is null ? null : new StoredPhoto(content, type);
    }

    /// <summary>
    /// Moves the files an older portal kept in the photo folder (<see cref="PhotoOptions.Folder"/>) into the database,
    /// under the same relative paths. A file is deleted only once its row is committed, and a row already there is not
    /// written again: run at every start-up, stopped at any point, it loses nothing and finishes on the next run.
    /// </summary>
    /// <returns>How many files were moved.</returns>
    public async Task<int> MoveFolderIntoDatabaseAsync(IDbContextFactory<BranchNetworkDbContext> dbFactory, ILogger logger, CancellationToken ct)
    {
        var root = new DirectoryInfo(options.Value.Folder);
        if (!root.Exists)
        {
            return 0;
        }

        var files = root.EnumerateFiles("*", SearchOption.AllDirectories).Where(f => IsOurs(f.Name)).ToList();
        foreach (var batch in files.Chunk(MoveBatch))
        {
            var paths = batch.ToDictionary(f => Path.GetRelativePath(root.FullName, f.FullName).Replace('\\', '/'));
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var keys = paths.Keys.ToList();
                var stored = await db.StoredFiles.Where(f => keys.Contains(f.Path)).Select(f => f.Path).ToListAsync(ct);
                foreach (var (path, file) in paths.Where(p => !stored.Contains(p.Key)))
                {
                    db.StoredFiles.Add(new StoredFile(path, await File.ReadAllBytesAsync(file.FullName, ct), file.LastWriteTimeUtc));
                }

                await db.SaveChangesAsync(ct);
            }

            foreach (var file in batch)
            {
                file.Delete();
            }
        }

        if (files.Count > 0)
        {
            logger.LogInformation("Moved {Count} uploaded files from {Folder} into the database", files.Count, root.FullName);
        }

        foreach (var folder in root.EnumerateDirectories("*", SearchOption.AllDirectories).OrderByDescending(d => d.FullName.Length))
        {
            if (!folder.EnumerateFileSystemInfos().Any())
            {
                folder.Delete();
            }
        }

        return files.Count;
    }

    private static string PathOf(string folder, string name) => $"{folder.Replace('\\', '/')}/{name}";

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|pdf)$")]
    private static partial Regex StoredName();
}
