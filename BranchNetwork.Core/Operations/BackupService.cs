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

/// <summary>How backups are made on this portal's database, for the page to say so.</summary>
/// <param name="Engine">The engine's name (<c>sqlite</c>, <c>pg_dump</c>).</param>
/// <param name="MissingTool">The program the engine needs and cannot find; null when backups work.</param>
public sealed record BackupPlan(string Engine, string? MissingTool, string Folder);

/// <summary>
/// Backups of the live database into the backup folder (<see cref="BackupOptions"/>) by the engine of its kind
/// (<see cref="BackupEngines"/>): on an administrator's demand or on the daily schedule, one at a time, each followed by
/// the retention rule. Each backup lands in the audit trail. The daily one is taken by one portal instance only.
/// </summary>
public sealed class BackupService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock,
    BackupGate gate,
    BackupEngines engines,
    Leases leases,
    IOptions<BackupOptions> options,
    ILogger<BackupService> logger)
{
    public const string FilePrefix = "branchnetwork-";

    /// <summary>The daily backup's lease is named for the county's day: the first instance to take it backs up, the others skip.</summary>
    public const string DailyLeasePrefix = "daily-backup-";

    public string Folder => options.Value.Directory;

    /// <summary>How backups are made here (administrators).</summary>
    public async Task<BackupPlan> PlanAsync()
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        var engine = await EngineAsync();
        return new BackupPlan(engine.Name, engine.MissingTool, Folder);
    }

    /// <summary>The backups in the folder, newest first (administrators).</summary>
    public async Task<IReadOnlyList<BackupRecord>> ListAsync()
    {
        (await currentUser.GetActorAsync()).DemandAdministrator();
        return List((await EngineAsync()).FileExtension);
    }

    /// <summary>Backs up now on an administrator's demand.</summary>
    /// <param name="progress">What is being copied now (PostgreSQL names each table).</param>
    public async Task<BackupRecord> BackUpNowAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        actor.DemandAdministrator();
        return await BackUpAsync(actor, null, progress, ct);
    }

    /// <summary>
    /// The daily backup (the portal itself acts), unless another instance has taken today's already: its lease is kept
    /// to the end of the next day, so an instance whose clock runs late does not take it again.
    /// </summary>
    /// <returns>The backup, or null when another instance took today's.</returns>
    public async Task<BackupRecord?> BackUpScheduledAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.ToLocal(clock.UtcNow));
        await leases.ForgetExpiredAsync(DailyLeasePrefix, ct);
        await using var lease = await leases.TryTakeAsync(DailyLeasePrefix + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct: ct);
        if (lease is null)
        {
            logger.LogInformation("Another portal instance takes the daily backup of {Day}", today);
            return null;
        }

        var made = await BackUpAsync(Actor.System, null, null, ct);
        await lease.KeepUntilAsync(clock.UtcNow.AddDays(2), ct);
        return made;
    }

    /// <param name="openTarget">The seam through which the file is written (tests make it run out of space).</param>
    internal async Task<BackupRecord> BackUpAsync(Actor actor, Func<string, Stream>? openTarget, IProgress<string>? progress, CancellationToken ct)
    {
        if (!gate.TryEnter())
        {
            throw new DomainException(ErrorCodes.BackupInProgress);
        }

        try
        {
            var now = clock.UtcNow;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var engine = engines.For(db);
            var name = $"{FilePrefix}{clock.ToLocal(now):yyyyMMdd-HHmmss}{engine.FileExtension}";
            var bytes = await engine.BackUpAsync(DatabaseTarget.Of(db), Path.Combine(Folder, name), openTarget, progress, ct);
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
            Prune(engine.FileExtension);
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

    private async Task<IBackupEngine> EngineAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return engines.For(db);
    }

    private List<BackupRecord> List(string extension)
    {
        var folder = new DirectoryInfo(Folder);
        return !folder.Exists
            ? []
            : folder.EnumerateFiles($"{FilePrefix}*{extension}")
                .Select(f => new BackupRecord(f.Name, f.Length, f.LastWriteTimeUtc))
                .OrderByDescending(b => b.Name, StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>Keeps the newest <see cref="BackupOptions.RetainCount"/> backups (names sort by time).</summary>
    private void Prune(string extension)
    {
        foreach (var old in List(extension).Skip(Math.Max(1, options.Value.RetainCount)))
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
