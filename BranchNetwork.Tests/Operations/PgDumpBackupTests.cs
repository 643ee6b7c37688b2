using BranchNetwork.Core.Common;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BranchNetwork.Tests.Operations;

/// <summary>
/// Backups on PostgreSQL: the command lines of pg_dump and pg_restore, the reading of what they print, the refusals —
/// and the whole round trip against a throwaway cluster (a database of this portal's shape made with plain Npgsql, as
/// the portal itself runs on PostgreSQL only once the provider seam is in).
/// </summary>
public sealed class PgDumpBackupTests(ThrowawayPostgres postgres) : IClassFixture<ThrowawayPostgres>, IDisposable
{
    private const string Live = "Host=db.county.local;Port=5433;Username=portal;Password=s3cret;Database=branchnetwork;SSL Mode=VerifyFull";

    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-pgdump-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_dump_is_custom_format_and_verbose_and_the_password_goes_in_the_environment_not_the_command_line()
    {
        var dump = PgCommands.Dump("/usr/bin/pg_dump", Live, "/backups/b.dump.partial");

        Assert.Equal("/usr/bin/pg_dump", dump.Program);
        Assert.Equal(["--format=custom", "--verbose", "--no-password", "--file=/backups/b.dump.partial", "--host=db.county.local", "--port=5433",
            "--username=portal", "--dbname=branchnetwork"], dump.Arguments);
        Assert.DoesNotContain(dump.Arguments, a => a.Contains("s3cret", StringComparison.Ordinal));
        Assert.Equal("s3cret", dump.Environment["PGPASSWORD"]);
        Assert.Equal("verify-full", dump.Environment["PGSSLMODE"]);
    }

    [Fact]
    public void The_restore_runs_in_one_transaction_stops_at_the_first_error_and_takes_the_portals_role_as_owner()
    {
        var restore = PgCommands.Restore("pg_restore", "Server=10.0.0.5;User ID=portal;PWD=x;DB=fresh", "/backups/b.dump");

        Assert.Equal(["--no-password", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", "--host=10.0.0.5",
            "--username=portal", "--dbname=fresh", "/backups/b.dump"], restore.Arguments);
        Assert.Equal("x", restore.Environment["PGPASSWORD"]);
        Assert.Equal("fresh", PgCommands.DatabaseName("Server=10.0.0.5;User ID=portal;PWD=x;DB=fresh"));
    }

    [Theory]
    [InlineData("pg_dump: dumping contents of table \"public.Units\"", "Units")]
    [InlineData("pg_dump: dumping contents of table \"public.__EFMigrationsHistory\"", "__EFMigrationsHistory")]
    [InlineData("pg_dump: dumping contents of table \"Units\"", "Units")]
    [InlineData("pg_dump: reading extensions", null)]
    [InlineData("pg_dump: saving encoding = UTF8", null)]
    public void The_progress_is_the_table_pg_dump_says_it_is_copying(string line, string? table) =>
        Assert.Equal(table, PgCommands.TableBeingDumped(line));

