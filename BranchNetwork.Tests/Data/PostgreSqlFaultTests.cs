using System.Globalization;
using System.Text;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BranchNetwork.Tests.Data;

/// <summary>
/// Faults only a server has: its connections ended under a save (as a restart ends them), and a migration that fails
/// half-way. The save's user learns to retry, and nothing of the failed change is kept.
/// </summary>
public sealed class PostgreSqlFaultTests : IDisposable
{
    private readonly TestNetwork network = new(kind: DatabaseKind.PostgreSql);

    public void Dispose() => network.Dispose();

    [Fact]
    public async Task A_save_whose_connection_is_terminated_mid_transaction_asks_to_retry_and_keeps_nothing()
    {
        var before = await CountsAsync();

        // The save gets as far as its status history, inside its transaction, and waits there.
        var error = await TerminatedWhileWaitingForAsync("UnitStatusChanges",
            () => network.Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("上坪村服务点", "七拱镇"))));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Equal(before, await CountsAsync());
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Assert.Contains("再保存一次", PortalText.Of($"Error.{error.Code}"));
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Assert.Contains("save again", PortalText.Of($"Error.{error.Code}"));
        // Once the server is there again, the same save goes through at the first try.
        Assert.Equal("YS-QG-04", await network.Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("上坪村服务点", "七拱镇"))));
        var after = await CountsAsync();
        Assert.Equal((before.Units + 1, before.History + 1), (after.Units, after.History));
    }

    [Fact]
    public async Task An_import_whose_connection_is_terminated_in_its_bulk_copy_asks_to_retry_and_keeps_nothing()
    {
        network.User.Actor = Actor.System;
        await network.Indicators.SeedStandardAsync();
        network.User.Actor = TestCurrentUser.Administrator;
        var exchange = network.Services.GetRequiredService<FiguresExchange>();
        var codes = StandardIndicators.All.Where(i => i.Definition.Frequency == IndicatorFrequency.Monthly).Select(i => i.Code).ToList();
        var file = "unit_code,month," + string.Join(",", codes) + "\n"
            + string.Join("\n", new[] { "YS-QG-01", "YS-QG-02", "YS-QG-03" }.Select(unit => $"{unit},2026-02," + string.Join(",", codes.Select(_ => "10"))));
        var before = await FiguresCountsAsync();

        // The import writes its audit entry and its reports, then waits to copy the values.
        var error = await TerminatedWhileWaitingForAsync("ReportValues",
            () => exchange.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), "figures.csv", approve: false));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Equal(before, await FiguresCountsAsync());
        var retried = await exchange.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), "figures.csv", approve: false);
        Assert.True(retried.Applied);
        Assert.Equal(before.Reports + 3, (await FiguresCountsAsync()).Reports);
    }

    [Fact]
    public async Task An_account_whose_connection_is_lost_at_commit_asks_to_retry_and_keeps_nothing()
    {
        await network.ActAsFirstAdministratorAsync();
        var before = (await network.UserAdmin.ListAsync()).Count;
        var account = new NewUser("ys-qg@x.local", "黄文杰", Roles.BranchWorker, "YS-QG");

        // The account and its role are written; the commit then waits, and its connection ends there.
        var error = await TerminatedAtCommitAsync("AspNetUserRoles", () => network.UserAdmin.CreateAsync(account));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Equal(before, (await network.UserAdmin.ListAsync()).Count);
        await network.UserAdmin.CreateAsync(account);
        Assert.Equal(before + 1, (await network.UserAdmin.ListAsync()).Count);
    }

    [Fact]
    public async Task An_approval_batch_whose_connection_is_lost_at_commit_asks_to_retry_and_approves_nothing()
    {
        using var figures = new TestNetwork(seedFigures: true, kind: DatabaseKind.PostgreSql);
        var service = figures.Services.GetRequiredService<FiguresService>();
        var queue = (await service.ReviewQueueAsync(ReviewFilter.None, PageRequest.First)).Page.Total;
        Assert.True(queue > 0, "the demo figures leave reports to review");

        var error = await TerminatedAtCommitAsync("MonthlyReports", () => service.ApproveAllUnflaggedAsync(ReviewFilter.None), figures.Database.ConnectionString);

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Equal(queue, (await service.ReviewQueueAsync(ReviewFilter.None, PageRequest.First)).Page.Total);
        Assert.True((await service.ApproveAllUnflaggedAsync(ReviewFilter.None)).Approved > 0);
    }

    [Fact]
    public async Task Every_pooled_connection_ended_at_once_costs_one_retry_not_one_per_connection()
    {
        // Fill the pool with several idle connections, then end them all, as a server restart does.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => network.Service.CountAsync()));
        await using (var admin = await OpenAsync(network.Database.ConnectionString))
        {
            await Execute(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }

        var first = await Assert.ThrowsAsync<DomainException>(() => network.Service.CountAsync());

        Assert.Equal(ErrorCodes.DatabaseUnavailable, first.Code);
        Assert.Equal(53, (await network.Service.CountAsync()).Total);
    }

    [Fact]
    public async Task A_migration_that_fails_half_way_leaves_none_of_its_tables_behind()
    {
        var name = TestPostgres.CreateEmptyDatabase();
        try
        {
            var connectionString = TestPostgres.ConnectionString(name);
            await using (var squatter = await OpenAsync(connectionString))
            {
                // A table of the same name stops the migration after it has created the tables before it.
                await Execute(squatter, "CREATE TABLE \"Units\" (\"Squatter\" integer)");
            }

            await using var db = DatabaseProvider.CreateContext(DatabaseProvider.Options(DatabaseKind.PostgreSql, connectionString), network.User, network.Time);
            await Assert.ThrowsAsync<PostgresException>(() => DatabaseProvider.MigrateAsync(db, default));

            await using var check = await OpenAsync(connectionString);
            await using var tables = new NpgsqlCommand("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'", check);
            // EF Core creates its (empty) history table before the migration's transaction; of the migration nothing stays.
            Assert.Equal("Units,__EFMigrationsHistory", await tables.ExecuteScalarAsync());
            await using var history = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", check);
            Assert.Equal(0L, await history.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestPostgres.DropDatabase(name);
        }
    }

    /// <summary>
    /// Holds a lock on <paramref name="table"/> while <paramref name="save"/> runs, ends the save's connection once it
    /// waits for that lock (inside its transaction, with rows already written), and returns what the save threw.
    /// </summary>
    private async Task<DomainException> TerminatedWhileWaitingForAsync(string table, Func<Task> save)
    {
        await using var blocker = await OpenAsync(network.Database.ConnectionString);
        await using var hold = await blocker.BeginTransactionAsync();
        await Execute(blocker, $"LOCK TABLE \"{table}\" IN EXCLUSIVE MODE");

        var saving = save();
        await Execute(blocker, $"SELECT pg_terminate_backend({await WaitingBackendAsync(blocker, saving)})");
        var error = await Assert.ThrowsAsync<DomainException>(() => saving);
        await hold.RollbackAsync();
        return error;
    }

    /// <summary>
    /// Makes the commit of a transaction that wrote <paramref name="table"/> wait (a deferred trigger takes an advisory lock
    /// the test holds), ends the save's connection there, and returns what the save threw.
    /// </summary>
    private async Task<DomainException> TerminatedAtCommitAsync(string table, Func<Task> save, string? connectionString = null)
    {
        await using var blocker = await OpenAsync(connectionString ?? network.Database.ConnectionString);
        await Execute(blocker, $"""
            CREATE FUNCTION wait_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock({CommitLock}); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER wait_at_commit AFTER INSERT OR UPDATE ON "{table}" DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION wait_at_commit();
            SELECT pg_advisory_lock({CommitLock});
            """);

        var saving = save();
        await Execute(blocker, $"SELECT pg_terminate_backend({await WaitingBackendAsync(blocker, saving)})");
        var error = await Assert.ThrowsAsync<DomainException>(() => saving);
        await Execute(blocker, $"SELECT pg_advisory_unlock({CommitLock})");
        return error;
    }

    private const int CommitLock = 4242;

    private async Task<(int Reports, int Values, int Audit)> FiguresCountsAsync()
    {
        await using var db = network.Database.CreateDbContext();
        return (await db.MonthlyReports.CountAsync(), await db.ReportValues.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private async Task<(int Units, int History, int Audit)> CountsAsync()
    {
        await using var db = network.Database.CreateDbContext();
        return (await db.Units.CountAsync(), await db.UnitStatusChanges.CountAsync(), await db.AuditEntries.CountAsync());
    }

    /// <summary>The backend of the save once it waits for the lock; fails at once if the save ended first.</summary>
    private static async Task<int> WaitingBackendAsync(NpgsqlConnection blocker, Task save)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(save.IsCompleted, "the save ended before it reached the lock");
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", blocker);
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The save did not reach the lock within 30 s.");
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
