using System.Globalization;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Operations;

/// <summary>A backup in the backup folder.</summary>
public sealed record BackupRecord(string Name, long Bytes, DateTime CreatedAtUtc);

/// <summary>
/// Backups of the live database into the backup folder (<see cref="BackupOptions"/>): on an administrator's demand
/// or on the daily schedule, one at a time, each followed by the retention rule. Each backup lands in the audit trail.
/// </summary>
public sealed class BackupService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock,
    BackupGate gate,
    IOptions<BackupOptions> options,
    ILogger<BackupService> logger)
{
    public const string FilePrefix = "branchnetwork-";
    public const string FileExtension = ".db";

    public string Folder => options.Value.Directory;

    /// <summary>The backups in the folder, newest first (administrators).</summary>
    public async Task<IReadOnlyList<BackupRecord>> ListAsync()
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        return List();
    }

    /// <summary>Backs up now on an administrator's demand.</summary>
    public async Task<BackupRecord> BackUpNowAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        actor.DemandAdministrator();
        return await BackUpAsync(actor, null, ct);
    }

    /// <summary>The daily backup (the portal itself acts).</summary>
    public Task<BackupRecord> BackUpScheduledAsync(CancellationToken ct = default) => BackUpAsync(Actor.System, null, ct);

    /// <param name="openTarget">The seam through which the file is written (tests make it run out of space).</param>
    internal async Task<BackupRecord> BackUpAsync(Actor actor, Func<string, Stream>? openTarget, CancellationToken ct)
    {
        if (!gate.TryEnter())
        {
            throw new DomainException(ErrorCodes.BackupInProgress);
        }

        try
        {
            var now = clock.UtcNow;
            var name = $"{FilePrefix}{clock.ToLocal(now):yyyyMMdd-HHmmss}{FileExtension}";
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var bytes = await DatabaseFiles.BackupAsync(db.Database.GetConnectionString()!, Path.Combine(Folder, name), openTarget, ct);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now,
                UserId = actor.UserId,
                UserName = actor.Name,
                EntityType = AuditEntities.Backup,
                EntityKey = name,
                Action = AuditActions.BackedUp,
                Changes = System.Text.Json.JsonSerializer.Serialize(
                    new[] { new FieldChange("Bytes", null, bytes.ToString(CultureInfo.InvariantCulture)) }, AuditJson.Default.FieldChangeArray),
            });
            await db.SaveChangesAsync(ct);
            Prune();
            logger.LogInformation("Backed up the database to {File} ({Bytes} bytes) for {User}", name, bytes, actor.Name);
            return new BackupRecord(name, bytes, now);
        }
        catch (DomainException e)
        {
            logger.LogError("Backup failed: {Error}", e.Message);
            throw;
        }
        finally
        {
            gate.Exit();
        }
    }

    private List<BackupRecord> List()
    {
        var folder = new DirectoryInfo(Folder);
        return !folder.Exists
            ? []
            : folder.EnumerateFiles($"{FilePrefix}*{FileExtension}")
                .Select(f => new BackupRecord(f.Name, f.Length, f.LastWriteTimeUtc))
                .OrderByDescending(b => b.Name, StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>Keeps the newest <see cref="BackupOptions.RetainCount"/> backups (names sort by time).</summary>
    private void Prune()
    {
        foreach (var old in List().Skip(Math.Max(1, options.Value.RetainCount)))
        {
            try
            {
                File.Delete(Path.Combine(Folder, old.Name));
                logger.LogInformation("Deleted the old backup {File}", old.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new backup is made; an old one that cannot go now goes after the next.
                logger.LogWarning(e, "Could not delete the old backup {File}", old.Name);
            }
        }
    }
}

/// <summary>One backup at a time in the process, whoever asks (page, schedule).</summary>
public sealed class BackupGate
{
    private readonly SemaphoreSlim semaphore = new(1, 1);

    public bool IsBusy => semaphore.CurrentCount == 0;

    public bool TryEnter() => semaphore.Wait(0);

    public void Exit() => semaphore.Release();
}
