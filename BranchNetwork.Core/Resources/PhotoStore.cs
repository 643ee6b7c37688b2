using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Resources;

/// <summary>
/// The one place uploaded photos (checklist evidence, activity photos, assessment evidence with its PDFs) are checked, written, served and removed:
/// checked whole (<see cref="ImageCheck"/>) and by size, stored under a generated name in a folder of the record they
/// belong to, so no path a request names can leave the photo folder.
/// </summary>
public sealed partial class PhotoStore(IOptions<PhotoOptions> options)
{
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

    /// <param name="folder">The record's own folder: a unit id, or <c>activities/{id}</c>; always made of our own ids.</param>
    /// <returns>The generated file name.</returns>
    public async Task<string> WriteAsync(string folder, byte[] photo, string extension, CancellationToken ct)
    {
        var name = $"{Guid.NewGuid():N}.{extension}";
        var path = PathOf(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, photo, ct);
        return name;
    }

    /// <summary>Removes a photo no record points at any more.</summary>
    public void Delete(string folder, string name)
    {
        try
        {
            File.Delete(PathOf(folder, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Being served at this moment (Windows): the change is saved; the orphan costs disk space only.
        }
    }

    /// <summary>A name we generated (anything else a request names is not ours to serve).</summary>
    public static bool IsOurs(string name) => StoredName().IsMatch(name);

    /// <returns>The file and its content type, or null when it is not there.</returns>
    public (string Path, string ContentType)? Served(string folder, string name)
    {
        var path = PathOf(folder, name);
        var type = Path.GetExtension(name) switch { ".png" => "image/png", ".pdf" => "application/pdf", _ => "image/jpeg" };
        return File.Exists(path) ? (path, type) : null;
    }

    private string PathOf(string folder, string name) => Path.Combine(options.Value.Folder, folder, name);

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|pdf)$")]
    private static partial Regex StoredName();
}
