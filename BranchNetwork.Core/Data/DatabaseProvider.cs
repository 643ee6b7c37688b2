using System.Data.Common;
using System.Linq.Expressions;
using BranchNetwork.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using NpgsqlTypes;

namespace BranchNetwork.Core.Data;

/// <summary>The databases the portal runs on: SQLite (one file, the default) and PostgreSQL (several instances, large networks).</summary>
public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

/// <summary>A database setting that cannot work (an unknown provider, an unreachable server); the message names the setting.</summary>
public sealed class DatabaseSettingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one place that knows the database providers. Everything else speaks EF Core and asks here for what differs:
/// the options, the migrations' context, unique violations, lost connections, case-insensitive search and bulk copies.
/// </summary>
public static class DatabaseProvider
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionStringName = "BranchNetwork";
    public const string ConnectionStringSetting = "ConnectionStrings:" + ConnectionStringName;

    private const string DefaultSqliteFile = "Data Source=App_Data/branchnetwork.db";

    // SQLITE_CONSTRAINT: the roster and the figures have always treated it as "someone inserted the same key".
    private const int SqliteConstraint = 19;

    public static DatabaseKind KindFrom(IConfiguration configuration) => Parse(configuration[ProviderSetting]);

    public static DatabaseKind Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseKind.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseKind.PostgreSql,
        _ => throw new DatabaseSettingException(
            $"{ProviderSetting} is \"{name}\": it must be Sqlite (the default, one file) or PostgreSQL (with {ConnectionStringSetting} naming the server)."),
    };

    /// <summary>The options of the configured database (<see cref="ProviderSetting"/> and <see cref="ConnectionStringSetting"/>).</summary>
    public static DbContextOptions<BranchNetworkDbContext> Options(IConfiguration configuration, string contentRoot)
    {
        var kind = KindFrom(configuration);
        return Options(kind, ResolveConnectionString(kind, configuration.GetConnectionString(ConnectionStringName), contentRoot));
    }

    public static DbContextOptions<BranchNetworkDbContext> Options(DatabaseKind kind, string connectionString) => kind switch
    {
        DatabaseKind.Sqlite => WithSqlite(new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite(connectionString, SplitQueries)),
        _ => new DbContextOptionsBuilder<BranchNetworkDbContext>().UseNpgsql(connectionString, SplitQueries).Options,
    };

    /// <summary>Options on a connection the caller keeps open (an in-memory SQLite database lives as long as its connection).</summary>
    public static DbContextOptions<BranchNetworkDbContext> Options(DbConnection connection) => connection switch
    {
        NpgsqlConnection npgsql => new DbContextOptionsBuilder<BranchNetworkDbContext>().UseNpgsql(npgsql, SplitQueries).Options,
        _ => WithSqlite(new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite(connection, SplitQueries)),
    };

    public static DatabaseKind KindOf(DatabaseFacade database) => database.IsNpgsql() ? DatabaseKind.PostgreSql : DatabaseKind.Sqlite;

    /// <summary>
    /// A lock the server holds for this context's connection until it is disposed: on PostgreSQL
    /// <c>pg_advisory_lock</c> on a key made from <paramref name="name"/>, which other instances wait for; on SQLite the
    /// lock file does that job, so nothing is taken.
    /// </summary>
    public static async Task<IAsyncDisposable> ServerLockAsync(BranchNetworkDbContext db, string name, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return new ServerLock(null);
        }

        var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", ct);
        return new ServerLock(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    private sealed class ServerLock(Func<Task>? release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (release is not null)
            {
                await release();
            }
        }
    }

    public static DatabaseKind KindOf(DbContextOptions options) =>
        options.Extensions.Any(e => e.Info.IsDatabaseProvider && e.GetType().Assembly == typeof(NpgsqlDbContextOptionsBuilder).Assembly)
            ? DatabaseKind.PostgreSql
            : DatabaseKind.Sqlite;

    /// <summary>
    /// The context for these options. PostgreSQL's migrations belong to <see cref="PostgreSqlBranchNetworkDbContext"/>
    /// (EF Core finds a migration set by its context type); the model and every behaviour are the same.
    /// </summary>
    public static BranchNetworkDbContext CreateContext(DbContextOptions<BranchNetworkDbContext> options, ICurrentUser currentUser, TimeProvider time) =>
        KindOf(options) == DatabaseKind.PostgreSql
            ? new PostgreSqlBranchNetworkDbContext(options, currentUser, time)
            : new BranchNetworkDbContext(options, currentUser, time);

    /// <summary>
    /// SQLite: fills in the default file and makes sure its folder exists (SQLite creates files, not folders).
    /// PostgreSQL: the connection string is required and names the server.
    /// </summary>
    public static string ResolveConnectionString(DatabaseKind kind, string? configured, string contentRoot)
    {
        if (kind == DatabaseKind.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new DatabaseSettingException(
                    $"{ProviderSetting} is PostgreSQL but {ConnectionStringSetting} is empty: set it, e.g. Host=localhost;Database=branchnetwork;Username=branchnetwork;Password=...");
            }

            try
            {
                return new NpgsqlConnectionStringBuilder(configured).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new DatabaseSettingException($"{ConnectionStringSetting} is not a PostgreSQL connection string: {e.Message}", e);
            }
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultSqliteFile : configured);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }

    /// <summary>The SQLite file these options open, or null for PostgreSQL and for a database in memory.</summary>
    public static string? SqliteFile(DbContextOptions options)
    {
        if (KindOf(options) != DatabaseKind.Sqlite || RelationalOptionsExtension.Extract(options).ConnectionString is not { } connectionString)
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// Applies the pending migrations of this provider's set. PostgreSQL runs each migration in a transaction (its DDL
    /// is transactional), so a failure leaves the schema at the last whole migration. A server that cannot be reached
    /// is named in a <see cref="DatabaseSettingException"/>.
    /// </summary>
    /// <remarks>
    /// With nothing pending (every start but the first of a release) EF Core's migrator is not asked at all: before it
    /// looks at the history it builds the model from the migrations' snapshot and compares it with the context's (its
    /// pending-model-changes check): a start on an existing database took 2,150 ms of processor time to Healthy
    /// instead of 2,550 (bench/run.sh startup, not published). The history is one query.
    /// </remarks>
    public static async Task MigrateAsync(BranchNetworkDbContext db, CancellationToken ct)
    {
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await db.Database.MigrateAsync(ct);
            }
        }
        catch (Exception e) when (Unreachable(db.Database, e) is { } unreachable)
        {
            throw unreachable;
        }

        if (db.Database.IsSqlite())
        {
            // WAL is a property of the file: set once, it holds for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>A PostgreSQL server that cannot be reached, as the setting that names it (never its password); null for any other failure.</summary>
    public static DatabaseSettingException? Unreachable(DatabaseFacade database, Exception e)
    {
        if (!database.IsNpgsql() || !IsConnectionLost(e))
        {
            return null;
        }

        var server = new NpgsqlConnectionStringBuilder(database.GetConnectionString());
        return new DatabaseSettingException(
            $"The PostgreSQL server named by {ConnectionStringSetting} (Host={server.Host};Port={server.Port};Database={server.Database};Username={server.Username}) " +
            $"cannot be reached or refused the connection: {e.Message}", e);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction through the provider's strategy, so a connection lost anywhere in
    /// it — opening it, a statement, the commit — reaches the user as the retry message (<see cref="ErrorCodes.DatabaseUnavailable"/>)
    /// and nothing of it is kept. Every hand-opened transaction goes through here.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DatabaseFacade database, Func<Task<T>> work, CancellationToken ct) =>
        database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await database.BeginTransactionAsync(ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        });

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this DatabaseFacade database, Func<Task> work, CancellationToken ct) =>
        database.InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, ct);

    /// <summary>Someone inserted the same key first: SQLite's constraint error 19 or PostgreSQL's 23505.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// The server went away under the operation (restarted, the connection terminated): nothing of the failed
    /// transaction was kept, and the same operation will work once the server is back.
    /// </summary>
    public static bool IsConnectionLost(Exception e) => e switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateException { InnerException: { } inner } => IsConnectionLost(inner),
        InvalidOperationException { InnerException: NpgsqlException inner } => IsConnectionLost(inner),
        _ => false,
    };

    /// <summary>
    /// Keeps the rows where one of <paramref name="fields"/> contains <paramref name="text"/>, letters compared without
    /// case on both databases: SQLite's LIKE folds ASCII letters; PostgreSQL's LIKE folds nothing, so it gets ILIKE.
    /// Chinese has no case; other letters beyond ASCII (é/É) fold only on PostgreSQL. <c>%</c>, <c>_</c> and
    /// <c>\</c> in the text are matched as themselves.
    /// </summary>
    public static IQueryable<T> WhereContainsIgnoringCase<T>(this IQueryable<T> query, DatabaseFacade database, string text,
        params Expression<Func<T, string?>>[] fields)
    {
        var pattern = "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        Expression<Func<string?, bool>> matches = database.IsNpgsql()
            ? s => EF.Functions.ILike(s!, pattern, @"\")
            : s => EF.Functions.Like(s, pattern, @"\");
        var row = Expression.Parameter(typeof(T), "row");
        var any = fields.Select(f => new ParameterSwap(matches.Parameters[0], new ParameterSwap(f.Parameters[0], row).Visit(f.Body)).Visit(matches.Body))
            .Aggregate(Expression.OrElse);
        return query.Where(Expression.Lambda<Func<T, bool>>(any, row));
    }

    /// <summary>
    /// Model adjustments one provider needs. PostgreSQL stores <see cref="DateTime"/> as <c>timestamp with time zone</c>
    /// and refuses a value whose kind is not UTC; every time here is UTC (<c>…AtUtc</c>), so an unspecified kind is
    /// taken as UTC instead of failing the save.
    /// </summary>
    internal static void AdaptModel(ModelBuilder builder, DatabaseFacade database)
    {
        if (!database.IsNpgsql())
        {
            return;
        }

        var utc = new ValueConverter<DateTime, DateTime>(v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
        {
            property.SetValueConverter(utc);
        }
    }

    /// <summary>A query for the names of the database's own tables, one a row.</summary>
    public static string ListTablesSql(DbConnection connection) => connection is NpgsqlConnection
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE';"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";

    /// <summary>
    /// Takes <paramref name="count"/> ids for rows of <paramref name="table"/> that a copy writes with their ids: from the
    /// sequence of its <c>Id</c> on PostgreSQL; on SQLite the ids after the highest it ever gave (its AUTOINCREMENT
    /// sequence), which no one else can take before the caller's transaction ends, since it holds the database's write lock.
    /// </summary>
    internal static async Task<IReadOnlyList<int>> ReserveIdsAsync(DatabaseFacade database, string table, int count, CancellationToken ct)
    {
        if (database.GetDbConnection() is SqliteConnection sqlite)
        {
            await using var last = sqlite.CreateCommand();
            last.Transaction = (SqliteTransaction?)database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Ids are reserved inside a transaction.");
            last.CommandText = $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = $table), 0), coalesce((SELECT max(Id) FROM \"{table}\"), 0));";
            last.Parameters.AddWithValue("$table", table);
            var first = Convert.ToInt32(await last.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
            return Enumerable.Range(first, count).ToList();
        }

        var connection = (NpgsqlConnection)database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence(@table, 'Id'))::integer FROM generate_series(1, @count)", connection);
        command.Parameters.AddWithValue("table", $"\"{table}\"");
        command.Parameters.AddWithValue("count", count);
        var ids = new List<int>(count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> inside the current transaction: with PostgreSQL's binary COPY, or on SQLite with one
    /// prepared insert stepped once a row (70,000 values in a fraction of a second either way). Each value's type follows
    /// its .NET type: int, string, double, bool, DateTime (UTC).
    /// </summary>
    internal static async Task CopyAsync(DatabaseFacade database, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        if (database.GetDbConnection() is SqliteConnection sqlite)
        {
            _ = database.CurrentTransaction ?? throw new InvalidOperationException("Copies run inside a transaction.");
            CopySqlite(sqlite, table, columns, rows, ct);
            return;
        }

        var connection = (NpgsqlConnection)database.GetDbConnection();
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var value in row)
            {
                await (value switch
                {
                    null => writer.WriteNullAsync(ct),
                    int i => writer.WriteAsync(i, NpgsqlDbType.Integer, ct),
                    string s => writer.WriteAsync(s, NpgsqlDbType.Text, ct),
                    double d => writer.WriteAsync(d, NpgsqlDbType.Double, ct),
                    bool b => writer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
                    DateTime t => writer.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct),
                    _ => throw new ArgumentException($"No COPY type for {value.GetType()} in {table}.", nameof(rows)),
                });
            }
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>
    /// One insert prepared on the connection's own handle, its parameters bound by position. (Microsoft.Data.Sqlite binds
    /// each parameter by name, and SQLite finds a name by walking the statement's list of them: a statement per report was
    /// a fifth of a ten-year import, and many rows a statement grow with the square of their parameters.)
    /// </summary>
    private static void CopySqlite(SqliteConnection connection, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var places = string.Join(", ", columns.Select((_, i) => $"?{i + 1}"));
        Check(SQLitePCL.raw.sqlite3_prepare_v2(handle, $"INSERT INTO \"{table}\" ({names}) VALUES ({places});", out var statement), handle);
        using (statement)
        {
            var written = 0;
            foreach (var row in rows)
            {
                if (++written % 1024 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                for (var i = 0; i < row.Length; i++)
                {
                    Check(row[i] switch
                    {
                        null => SQLitePCL.raw.sqlite3_bind_null(statement, i + 1),
                        int n => SQLitePCL.raw.sqlite3_bind_int(statement, i + 1, n),
                        string s => SQLitePCL.raw.sqlite3_bind_text(statement, i + 1, s),
                        double d => SQLitePCL.raw.sqlite3_bind_double(statement, i + 1, d),
                        bool b => SQLitePCL.raw.sqlite3_bind_int(statement, i + 1, b ? 1 : 0),
                        DateTime t => SQLitePCL.raw.sqlite3_bind_text(statement, i + 1, SqliteTime(t)),
                        var other => throw new ArgumentException($"No SQLite type for {other.GetType()} in {table}.", nameof(rows)),
                    }, handle);
                }

                var step = SQLitePCL.raw.sqlite3_step(statement);
                // Reset before any throw: a statement left mid-step would keep the table's cursor open.
                SQLitePCL.raw.sqlite3_reset(statement);
                if (step != SQLitePCL.raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(step, handle);
                }
            }
        }

        static void Check(int rc, SQLitePCL.sqlite3 handle)
        {
            if (rc != SQLitePCL.raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }

    /// <summary>A time as EF Core's SQLite provider writes it, so that EF reads it back as its own.</summary>
    private static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    /// <remarks>
    /// Split queries for included collections: as one query, EF Core puts a report's values (joined to their
    /// indicators) in a LEFT JOIN subquery that SQLite materialises for every report of every year — 32 ms to load one
    /// report and 75 ms for the review queue on the demo figures, against 1.4 and 11 ms split (Release, measured).
    /// </remarks>
    private static void SplitQueries(SqliteDbContextOptionsBuilder sqlite) => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);

    /// <remarks>
    /// Split on PostgreSQL too, so both databases run the same queries. No retrying execution strategy: the imports
    /// open their own transactions, which a retrying strategy refuses; a lost connection reaches the user as a retry
    /// message instead (<see cref="IsConnectionLost"/>).
    /// </remarks>
    private static void SplitQueries(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery).ExecutionStrategy(d => new ConnectionLossStrategy(d));

    private static DbContextOptions<BranchNetworkDbContext> WithSqlite(DbContextOptionsBuilder<BranchNetworkDbContext> builder) =>
        builder.AddInterceptors(BusyTimeoutInterceptor.Instance).Options;

    /// <summary>
    /// Runs every query and save once, as EF Core's default strategy does, and turns a lost connection into the
    /// user's retry message (<see cref="ErrorCodes.DatabaseUnavailable"/>). The pool is cleared as well: after a
    /// restart every idle connection in it is dead, and without this each would fail one more save.
    /// </summary>
    private sealed class ConnectionLossStrategy(ExecutionStrategyDependencies dependencies) : IExecutionStrategy
    {
        public bool RetriesOnFailure => false;

        public TResult Execute<TState, TResult>(TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
        {
            try
            {
                return operation(dependencies.CurrentContext.Context, state);
            }
            catch (Exception e) when (IsConnectionLost(e))
            {
                throw Unavailable(e);
            }
        }

        public async Task<TResult> ExecuteAsync<TState, TResult>(TState state, Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
            Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded, CancellationToken cancellationToken = default)
        {
            try
            {
                return await operation(dependencies.CurrentContext.Context, state, cancellationToken);
            }
            catch (Exception e) when (IsConnectionLost(e))
            {
                throw Unavailable(e);
            }
        }

        private DomainException Unavailable(Exception lost)
        {
            if (dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                NpgsqlConnection.ClearPool(connection);
            }

            return new DomainException(ErrorCodes.DatabaseUnavailable, null, lost.Message);
        }
    }

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>
/// The same context on PostgreSQL: a type of its own only because EF Core finds a set of migrations by its context's
/// type (the documented "one context type per provider" layout), so PostgreSQL's set in <c>Data/Migrations/PostgreSql</c>
/// and SQLite's in <c>Data/Migrations</c> live in one assembly. Created by <see cref="DatabaseProvider.CreateContext"/>.
/// </summary>
public sealed class PostgreSqlBranchNetworkDbContext(
    DbContextOptions<BranchNetworkDbContext> options,
    ICurrentUser currentUser,
    TimeProvider time) : BranchNetworkDbContext(options, currentUser, time);
