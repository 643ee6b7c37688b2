using System.Net;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BranchNetwork.Tests.Operations;

/// <summary>
/// What several portal instances share through the database: leases (one instance does a piece of work), the
/// start-up that migrates and seeds once, the data-protection keys, and the uploaded files moved in from the folder.
/// </summary>
public sealed class SharedInstanceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-shared-").FullName;
    private readonly FakeTimeProvider time = new(TestNetwork.Now);

    private string Live => Path.Combine(folder, "live.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Of_two_instances_one_takes_a_free_lease_the_other_waits_and_takes_it_once_released()
    {
        var factory = await MigratedAsync();
        var a = Instance(factory, "a");
        var b = Instance(factory, "b");

        var held = await a.TryTakeAsync("job");
        Assert.NotNull(held);
        Assert.Null(await b.TryTakeAsync("job"));
        Assert.Equal("a", await b.HolderOfAsync("job"));

        var waiting = b.TakeAsync("job", poll: TimeSpan.FromMilliseconds(20));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "b waits while a holds the lease");
        await held!.DisposeAsync();

        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("b", await a.HolderOfAsync("job"));
    }

    [Fact]
    public async Task Two_instances_racing_for_a_new_lease_get_it_once()
    {
        var factory = await MigratedAsync();
        var instances = Enumerable.Range(0, 6).Select(i => Instance(factory, $"instance-{i}")).ToList();

        var held = await Task.WhenAll(instances.Select(i => i.TryTakeAsync("race")));

        Assert.Single(held, h => h is not null);
        foreach (var lease in held.OfType<HeldLease>())
        {
            await lease.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_held_lease_is_renewed_while_its_work_runs_so_nobody_takes_it_after_its_first_expiry()
    {
        var factory = await MigratedAsync();
        var a = Instance(factory, "a");
        var b = Instance(factory, "b");
        // Renewals come every third of the lease's duration on the machine's clock; expiries are read on the portal's.
        await using var held = await a.TryTakeAsync("long-job", TimeSpan.FromMilliseconds(600));
        var first = await ExpiryAsync(factory, "long-job");

        time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(async () => await ExpiryAsync(factory, "long-job") > time.GetUtcNow().UtcDateTime);

        Assert.True(time.GetUtcNow().UtcDateTime > first, "the clock is past the first expiry");
        Assert.Null(await b.TryTakeAsync("long-job"));
        Assert.True(held!.IsHeld);
        Assert.Equal("a", await b.HolderOfAsync("long-job"));
    }

    [Fact]
    public async Task A_lease_whose_holder_was_killed_is_taken_over_once_it_expires_and_the_dead_holder_cannot_release_it()
    {
        var factory = await MigratedAsync();
        // The killed instance's clock never moves again: it never renews, as a dead process would not.
        var killed = new Leases(factory, new InstanceIdentity("killed"), new FakeTimeProvider(TestNetwork.Now), NullLogger<Leases>.Instance);
        var survivor = Instance(factory, "survivor");
        var stale = await killed.TryTakeAsync("nightly", TimeSpan.FromSeconds(30));
        Assert.NotNull(stale);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await survivor.TryTakeAsync("nightly"));
        time.Advance(TimeSpan.FromSeconds(2));
        await using var taken = await survivor.TryTakeAsync("nightly");

        Assert.NotNull(taken);
        Assert.Equal("survivor", await survivor.HolderOfAsync("nightly"));
        // The stalled holder comes back and lets go: of nothing, the lease is no longer its.
        await stale!.DisposeAsync();
        Assert.Equal("survivor", await survivor.HolderOfAsync("nightly"));
    }

    [Fact]
    public async Task The_lease_gate_lets_one_instance_at_a_time_through_and_the_file_gate_does_too()
    {
        var factory = await MigratedAsync();
        IMigrationGate[] leaseGates = [LeaseGate(factory, "a"), LeaseGate(factory, "b"), LeaseGate(factory, "c")];
        IMigrationGate[] fileGates = [new FileMigrationGate(Live), new FileMigrationGate(Live), new FileMigrationGate(Live)];

        foreach (var gates in new[] { leaseGates, fileGates })
        {
            var inside = 0;
            var most = 0;
            var ran = 0;
            await Task.WhenAll(gates.Select(gate => gate.RunExclusivelyAsync(async _ =>
            {
                most = Math.Max(most, Interlocked.Increment(ref inside));
                await Task.Delay(100);
                Interlocked.Decrement(ref inside);
                Interlocked.Increment(ref ran);
            }, CancellationToken.None)));

            Assert.Equal(3, ran);
            Assert.Equal(1, most);
        }
    }

    [Fact]
    public async Task Two_portals_started_together_on_a_new_database_migrate_and_seed_it_once()
    {
        await using var first = new OwnDatabasePortal(Live);
        await using var second = new OwnDatabasePortal(Live);

        var started = await Task.WhenAll(Task.Run(() => first.Anonymous().GetAsync("/health")), Task.Run(() => second.Anonymous().GetAsync("/health")));

        Assert.All(started, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var connection = new SqliteConnection($"Data Source={Live};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(53L, await ScalarAsync(connection, "SELECT COUNT(*) FROM Units;"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM AspNetUsers WHERE Email = 'admin@demo.local';"));
        Assert.Equal(await ScalarAsync(connection, "SELECT COUNT(DISTINCT Code) FROM Indicators;"), await ScalarAsync(connection, "SELECT COUNT(*) FROM Indicators;"));
        Assert.True((long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM Activities;"))! > 0);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM (SELECT 1 FROM Activities GROUP BY UnitId, Date, Title HAVING COUNT(*) > 1);"));
    }

    [Fact]
    public async Task A_sign_in_cookie_protected_by_one_instance_is_read_by_another_on_the_same_database()
    {
        string cookie;
        await using (var first = new OwnDatabasePortal(Live))
        {
            var response = await PortalSignIn.SignInAsync(first.Anonymous(), PortalFactory.AdminEmail, PortalFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".BranchNetwork.Identity=", StringComparison.Ordinal));
        }

        // Another instance (a new process would be the same: it reads the key ring from the database, not from a folder).
        await using var second = new OwnDatabasePortal(Live);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/backups");
        request.Headers.Add("Cookie", cookie);
        var page = await second.Anonymous().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var connection = new SqliteConnection($"Data Source={Live};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM DataProtectionKeys;"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM AuditEntries WHERE EntityType LIKE '%DataProtection%';"));
    }

    [Fact]
    public async Task Keys_an_older_release_kept_in_its_folder_join_the_database_so_its_cookies_stay_readable()
    {
        var keys = Directory.CreateDirectory(Path.Combine(folder, "keys")).FullName;
        string protectedByOldRelease;
        await using (var old = new ServiceCollection().AddDataProtection().SetApplicationName(PortalIdentity.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keys)).Services.BuildServiceProvider())
        {
            protectedByOldRelease = old.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Protect("签到");
        }

        // Two starts of the new release: the second finds the key in the database and adds nothing.
        for (var start = 0; start < 2; start++)
        {
            await using var own = new OwnDatabasePortal(Live);
            await using var portal = own.WithWebHostBuilder(b => b.UseSetting(PortalIdentity.KeysFolderSetting, keys));

            var unprotected = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade").Unprotect(protectedByOldRelease);

            Assert.Equal("签到", unprotected);
        }

        await using var connection = new SqliteConnection($"Data Source={Live};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM DataProtectionKeys;"));
        Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task Files_left_in_the_photo_folder_move_into_the_database_once_and_a_move_stopped_midway_loses_nothing()
    {
        var factory = await MigratedAsync();
        var photos = Path.Combine(folder, "photos");
        var files = new Dictionary<string, byte[]>();
        for (var i = 0; i < 40; i++)
        {
            var path = i % 2 == 0 ? $"activities/{i}/{Guid.NewGuid():N}.png" : $"{i}/{Guid.NewGuid():N}.jpg";
            files[path] = [.. Resources.ResourcesTests.Png, (byte)i];
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(photos, path))!);
            await File.WriteAllBytesAsync(Path.Combine(photos, path), files[path]);
        }

        await File.WriteAllTextAsync(Path.Combine(photos, "notes.txt"), "not an upload");
        var store = new PhotoStore(Options.Create(new PhotoOptions { Folder = photos }), time);
        // "Killed" after the first batch's commit, before its files were deleted: they are in the folder and the table.
        var firstBatch = files.Keys.Take(16).ToList();
        await using (var db = factory.CreateDbContext())
        {
            foreach (var path in firstBatch)
            {
                db.StoredFiles.Add(new StoredFile(path, files[path], time.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync();
        }

        var moved = await store.MoveFolderIntoDatabaseAsync(factory, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(40, moved);
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.StoredFiles.ToDictionaryAsync(f => f.Path, f => f.Content);
            Assert.Equal(files.Keys.Order(), stored.Keys.Order());
            Assert.All(files, f => Assert.Equal(f.Value, stored[f.Key]));
            var name = files.Keys.First(p => p.StartsWith("activities/", StringComparison.Ordinal));
            var served = await store.ServedAsync(db, name[..name.LastIndexOf('/')], name[(name.LastIndexOf('/') + 1)..], CancellationToken.None);
            Assert.Equal(files[name], served!.Content);
            Assert.Equal("image/png", served.ContentType);
        }

        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(photos, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal(0, await store.MoveFolderIntoDatabaseAsync(factory, NullLogger.Instance, CancellationToken.None));
    }

    private async Task<BranchNetworkDbContextFactory> MigratedAsync()
    {
        var factory = new BranchNetworkDbContextFactory(
            new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite($"Data Source={Live}").Options, SystemUser.Instance, time);
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return factory;
    }

    private Leases Instance(BranchNetworkDbContextFactory factory, string id) => new(factory, new InstanceIdentity(id), time, NullLogger<Leases>.Instance);

    private LeaseMigrationGate LeaseGate(BranchNetworkDbContextFactory factory, string id) =>
        new(factory, Instance(factory, id), new FileMigrationGate(null));

    private static async Task<DateTime> ExpiryAsync(BranchNetworkDbContextFactory factory, string name)
    {
        await using var db = factory.CreateDbContext();
        return await db.Leases.Where(l => l.Name == name).Select(l => l.ExpiresAtUtc).SingleAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the condition did not come true within 10 s");
            await Task.Delay(20);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
