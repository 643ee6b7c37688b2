using System.Data.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// How backups of one kind of database are made, checked and restored. <see cref="BackupService"/> (the page, the
/// schedule) adds the folder, the retention rule and the audit entry; the command line calls the engine directly.
/// </summary>
public interface IBackupEngine
{
    /// <summary>What the page and the command line call it (<c>sqlite</c>, <c>pg_dump</c>).</summary>
    string Name { get; }

    /// <summary>The extension of its backup files, which the backup folder's listing and retention go by.</summary>
    string FileExtension { get; }

    /// <summary>The live database as messages name it: the SQLite file, the PostgreSQL database.</summary>
    string Location(DatabaseTarget database);

    /// <summary>The program this engine needs and cannot find (the page explains the commands instead); null when it can work.</summary>
    string? MissingTool { get; }

    /// <param name="openTarget">The seam through which a file is written (tests make it run out of space); engines that run a program ignore it.</param>
    /// <param name="progress">What is being copied now (a table), for the page.</param>
    /// <returns>The size of the backup in bytes.</returns>
    Task<long> BackUpAsync(DatabaseTarget database, string target, Func<string, Stream>? openTarget, IProgress<string>? progress, CancellationToken ct);

    /// <summary>Checks a backup file, or the live database when <paramref name="file"/> is null.</summary>
    Task<DatabaseCheck> CheckAsync(DatabaseTarget database, string? file, CancellationToken ct);

    /// <summary>Restores a backup file into the database, refusing whatever would break it.</summary>
    Task<DatabaseCheck> RestoreAsync(DatabaseTarget database, string source, CancellationToken ct);
}

/// <summary>The live database as an engine needs it: the connection string (with its password) and an unopened connection.</summary>
public sealed record DatabaseTarget(string ConnectionString, Func<DbConnection> Connect)
{
    public static DatabaseTarget Of(BranchNetworkDbContext db) => new(db.Database.GetConnectionString()!, db.Database.GetDbConnection);
}

/// <summary>The one choice of backup engine by the kind of database (<see cref="ProviderCheck"/>).</summary>
public sealed class BackupEngines(IOptions<BackupOptions> options)
{
    private readonly SqliteBackupEngine sqlite = new();
    private readonly PgDumpBackupEngine pgDump = new(options);

    public IBackupEngine For(BranchNetworkDbContext db) => DatabaseProvider.KindOf(db.Database) == DatabaseKind.Sqlite ? sqlite : pgDump;
}

/// <summary>SQLite: the online copy of the file and the checked file replacement of <see cref="DatabaseFiles"/>.</summary>
public sealed class SqliteBackupEngine : IBackupEngine
{
    public string Name => "sqlite";

    public string FileExtension => ".db";

    public string? MissingTool => null;

    public string Location(DatabaseTarget database) => DatabaseFiles.PathOf(database.ConnectionString);

    public Task<long> BackUpAsync(DatabaseTarget database, string target, Func<string, Stream>? openTarget, IProgress<string>? progress, CancellationToken ct) =>
        DatabaseFiles.BackupAsync(database.ConnectionString, target, openTarget, ct);

    public Task<DatabaseCheck> CheckAsync(DatabaseTarget database, string? file, CancellationToken ct) =>
        Task.FromResult(DatabaseFiles.Inspect(file ?? DatabaseFiles.PathOf(database.ConnectionString)));

    public Task<DatabaseCheck> RestoreAsync(DatabaseTarget database, string source, CancellationToken ct) =>
        Task.FromResult(DatabaseFiles.Restore(source, database.ConnectionString));
}
