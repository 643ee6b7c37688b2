using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// A real database of either kind, a copy of a <see cref="TestTemplate"/> (by default the schema of that kind's checked-in
/// migrations). SQLite: in memory, the connection held open for the database's lifetime (an in-memory database lives as
/// long as its connection); every context shares it. PostgreSQL: a database of its own on the tests' server
/// (<see cref="TestPostgres"/>), dropped afterwards.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<BranchNetworkDbContext>, IDisposable
{
    private readonly SqliteConnection? connection;
    private readonly string? postgresDatabase;
    private readonly BranchNetworkDbContextFactory factory;

    public TestDatabase(ICurrentUser currentUser, TimeProvider time, DatabaseKind kind = DatabaseKind.Sqlite)
        : this(currentUser, time, TestTemplate.Migrated(kind))
    {
    }

    public TestDatabase(ICurrentUser currentUser, TimeProvider time, TestTemplate template)
    {
        Kind = template.Kind;
        if (Kind == DatabaseKind.PostgreSql)
        {
            postgresDatabase = TestPostgres.CreateDatabase(template.PostgresDatabase!);
            ConnectionString = TestPostgres.ConnectionString(postgresDatabase);
            factory = new BranchNetworkDbContextFactory(DatabaseProvider.Options(Kind, ConnectionString), currentUser, time);
            return;
        }

        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        template.CopyTo(connection);
        ConnectionString = connection.ConnectionString;
        factory = new BranchNetworkDbContextFactory(DatabaseProvider.Options(connection), currentUser, time);
    }

    public DatabaseKind Kind { get; }

    /// <summary>The connection string (on SQLite of the held in-memory connection: a new connection opens another, empty database).</summary>
    public string ConnectionString { get; }

    public BranchNetworkDbContext CreateDbContext() => factory.CreateDbContext();

    /// <summary>A template holding what this database holds now, for other tests' databases to start from.</summary>
    public TestTemplate SaveAsTemplate()
    {
        if (postgresDatabase is not null)
        {
            // CREATE DATABASE … TEMPLATE refuses a source with open sessions: this database's pooled connections go first.
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            return TestTemplate.OfPostgres(TestPostgres.CreateTemplate(postgresDatabase));
        }

        return TestTemplate.OfSqlite(connection!);
    }

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
/// A database that test databases are copied from, made once per test run: the migrated schema of a kind, or a
/// database a test fixture has seeded (<see cref="TestNetwork"/>'s demo network and figures). A copy costs a fraction
/// of migrating and seeding anew: SQLite's online backup of an in-memory database into the new one, or PostgreSQL's
/// <c>CREATE DATABASE … TEMPLATE</c>.
/// </summary>
public sealed class TestTemplate
{
    private static readonly Lazy<TestTemplate> MigratedSqlite = new(() =>
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var db = DatabaseProvider.CreateContext(DatabaseProvider.Options(connection), new TestCurrentUser(), TimeProvider.System))
        {
            db.Database.Migrate();
        }

        return new TestTemplate(DatabaseKind.Sqlite, connection, null);
    });

    private static readonly Lazy<TestTemplate> MigratedPostgres = new(() => OfPostgres(TestPostgres.MigratedTemplate));

    // SQLite: an in-memory database of its own, kept open for the run; a backup reads it through this one connection.
    private readonly SqliteConnection? sqlite;

    private TestTemplate(DatabaseKind kind, SqliteConnection? sqlite, string? postgresDatabase)
    {
        Kind = kind;
        this.sqlite = sqlite;
        PostgresDatabase = postgresDatabase;
    }

    public DatabaseKind Kind { get; }

    /// <summary>PostgreSQL: the template database's name.</summary>
    public string? PostgresDatabase { get; }

    /// <summary>The schema of the kind's migrations, nothing in it.</summary>
    public static TestTemplate Migrated(DatabaseKind kind) => kind == DatabaseKind.PostgreSql ? MigratedPostgres.Value : MigratedSqlite.Value;

    /// <summary>SQLite: copies the template into <paramref name="destination"/> (open, in memory), replacing what it holds.</summary>
    public void CopyTo(SqliteConnection destination)
    {
        // A connection serves one caller at a time: tests running in parallel take turns on the template's.
        lock (sqlite!)
        {
            sqlite.BackupDatabase(destination);
        }
    }

    internal static TestTemplate OfPostgres(string database) => new(DatabaseKind.PostgreSql, null, database);

    /// <summary>A copy of <paramref name="source"/> into a new in-memory database that the template keeps open.</summary>
    internal static TestTemplate OfSqlite(SqliteConnection source)
    {
        var copy = new SqliteConnection("Data Source=:memory:");
        copy.Open();
        source.BackupDatabase(copy);
        return new TestTemplate(DatabaseKind.Sqlite, copy, null);
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

    private static readonly Lazy<string> Migrated = new(CreateMigratedTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server without a database, or a failure that says how to get one.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"The tests on PostgreSQL need a server: run ./test.sh (it installs Debian's postgresql and starts a private cluster), " +
                $"or set {Variable}=\"Host=127.0.0.1;Port=5432;Username=...;Password=...\" for a role that may create databases.");

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>The template with the schema of the migrations (made by the first test of the run that asks).</summary>
    public static string MigratedTemplate => Migrated.Value;

    /// <summary>A new database with the schema of the migrations; the caller drops it with <see cref="DropDatabase"/>.</summary>
    public static string CreateDatabase() => CreateDatabase(Migrated.Value);

    /// <summary>A new database, a copy of <paramref name="template"/>; the caller drops it with <see cref="DropDatabase"/>.</summary>
    public static string CreateDatabase(string template)
    {
        var name = Prefix + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return name;
    }

    /// <summary>A template copied from <paramref name="source"/> (which nobody may be connected to), kept for the rest of the run.</summary>
    public static string CreateTemplate(string source)
    {
        _ = Migrated.Value; // the run's first template clears what a killed run left, so it must not come after this one
        var template = $"{Prefix}template_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{template}\" TEMPLATE \"{source}\"");
        return template;
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

    private static string CreateMigratedTemplate()
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
