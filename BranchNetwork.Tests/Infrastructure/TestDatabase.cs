using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// A real database of either kind, built by that kind's checked-in migrations. SQLite: in memory, the connection held
/// open for the database's lifetime (an in-memory database lives as long as its connection); every context shares it.
/// PostgreSQL: a database of its own on the tests' server (<see cref="TestPostgres"/>), copied from a migrated
/// template and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<BranchNetworkDbContext>, IDisposable
{
    private readonly SqliteConnection? connection;
    private readonly string? postgresDatabase;
    private readonly BranchNetworkDbContextFactory factory;

    public TestDatabase(ICurrentUser currentUser, TimeProvider time, DatabaseKind kind = DatabaseKind.Sqlite)
    {
        Kind = kind;
        if (kind == DatabaseKind.PostgreSql)
        {
            postgresDatabase = TestPostgres.CreateDatabase();
            ConnectionString = TestPostgres.ConnectionString(postgresDatabase);
            factory = new BranchNetworkDbContextFactory(DatabaseProvider.Options(kind, ConnectionString), currentUser, time);
            return;
        }

        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        ConnectionString = connection.ConnectionString;
        factory = new BranchNetworkDbContextFactory(DatabaseProvider.Options(connection), currentUser, time);
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public DatabaseKind Kind { get; }

    /// <summary>The connection string (on SQLite of the held in-memory connection: a new connection opens another, empty database).</summary>
    public string ConnectionString { get; }

    public BranchNetworkDbContext CreateDbContext() => factory.CreateDbContext();

    public void Dispose()
    {
        connection?.Dispose();
        if (postgresDatabase is not null)
        {
            TestPostgres.DropDatabase(postgresDatabase);
        }
    }
}

/// <summary>
/// The PostgreSQL server of the tests, named by <c>BRANCHNETWORK_TEST_POSTGRES</c> (<c>./test.sh</c> starts one and sets
/// it). The first database a test process asks for migrates a template; every test database is a copy of it
/// (<c>CREATE DATABASE … TEMPLATE</c>, a fraction of migrating anew).
/// </summary>
public static class TestPostgres
{
    public const string Variable = "BRANCHNETWORK_TEST_POSTGRES";

    private const string Prefix = "bntest_";

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server without a database, or a failure that says how to get one.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"The tests on PostgreSQL need a server: run ./test.sh (it installs Debian's postgresql and starts a private cluster), " +
                $"or set {Variable}=\"Host=127.0.0.1;Port=5432;Username=...;Password=...\" for a role that may create databases.");

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>A new database with the schema of the migrations; the caller drops it with <see cref="DropDatabase"/>.</summary>
    public static string CreateDatabase()
    {
        var name = Prefix + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        return name;
    }

    /// <summary>A new database without any schema (for tests of the migrations themselves).</summary>
    public static string CreateEmptyDatabase()
    {
        var name = Prefix + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static void DropDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE may not end a server process of another role (an autovacuum worker on the database): it is done in a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string CreateTemplate()
    {
        // What an earlier, killed run left behind (the server is this checkout's own: no other run uses it at the same time).
        using (var connection = Open("postgres"))
        using (var command = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", connection))
        using (var reader = command.ExecuteReader())
        {
            var leftovers = new List<string>();
            while (reader.Read())
            {
                leftovers.Add(reader.GetString(0));
            }

            reader.Close();
            foreach (var leftover in leftovers)
            {
                Admin($"DROP DATABASE IF EXISTS \"{leftover}\" WITH (FORCE)");
            }
        }

        var template = $"{Prefix}template_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{template}\"");
        var options = DatabaseProvider.Options(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(ConnectionString(template)) { Pooling = false }.ConnectionString);
        using (var db = DatabaseProvider.CreateContext(options, new TestCurrentUser(), TimeProvider.System))
        {
            db.Database.Migrate();
        }

        return template;
    }

    private static NpgsqlConnection Open(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The tests' PostgreSQL server ({Variable}={new NpgsqlConnectionStringBuilder(Server) { Password = null }}) cannot be reached: {e.Message}. " +
                "Run ./test.sh, which starts it.", e);
        }

        return connection;
    }

    private static void Admin(string sql)
    {
        using var connection = Open("postgres");
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
