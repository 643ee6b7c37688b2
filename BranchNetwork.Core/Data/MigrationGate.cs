using BranchNetwork.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Lets one portal instance at a time bring the database up to date (migrations, seeding, moving files in): the
/// others wait, then find it ready and seed nothing twice. <see cref="DatabaseInitializer"/> runs all its work inside.
/// </summary>
public interface IMigrationGate
{
    Task RunExclusivelyAsync(Func<CancellationToken, Task> work, CancellationToken ct);
}

/// <summary>
/// SQLite: instances share the database only on one machine, so a lock file beside the database (<c>{db}.init.lock</c>,
/// taken exclusively, as <see cref="PortalLock"/> takes its own) serialises them, before the first table exists. An
/// in-memory database belongs to one process: a process-wide semaphore does.
/// </summary>
public sealed class FileMigrationGate(string? databaseFile) : IMigrationGate
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public async Task RunExclusivelyAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (databaseFile is null)
        {
            await InProcess.WaitAsync(ct);
            try
            {
                await work(ct);
            }
            finally
            {
                InProcess.Release();
            }

            return;
        }

        using var held = await LockAsync(databaseFile + ".init.lock", ct);
        await work(ct);
    }

    private static async Task<FileStream> LockAsync(string file, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // FileShare.None is flock(LOCK_EX) on Linux: another process, or another instance in this one, waits.
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }
}

/// <summary>
/// A database server shared by instances on several machines: the lease <see cref="LeaseName"/> in the database.
/// It needs the <c>Leases</c> table, so it serves a database that has it; the very first migration of an empty
/// database must be serialised by the server itself — <paramref name="bootstrap"/>, on PostgreSQL an advisory lock
/// (<c>pg_advisory_lock</c>), which the provider seam supplies.
/// </summary>
public sealed class LeaseMigrationGate(IDbContextFactory<BranchNetworkDbContext> dbFactory, Leases leases, IMigrationGate bootstrap) : IMigrationGate
{
    public const string LeaseName = "database-initializer";

    /// <summary>The migration that creates the <c>Leases</c> table.</summary>
    public const string LeaseTableMigration = "SharedInstanceState";

    public async Task RunExclusivelyAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        if (!await HasLeaseTableAsync(ct))
        {
            await bootstrap.RunExclusivelyAsync(work, ct);
            return;
        }

        await using var lease = await leases.TakeAsync(LeaseName, ct: ct);
        await work(ct);
    }

    private async Task<bool> HasLeaseTableAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Database.GetAppliedMigrationsAsync(ct)).Any(m => m.EndsWith("_" + LeaseTableMigration, StringComparison.Ordinal));
    }
}

/// <summary>
/// A new, empty server database: the server's own session lock (<see cref="DatabaseProvider.ServerLockAsync"/>, on
/// PostgreSQL an advisory lock), held on one connection for the whole first migration.
/// </summary>
public sealed class ServerLockMigrationGate(IDbContextFactory<BranchNetworkDbContext> dbFactory) : IMigrationGate
{
    public async Task RunExclusivelyAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using (await DatabaseProvider.ServerLockAsync(db, LeaseMigrationGate.LeaseName, ct))
        {
            await work(ct);
        }
    }
}