    [Fact]
    public void A_dumps_contents_show_whether_it_is_this_portals_database_and_its_history_gives_the_schema_version()
    {
        string[] toc =
        [
            ";", "; Archive created at 2026-12-01 14:00:00 UTC", ";",
            "215; 1259 16385 TABLE public AspNetUsers portal", "216; 1259 16390 TABLE public AuditEntries portal",
            "217; 1259 16395 TABLE public MonthlyReports portal", "218; 1259 16400 TABLE public Units portal",
            "219; 1259 16405 TABLE public __EFMigrationsHistory portal", "3400; 0 16385 TABLE DATA public Units portal",
        ];
        Assert.True(PgCommands.HasOwnTables(toc));
        Assert.False(PgCommands.HasOwnTables(toc.Where(l => !l.Contains(" Units ", StringComparison.Ordinal))));

        string[] sql =
        [
            "SET statement_timeout = 0;", "COPY public.\"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") FROM stdin;",
            "20260101000000_Initial\t10.0.15", "20261201000000_Later\t10.0.15", "\\.", "", "SELECT 1;",
        ];
        Assert.Equal(["20260101000000_Initial", "20261201000000_Later"], PgCommands.CopiedRows(sql));
    }

    [Fact]
    public void A_restore_into_a_database_that_has_tables_is_refused_with_the_reason()
    {
        var refused = Assert.Throws<DomainException>(() => PgCommands.EnsureEmpty("branchnetwork", 41));

        Assert.Equal(ErrorCodes.BackupTargetNotEmpty, refused.Code);
        Assert.Equal(new object[] { "branchnetwork", 41L }, refused.Args);
        PgCommands.EnsureEmpty("fresh", 0);
    }

    [Fact]
    public async Task Without_pg_dump_the_engine_says_which_program_is_missing_and_makes_nothing()
    {
        var engine = new PgDumpBackupEngine(Options.Create(new BackupOptions { PostgreSqlTools = folder }));
        var target = new DatabaseTarget(Live, () => new NpgsqlConnection(Live));

        Assert.Equal(PgDumpBackupEngine.PgDump, engine.MissingTool);
        var missing = await Assert.ThrowsAsync<DomainException>(() => engine.BackUpAsync(target, Path.Combine(folder, "b.dump"), null, null, CancellationToken.None));
        var noRestore = await Assert.ThrowsAsync<DomainException>(() => engine.RestoreAsync(target, Path.Combine(folder, "b.dump"), CancellationToken.None));

        Assert.Equal(ErrorCodes.BackupToolMissing, missing.Code);
        Assert.Equal(new object[] { PgDumpBackupEngine.PgDump }, missing.Args);
        Assert.Equal(new object[] { PgDumpBackupEngine.PgRestore }, noRestore.Args);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_dump_of_a_live_database_is_checked_refused_over_data_and_restored_into_an_empty_database()
    {
        var source = "src_" + Guid.NewGuid().ToString("N")[..8];
        var empty = "fresh_" + Guid.NewGuid().ToString("N")[..8];
        await postgres.CreateDatabaseAsync(source);
        await postgres.CreateDatabaseAsync(empty);
        await postgres.ExecuteAsync(source, OwnShapeSql());
        var engine = new PgDumpBackupEngine(Options.Create(new BackupOptions { PostgreSqlTools = postgres.Bin }));
        var live = Target(source);
        var file = Path.Combine(folder, "branchnetwork-20261201-023000.dump");
        var tables = new List<string>();

        var bytes = await engine.BackUpAsync(live, file, null, new SynchronousProgress(tables.Add), CancellationToken.None);

        Assert.Equal(new FileInfo(file).Length, bytes);
        Assert.Equal("PGDMP"u8.ToArray(), File.ReadAllBytes(file)[..5]);
        Assert.Contains("Units", tables);
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));

        var liveCheck = await engine.CheckAsync(live, null, CancellationToken.None);
        Assert.StartsWith(Path.GetFileName(Path.GetDirectoryName(postgres.Bin)!), liveCheck.ServerVersion);
        Assert.Equal(DatabaseFiles.KnownMigrations[^1], liveCheck.LastMigration);
        Assert.Equal(0, liveCheck.PendingMigrations);
        var fileCheck = await engine.CheckAsync(live, file, CancellationToken.None);
        Assert.True(fileCheck.IntegrityOk);
        Assert.Equal(DatabaseFiles.KnownMigrations[^1], fileCheck.LastMigration);
        Assert.Null(fileCheck.ServerVersion);

        var overData = await Assert.ThrowsAsync<DomainException>(() => engine.RestoreAsync(live, file, CancellationToken.None));
        Assert.Equal(ErrorCodes.BackupTargetNotEmpty, overData.Code);

        var restored = await engine.RestoreAsync(Target(empty), file, CancellationToken.None);
        Assert.Equal(empty, restored.File);
        Assert.Equal("阳山县图书馆七拱镇分馆", await postgres.ScalarAsync(empty, "SELECT \"Name\" FROM \"Units\" WHERE \"Code\" = 'YS-QG';"));
        Assert.Equal((long)DatabaseFiles.KnownMigrations.Count, await postgres.ScalarAsync(empty, "SELECT count(*) FROM \"__EFMigrationsHistory\";"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_dump_or_not_this_portals_is_refused_before_anything_is_restored()
    {
        var empty = "fresh_" + Guid.NewGuid().ToString("N")[..8];
        var other = "other_" + Guid.NewGuid().ToString("N")[..8];
        await postgres.CreateDatabaseAsync(empty);
        await postgres.CreateDatabaseAsync(other);
        await postgres.ExecuteAsync(other, "CREATE TABLE \"Books\" (\"Id\" int PRIMARY KEY, \"Title\" text); INSERT INTO \"Books\" VALUES (1, '阳山县志');");
        var engine = new PgDumpBackupEngine(Options.Create(new BackupOptions { PostgreSqlTools = postgres.Bin }));
        var text = Path.Combine(folder, "notes.dump");
        await File.WriteAllTextAsync(text, "unit_code,month,visits\n");
        var foreign = Path.Combine(folder, "other.dump");
        await engine.BackUpAsync(Target(other), foreign, null, null, CancellationToken.None);

        var notADump = await Assert.ThrowsAsync<DomainException>(() => engine.RestoreAsync(Target(empty), text, CancellationToken.None));
        var notOurs = await Assert.ThrowsAsync<DomainException>(() => engine.RestoreAsync(Target(empty), foreign, CancellationToken.None));

        Assert.Equal(ErrorCodes.BackupNotADump, notADump.Code);
        Assert.Equal(ErrorCodes.BackupForeignDatabase, notOurs.Code);
        Assert.Equal(0L, await postgres.ScalarAsync(empty, PgCommands.CountUserTablesSql));
    }

    private DatabaseTarget Target(string database)
    {
        var connectionString = postgres.ConnectionString(database);
        return new DatabaseTarget(connectionString, () => new NpgsqlConnection(connectionString));
    }

    /// <summary>The tables a backup is recognised by, with this build's migrations applied (a stand-in for the migrated schema).</summary>
    private static string OwnShapeSql() =>
        """
        CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
        CREATE TABLE "Units" ("Id" serial PRIMARY KEY, "Code" text NOT NULL UNIQUE, "Name" text NOT NULL);
        CREATE TABLE "MonthlyReports" ("Id" serial PRIMARY KEY, "UnitId" int NOT NULL REFERENCES "Units");
        CREATE TABLE "AuditEntries" ("Id" serial PRIMARY KEY, "Action" text NOT NULL);
        CREATE TABLE "AspNetUsers" ("Id" text PRIMARY KEY, "Email" text);
        INSERT INTO "Units" ("Code", "Name") VALUES ('YS', '阳山县图书馆'), ('YS-QG', '阳山县图书馆七拱镇分馆');
        INSERT INTO "MonthlyReports" ("UnitId") VALUES (2);
        """ + string.Concat(DatabaseFiles.KnownMigrations.Select(m => $"INSERT INTO \"__EFMigrationsHistory\" VALUES ('{m}', '10.0.15');\n"));

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> posts to the thread pool: the test would race it).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
