using System.Globalization;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BranchNetwork.Tests.Operations;

/// <summary>
/// Backups of the live database (page service, schedule, command line), the checks a file passes before it may be
/// restored, and restores — on real SQLite files in a temporary folder.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-backup-").FullName;
    private readonly TestCurrentUser user = new();
    private readonly FakeTimeProvider time = new(TestNetwork.Now);
    private readonly CountyClock clock;

    public BackupTests()
    {
        clock = new CountyClock(time, TimeZoneInfo.FindSystemTimeZoneById(CountyClock.DefaultTimeZone));
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    private string Live => Path.Combine(folder, "live", "branchnetwork.db");

    private string BackupFolder => Path.Combine(folder, "backups");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task What_a_killed_backup_or_restore_left_is_removed_when_the_portal_starts_and_the_kept_copies_stay()
    {
        var (leftovers, kept) = KilledMidway();

        await using (var portal = new OwnDatabasePortal(Live, BackupFolder))
        {
            var admin = await portal.SignedInAsync(PortalFactory.AdminEmail);
            Assert.Equal(200, (int)(await admin.GetAsync("/health")).StatusCode);
        }

        Assert.All(leftovers, f => Assert.False(File.Exists(f), f));
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void Each_leftover_removed_is_logged_by_name()
    {
        var (leftovers, kept) = KilledMidway();
        var logger = new ListLogger();

        var removed = DatabaseFiles.RemoveLeftovers($"Data Source={Live}", BackupFolder, logger);

        Assert.Equal(leftovers.Order(), removed.Order());
        Assert.Contains(logger.Lines, l => l.StartsWith("Removed leftover backup stage file ", StringComparison.Ordinal) && l.Contains(leftovers[0], StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.StartsWith("Removed leftover unfinished backup ", StringComparison.Ordinal) && l.Contains(leftovers[^1], StringComparison.Ordinal));
        Assert.Equal(leftovers.Length, logger.Lines.Count);
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
    }

    /// <summary>The files a backup and a restore leave when killed midway, and files beside them that are kept on purpose.</summary>
    private (string[] Leftovers, string[] Kept) KilledMidway()
    {
        var live = Directory.CreateDirectory(Path.GetDirectoryName(Live)!).FullName;
        Directory.CreateDirectory(BackupFolder);
        string[] leftovers =
        [
            Path.Combine(live, $".backup-{Guid.NewGuid():N}.tmp"), Path.Combine(live, $".backup-{Guid.NewGuid():N}.tmp-journal"),
            Live + ".restoring", Live + ".before-restore.tmp", Path.Combine(BackupFolder, "branchnetwork-20260301-023000.db.partial"),
        ];
        string[] kept = [Live + ".before-restore", Path.Combine(BackupFolder, "branchnetwork-20260228-023000.db"), Path.Combine(live, ".backup-notes.tmp")];
        foreach (var file in leftovers.Concat(kept))
        {
            File.WriteAllText(file, "SQLite format 3");
        }

        return (leftovers, kept);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => Lines.Add(formatter(state, exception));
    }

    [Fact]
    public async Task Backup_while_the_portal_runs_and_restore_after_it_stopped_round_trip_through_the_command_line()
    {
        var backup = Path.Combine(folder, "elsewhere", "before-the-mistake.db");
        Dictionary<string, (long Rows, string Hash)> backedUp;
        await using (var portal = new OwnDatabasePortal(Live))
        {
            var admin = await portal.SignedInAsync(PortalFactory.AdminEmail);
            Assert.Equal(200, (int)(await admin.GetAsync("/health")).StatusCode);

            var (code, output, _) = await CommandAsync("backup", backup);

            Assert.Equal(OperationsCommands.Ok, code);
            Assert.Contains("Backed up", output);
            backedUp = DatabaseDigest.Of(backup);
            Assert.True(backedUp["Activities"].Rows > 0);
            Assert.Equal(DatabaseDigest.Of(Live), backedUp);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(backup)!, "*.partial"));

            // The mistake: someone wipes the activity log. A restore is refused while the portal runs.
            DatabaseDigest.Execute(Live, "DELETE FROM Activities;");
            var (refused, _, error) = await CommandAsync("restore", backup);
            Assert.Equal(OperationsCommands.Failed, refused);
            Assert.Contains("stop it before restoring", error);
        }

        var (restored, said, _) = await CommandAsync("restore", backup);

        Assert.Equal(OperationsCommands.Ok, restored);
        Assert.Contains("before-restore", said);
        Assert.Equal(backedUp, DatabaseDigest.Of(Live));
        Assert.Equal(0, DatabaseDigest.Of(Live + ".before-restore", "Activities")["Activities"].Rows);
        Assert.False(File.Exists(Live + "-wal"));

        // The portal starts on the restored database and serves it.
        await using (var again = new OwnDatabasePortal(Live))
        {
            var html = await (await again.SignedInAsync(PortalFactory.AdminEmail)).GetStringAsync("/activities?year=2020");
            Assert.Contains("巧手丫", html);
        }

        var (checkedCode, report, _) = await CommandAsync("check");
        Assert.Equal(OperationsCommands.Ok, checkedCode);
        Assert.Contains("integrity ok", report);
        Assert.Contains(DatabaseFiles.KnownMigrations[^1], report);
    }

    [Fact]
    public async Task Back_up_now_writes_a_sound_copy_audits_it_and_keeps_only_the_newest()
    {
        var service = await ServiceOnNewDatabaseAsync(retain: 2);
        var made = new List<BackupRecord>();
        for (var i = 0; i < 3; i++)
        {
            made.Add(await service.BackUpNowAsync());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await service.ListAsync();
        Assert.Equal([made[2].Name, made[1].Name], listed.Select(b => b.Name));
        Assert.Equal("branchnetwork-20260302-100002.db", made[2].Name);
        Assert.All(listed, b => Assert.True(b.Bytes > 100_000));
        var check = DatabaseFiles.Inspect(Path.Combine(BackupFolder, made[2].Name));
        Assert.True(check.IntegrityOk);
        Assert.Equal(0, check.PendingMigrations);
        Assert.Equal(DatabaseDigest.Of(Live, "Units")["Units"], DatabaseDigest.Of(check.File, "Units")["Units"]);

        await using var db = Factory().CreateDbContext();
        var audited = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Backup).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(made.Select(m => m.Name), audited.Select(a => a.EntityKey));
        Assert.All(audited, a => Assert.Equal(AuditActions.BackedUp, a.Action));
        Assert.All(audited, a => Assert.Equal(TestCurrentUser.Administrator.Name, a.UserName));
    }

    [Fact]
    public async Task Only_administrators_back_up_or_list_backups()
    {
        var service = await ServiceOnNewDatabaseAsync();
        user.Actor = new Actor("staff", "staff", Roles.HeadLibraryStaff);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.BackUpNowAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync());
        Assert.False(Directory.Exists(BackupFolder));
    }

    [Fact]
    public async Task A_full_disk_during_the_backup_gives_a_clear_error_leaves_no_partial_file_and_the_live_database_untouched()
    {
        var service = await ServiceOnNewDatabaseAsync();
        var before = DatabaseDigest.Of(Live);
        var written = 0L;

        var failure = await Assert.ThrowsAsync<DomainException>(() => service.BackUpAsync(TestCurrentUser.Administrator,
            path => new FullDiskStream(path, roomBytes: 100 * 1024, onWrite: n => written += n), null, CancellationToken.None));

        Assert.Equal(ErrorCodes.BackupDiskFull, failure.Code);
        Assert.True(written > 0, "the copy had started before the disk filled up");
        Assert.Empty(Directory.GetFiles(BackupFolder));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Live)!, ".backup-*"));
        Assert.Equal(before, DatabaseDigest.Of(Live));
        Assert.Equal("ok", DatabaseDigest.IntegrityCheck(Live));

        // The next backup (space freed) goes through: the failed one released its turn.
        var made = await service.BackUpNowAsync();
        Assert.True(File.Exists(Path.Combine(BackupFolder, made.Name)));
    }

    [Fact]
    public async Task A_backup_to_a_place_that_cannot_be_written_says_so_and_creates_nothing()
    {
        await ServiceOnNewDatabaseAsync();
        var notAFolder = Path.Combine(folder, "notes.txt");
        await File.WriteAllTextAsync(notAFolder, "a file where a folder would have to be");
        var target = Path.Combine(notAFolder, "backup.db");

        var (code, _, error) = await CommandAsync("backup", target);

        Assert.Equal(OperationsCommands.Failed, code);
        Assert.Contains($"could not be written to {target}", error);
        Assert.Contains("live database is untouched", error);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Live)!, ".backup-*"));
        Assert.Equal("a file where a folder would have to be", await File.ReadAllTextAsync(notAFolder));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "text", "is not a SQLite database file" },
        { "sqlite-header-then-garbage", "is not a SQLite database file" },
        { "another-application", "is a database or a database backup, but not one of this portal" },
        { "newer-schema", "comes from a newer version of the portal (unknown schema versions: 29990101000000_FromTheFuture)" },
        { "missing", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Restore_refuses_a_file_that_is_not_a_database_of_this_portal_and_leaves_the_live_one_as_it_was(string kind, string message)
    {
        await ServiceOnNewDatabaseAsync();
        var before = DatabaseDigest.Of(Live);
        var bad = await BadFileAsync(kind);

        var (code, output, error) = await CommandAsync("restore", bad);

        Assert.Equal(OperationsCommands.Failed, code);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Equal(before, DatabaseDigest.Of(Live));
        Assert.False(File.Exists(Live + ".before-restore"));
        Assert.False(File.Exists(Live + ".restoring"));
    }

    [Fact]
    public async Task Check_finds_a_damaged_file()
    {
        await ServiceOnNewDatabaseAsync();
        var copy = Path.Combine(folder, "damaged.db");
        await DatabaseFiles.BackupAsync($"Data Source={Live}", copy);
        Assert.Equal(OperationsCommands.Ok, (await CommandAsync("check", copy)).Code);
        await using (var file = new FileStream(copy, FileMode.Open))
        {
            // Garbage over pages 3 to 6: b-tree pages of the first tables.
            file.Position = 2 * 4096;
            file.Write(Enumerable.Range(0, 4 * 4096).Select(i => (byte)(i * 7)).ToArray());
        }

        var (code, output, error) = await CommandAsync("check", copy);

        Assert.Equal(OperationsCommands.Failed, code);
        Assert.Equal("", output);
        Assert.Contains(copy, error);
        var restore = await CommandAsync("restore", copy);
        Assert.Equal(OperationsCommands.Failed, restore.Code);
    }

    [Fact]
    public async Task A_backup_of_a_database_that_does_not_exist_is_refused_and_creates_none()
    {
        var (code, _, error) = await CommandAsync("backup", Path.Combine(folder, "b.db"));

        Assert.Equal(OperationsCommands.Failed, code);
        Assert.Contains($"The file {Live} does not exist", error);
        Assert.False(File.Exists(Live));
        Assert.False(File.Exists(Path.Combine(folder, "b.db")));
    }

    [Fact]
    public async Task Commands_without_a_file_print_their_usage()
    {
        var (code, _, error) = await CommandAsync("restore");

        Assert.Equal(OperationsCommands.Usage, code);
        Assert.Contains("Usage: dotnet BranchNetwork.Web.dll backup <file>", error);
    }

    [Fact]
    public void A_running_portal_holds_the_database_against_a_restore()
    {
        var database = Path.Combine(folder, "locked.db");
        var portal = PortalLock.TryShared(database);
        Assert.NotNull(portal);
        using (var second = PortalLock.TryShared(database))
        {
            Assert.NotNull(second);
        }

        Assert.Null(PortalLock.TryExclusive(database));
        portal.Dispose();
        using var restore = PortalLock.TryExclusive(database);
        Assert.NotNull(restore);
        Assert.Null(PortalLock.TryShared(database));
    }

    [Fact]
    public void The_crash_tests_commit_hook_is_refused_unless_test_hooks_are_allowed()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [HoldCommitInterceptor.Setting] = folder }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() =>
        {
            new ServiceCollection().AddBranchNetworkData(configuration, folder).AddOperations(configuration, folder);
        });
        Assert.Contains(HoldCommitInterceptor.Setting, refused.Message);

        using var allowed = new ServiceCollection().AddBranchNetworkData(configuration, folder)
            .AddOperations(configuration, folder, allowTestHooks: true).BuildServiceProvider();
        var options = allowed.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>();
        Assert.Contains(options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()!.Interceptors!,
            i => i is HoldCommitInterceptor);
    }

    [Theory]
    [InlineData("2026-03-02T02:00:00Z", "02:30", "2026-03-02T18:30:00Z")]
    [InlineData("2026-03-01T18:29:59Z", "02:30", "2026-03-01T18:30:00Z")]
    [InlineData("2026-03-01T18:30:00Z", "02:30", "2026-03-02T18:30:00Z")]
    [InlineData("2026-03-02T02:00:00Z", "23:00", "2026-03-02T15:00:00Z")]
    public void The_daily_backup_runs_at_the_set_county_time(string now, string at, string expected)
    {
        var options = new BackupOptions { DailyAt = at };

        var next = BackupOptions.NextRunUtc(DateTime.Parse(now, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), options.DailyTime!.Value, clock.Zone);

        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), next);
    }

    [Fact]
    public async Task The_schedule_backs_up_when_the_county_clock_reaches_DailyAt_in_one_of_two_instances()
    {
        var service = await ServiceOnNewDatabaseAsync();
        var options = Options.Create(new BackupOptions { Directory = BackupFolder, DailyAt = "02:30" });
        // Two portal instances on one database: each its own services, its own backup gate and its own lease holder.
        var instances = new List<(ServiceProvider Provider, BackupSchedule Schedule)>();
        foreach (var instance in new[] { "instance-a", "instance-b" })
        {
            var provider = new ServiceCollection()
                .AddScoped<ActorContext>()
                .AddScoped(_ => NewService(Factory(), options, instance))
                .BuildServiceProvider();
            instances.Add((provider, new BackupSchedule(provider.GetRequiredService<IServiceScopeFactory>(), options, clock, time, NullLogger<BackupSchedule>.Instance)));
        }

        foreach (var (_, schedule) in instances)
        {
            await schedule.StartAsync(CancellationToken.None);
        }

        // Now is 10:00 on 2 March in the county. The schedules tick once a minute on the fake clock (they start on their
        // own threads, so their ticks may be off the whole minute); the test moves the clock a minute at a time across
        // 02:30 (18:30 UTC the day before), and on to the next day's 02:30 should the first have passed unseen.
        string? made = null;
        for (var day = 0; day < 2 && made is null; day++)
        {
            for (var minute = -2; minute <= 3 && made is null; minute++)
            {
                time.SetUtcNow(new DateTimeOffset(2026, 3, 2 + day, 18, 30, 0, TimeSpan.Zero).AddMinutes(minute));
                if (minute < 0)
                {
                    Assert.False(Directory.Exists(BackupFolder), "nothing is backed up before 02:30");
                }

                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (made is null && waited.Elapsed < TimeSpan.FromSeconds(2))
                {
                    await Task.Delay(20);
                    // The audit entry is written once the backup is complete and in place.
                    await using var db = Factory().CreateDbContext();
                    made = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Backup).Select(a => a.EntityKey).FirstOrDefaultAsync();
                }
            }
        }

        // Both instances' ticks of the backup minute have passed: the second one's turn came and went.
        time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(500);
        foreach (var (provider, schedule) in instances)
        {
            await schedule.StopAsync(CancellationToken.None);
            schedule.Dispose();
            await provider.DisposeAsync();
        }

        Assert.NotNull(made);
        Assert.Matches(@"^branchnetwork-2026030[34]-023[0-3][0-9]{2}\.db$", made);
        Assert.True(DatabaseFiles.Inspect(Path.Combine(BackupFolder, made)).IntegrityOk);
        await using var audit = Factory().CreateDbContext();
        Assert.Equal("system", (await audit.AuditEntries.SingleAsync(a => a.EntityType == AuditEntities.Backup)).UserName);
        Assert.Single(await service.ListAsync());
        Assert.Single(await audit.Leases.Where(l => l.Name.StartsWith(BackupService.DailyLeasePrefix)).ToListAsync());
    }

    [Fact]
    public async Task Two_instances_taking_the_daily_backup_at_the_same_moment_make_one_backup_and_one_audit_entry()
    {
        await ServiceOnNewDatabaseAsync();
        var options = Options.Create(new BackupOptions { Directory = BackupFolder });
        var first = NewService(Factory(), options, "instance-a");
        var second = NewService(Factory(), options, "instance-b");

        var made = await Task.WhenAll(first.BackUpScheduledAsync(), second.BackUpScheduledAsync());

        Assert.Single(made, m => m is not null);
        Assert.Single(Directory.GetFiles(BackupFolder));
        await using var db = Factory().CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == AuditEntities.Backup));

        // Later the same day (a restarted instance, a clock a little behind): today's is done.
        time.Advance(TimeSpan.FromHours(3));
        Assert.Null(await NewService(Factory(), options, "instance-c").BackUpScheduledAsync());
        // The next day the first instance to come takes it.
        time.Advance(TimeSpan.FromDays(1));
        Assert.NotNull(await second.BackUpScheduledAsync());
    }

    [Fact]
    public void An_empty_or_unreadable_DailyAt_turns_the_schedule_off()
    {
        Assert.Null(new BackupOptions { DailyAt = "" }.DailyTime);
        Assert.Null(new BackupOptions { DailyAt = "half past two" }.DailyTime);
        Assert.Equal(new TimeOnly(2, 30), new BackupOptions().DailyTime);
    }

    private async Task<string> BadFileAsync(string kind)
    {
        var file = Path.Combine(folder, kind + ".db");
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(file, "unit_code,month,visits\nYS-QG,2026-01,100\n");
                break;
            case "sqlite-header-then-garbage":
                await File.WriteAllBytesAsync(file, [.. "SQLite format 3\0"u8.ToArray(), .. Enumerable.Repeat((byte)0xAB, 8192)]);
                break;
            case "another-application":
                DatabaseDigest.Execute(file, "CREATE TABLE Books (Id INTEGER PRIMARY KEY, Title TEXT); INSERT INTO Books (Title) VALUES ('阳山县志');");
                break;
            case "newer-schema":
                await DatabaseFiles.BackupAsync($"Data Source={Live}", file);
                DatabaseDigest.Execute(file, "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29990101000000_FromTheFuture', '99.0.0');");
                break;
        }

        return file;
    }

    private async Task<(int Code, string Output, string Error)> CommandAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OperationsCommands.RunAsync([.. args, $"--ConnectionStrings:BranchNetwork=Data Source={Live}"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private BranchNetworkDbContextFactory Factory() => new(
        DatabaseProvider.Options(DatabaseKind.Sqlite, DatabaseProvider.ResolveConnectionString(DatabaseKind.Sqlite, $"Data Source={Live}", folder)),
        user, time);

    /// <summary>The live database (migrated, WAL, the demo network) and the backup service on it.</summary>
    private async Task<BackupService> ServiceOnNewDatabaseAsync(int retain = 14)
    {
        var factory = Factory();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        user.Actor = Actor.System;
        await new DemoNetworkSeeder(factory, clock).SeedAsync();
        user.Actor = TestCurrentUser.Administrator;
        return NewService(factory, Options.Create(new BackupOptions { Directory = BackupFolder, RetainCount = retain }), "this-instance");
    }

    /// <summary>The backup service of one portal instance (its own gate, its own lease holder).</summary>
    private BackupService NewService(BranchNetworkDbContextFactory factory, IOptions<BackupOptions> options, string instance) =>
        new(factory, user, clock, new BackupGate(), new BackupEngines(options),
            new Leases(factory, new InstanceIdentity(instance), time, NullLogger<Leases>.Instance), options, NullLogger<BackupService>.Instance);

    /// <summary>A file on a disk with <c>roomBytes</c> free: writing past that fails as Linux says ENOSPC.</summary>
    private sealed class FullDiskStream(string path, long roomBytes, Action<int> onWrite) : FileStream(path, FileMode.Create, FileAccess.Write)
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Room(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Room(count);
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Room(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Room(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private void Room(int count)
        {
            if (Position + count > roomBytes)
            {
                throw new IOException("No space left on device", 28);
            }

            onWrite(count);
        }
    }
}

/// <summary>The whole portal (demo mode) on a database file the test owns, so it outlives the portal.</summary>
public sealed class OwnDatabasePortal(string database, string? backups = null) : PortalFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:BranchNetwork", $"Data Source={database}");
        if (backups is not null)
        {
            builder.UseSetting("Backup:Directory", backups);
        }
    }
}
