using System.Reflection;
using System.Text;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// The file side of backups: an online copy of the live database, the check of a file before it may replace the
/// live one, and the replacement itself. No DI and no web host: the command line uses these with the portal stopped.
/// </summary>
public static partial class DatabaseFiles
{
    /// <summary>Tables every version of this application's database has; a file without them belongs to something else.</summary>
    private static readonly string[] OwnTables = ["__EFMigrationsHistory", "Units", "MonthlyReports", "AuditEntries", "AspNetUsers"];

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>The SQLite migrations of this build, oldest first: their ids are the schema versions it knows.</summary>
    public static IReadOnlyList<string> KnownMigrations { get; } = typeof(BranchNetworkDbContext).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(BranchNetworkDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The database file named by a SQLite connection string.</summary>
    public static string PathOf(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>
    /// Copies the live database to <paramref name="target"/> while the portal keeps working. SQLite's online backup
    /// first takes a consistent snapshot beside the live file (WAL: writers are not blocked); the snapshot is then
    /// copied through <paramref name="openTarget"/> to <c>target.partial</c> and renamed, so the target is either
    /// the whole backup or untouched. Whatever fails, no partial file is left behind.
    /// </summary>
    /// <param name="openTarget">Opens the file the copy is written to; tests pass one that runs out of space.</param>
    /// <returns>The size of the backup in bytes.</returns>
    public static async Task<long> BackupAsync(string liveConnectionString, string target, Func<string, Stream>? openTarget = null, CancellationToken ct = default)
    {
        target = Path.GetFullPath(target);
        var live = PathOf(liveConnectionString);
        if (!File.Exists(live))
        {
            // Opening it would create an empty database and "back up" that.
            throw new DomainException(ErrorCodes.BackupFileNotFound, null, live);
        }

        var partial = target + ".partial";
        var stage = Path.Combine(Path.GetDirectoryName(live)!, $".backup-{Guid.NewGuid():N}.tmp");
        openTarget ??= path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Fail on an unwritable target before copying a whole database.
            await using (openTarget(partial))
            {
            }

            await Task.Run(() => Snapshot(liveConnectionString, stage), ct);
            await using (var input = new FileStream(stage, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            await using (var output = openTarget(partial))
            {
                await input.CopyToAsync(output, 64 * 1024, ct);
                await output.FlushAsync(ct);
                if (output is FileStream file)
                {
                    file.Flush(flushToDisk: true);
                }
            }

            File.Move(partial, target, overwrite: true);
            return new FileInfo(target).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(partial);
            throw IsDiskFull(e)
                ? new DomainException(ErrorCodes.BackupDiskFull, null, target)
                : new DomainException(ErrorCodes.BackupWriteFailed, null, target, e.Message);
        }
        finally
        {
            TryDelete(stage);
        }
    }

    /// <summary>Checks a file without changing it: SQLite at all, sound, ours, and which schema version.</summary>
    public static DatabaseCheck Inspect(string file)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new DomainException(ErrorCodes.BackupFileNotFound, null, file);
        }

        if (!HasSqliteHeader(file))
        {
            throw new DomainException(ErrorCodes.BackupNotADatabase, null, file);
        }

        try
        {
            using var connection = Open(file, SqliteOpenMode.ReadWrite);
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var applied = tables.Contains("__EFMigrationsHistory")
                ? Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory;")
                : [];
            if (!OwnTables.All(tables.Contains) || !applied.Intersect(KnownMigrations).Any())
            {
                throw new DomainException(ErrorCodes.BackupForeignDatabase, null, file);
            }

            var integrity = Strings(connection, "PRAGMA integrity_check;");
            return new DatabaseCheck(
                file,
                new FileInfo(file).Length,
                integrity is ["ok"] ? [] : integrity,
                KnownMigrations.LastOrDefault(applied.Contains),
                KnownMigrations.Count(m => !applied.Contains(m)),
                applied.Except(KnownMigrations).Order(StringComparer.Ordinal).ToList());
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT, SQLITE_NOTADB: a SQLite header on something else, or a file damaged past reading.
            throw new DomainException(ErrorCodes.BackupNotADatabase, null, file);
        }
    }

    /// <summary>
    /// Replaces the live database with <paramref name="source"/> once the source has passed <see cref="Inspect"/>.
    /// The portal must be stopped (its lock is taken first); the replaced database is kept as
    /// <c>{live}.before-restore</c>, including what was still in its write-ahead log.
    /// </summary>
    public static DatabaseCheck Restore(string source, string liveConnectionString)
    {
        var live = PathOf(liveConnectionString);
        using var portalLock = PortalLock.TryExclusive(live) ?? throw new DomainException(ErrorCodes.BackupPortalRunning, null, live);
        var check = Inspect(source);
        check.EnsureRestorable();

        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        var incoming = live + ".restoring";
        try
        {
            File.Copy(check.File, incoming, overwrite: true);
            if (File.Exists(live))
            {
                Snapshot(liveConnectionString, live + ".before-restore.tmp");
                File.Move(live + ".before-restore.tmp", live + ".before-restore", overwrite: true);
            }

            SqliteConnection.ClearAllPools();
            // A log left beside the old file would be replayed into the new one: it goes first (its content is in
            // the .before-restore copy).
            TryDelete(live + "-wal");
            TryDelete(live + "-shm");
            File.Move(incoming, live, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(incoming);
            TryDelete(live + ".before-restore.tmp");
            throw IsDiskFull(e)
                ? new DomainException(ErrorCodes.BackupDiskFull, null, live)
                : new DomainException(ErrorCodes.BackupWriteFailed, null, live, e.Message);
        }

        return check with { File = live };
    }

    /// <summary>
    /// Removes what a backup or restore killed midway leaves behind, before the portal serves: the backup's snapshot
    /// beside the live file (<c>.backup-*.tmp</c>, a full copy of the database with its password hashes), unfinished
    /// backups (<c>*.partial</c>) in the backup folder, and a restore's <c>.restoring</c> and <c>.before-restore.tmp</c>.
    /// The finished <c>.before-restore</c> is the database a restore replaced, kept on purpose, and stays. Call it
    /// holding the portal's lock (no restore runs then); a backup from the command line running at that moment fails
    /// and says so, as its stage file is gone.
    /// </summary>
    /// <returns>The files removed.</returns>
    public static IReadOnlyList<string> RemoveLeftovers(string liveConnectionString, string backupFolder, ILogger logger)
    {
        var live = PathOf(liveConnectionString);
        var folder = Path.GetDirectoryName(live)!;
        var leftovers = new List<(string File, string What)>();
        if (Directory.Exists(folder))
        {
            leftovers.AddRange(Directory.EnumerateFiles(folder, ".backup-*.tmp*")
                .Where(f => StageName().IsMatch(Path.GetFileName(f))).Select(f => (f, "backup stage file")));
            leftovers.AddRange(new[] { ".restoring", ".before-restore.tmp", ".before-restore.tmp-journal" }
                .Select(suffix => live + suffix).Where(File.Exists).Select(f => (f, "restore stage file")));
        }

        if (Directory.Exists(backupFolder))
        {
            leftovers.AddRange(Directory.EnumerateFiles(backupFolder, "*.partial").Select(f => (f, "unfinished backup")));
        }

        var removed = new List<string>();
        foreach (var (file, what) in leftovers)
        {
            if (TryDelete(file))
            {
                logger.LogWarning("Removed leftover {What} {File} (a backup or restore was stopped before it finished)", what, file);
                removed.Add(file);
            }
            else
            {
                logger.LogError("Could not remove leftover {What} {File}; remove it by hand", what, file);
            }
        }

        return removed;
    }

    /// <summary>One consistent copy of a database into a new single file (rollback journal, no WAL beside it).</summary>
    private static void Snapshot(string sourceConnectionString, string destination)
    {
        using (var source = new SqliteConnection(sourceConnectionString))
        using (var copy = Open(destination, SqliteOpenMode.ReadWriteCreate))
        {
            source.Open();
            source.BackupDatabase(copy);
            using var journal = copy.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            journal.ExecuteNonQuery();
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static bool HasSqliteHeader(string file)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
    }

    /// <summary>ENOSPC on Linux (errno 28), ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows, SQLITE_FULL.</summary>
    private static bool IsDiskFull(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 13,
        IOException io => io.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027),
        _ => false,
    };

    private static bool TryDelete(string file)
    {
        try
        {
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run (which removes it at start-up); never hides the original failure.
            return false;
        }
    }

    /// <summary>The name <see cref="BackupAsync"/> gives its snapshot, and SQLite's journal of it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\.backup-[0-9a-f]{32}\.tmp(-journal)?$")]
    private static partial System.Text.RegularExpressions.Regex StageName();
}
