using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// PostgreSQL: backups with <c>pg_dump --format=custom</c> (one compressed file, restorable table by table), restores
/// with <c>pg_restore</c> into an empty database only, in one transaction. Both programs come with Debian's
/// <c>postgresql-client</c>; without them the page and the command line name the documented commands instead.
/// </summary>
public sealed class PgDumpBackupEngine(IOptions<BackupOptions> options) : IBackupEngine
{
    public const string PgDump = "pg_dump";
    public const string PgRestore = "pg_restore";

    public string Name => PgDump;

    public string FileExtension => ".dump";

    public string? MissingTool => Find(PgDump) is null ? PgDump : null;

    public string Location(DatabaseTarget database) => PgCommands.DatabaseName(database.ConnectionString);

    public async Task<long> BackUpAsync(DatabaseTarget database, string target, Func<string, Stream>? openTarget, IProgress<string>? progress, CancellationToken ct)
    {
        var tool = Find(PgDump) ?? throw Missing(PgDump);
        target = Path.GetFullPath(target);
        var partial = target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var run = await RunAsync(PgCommands.Dump(tool, database.ConnectionString, partial), line =>
            {
                if (PgCommands.TableBeingDumped(line) is { } table)
                {
                    progress?.Report(table);
                }
            }, ct);
            if (run.ExitCode != 0)
            {
                throw Failed(PgDump, run);
            }

            File.Move(partial, target, overwrite: true);
            return new FileInfo(target).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DomainException(ErrorCodes.BackupWriteFailed, null, target, e.Message);
        }
        finally
        {
            TryDelete(partial);
        }
    }

    public Task<DatabaseCheck> CheckAsync(DatabaseTarget database, string? file, CancellationToken ct) =>
        file is null ? CheckLiveAsync(database, ct) : CheckDumpAsync(file, ct);

    public async Task<DatabaseCheck> RestoreAsync(DatabaseTarget database, string source, CancellationToken ct)
    {
        var tool = Find(PgRestore) ?? throw Missing(PgRestore);
        var check = await CheckDumpAsync(source, ct);
        check.EnsureRestorable();
        await using (var connection = database.Connect())
        {
            await connection.OpenAsync(ct);
            var tables = Convert.ToInt64(await ScalarAsync(connection, PgCommands.CountUserTablesSql, ct), System.Globalization.CultureInfo.InvariantCulture);
            PgCommands.EnsureEmpty(connection.Database, tables);
        }

        var run = await RunAsync(PgCommands.Restore(tool, database.ConnectionString, check.File), null, ct);
        if (run.ExitCode != 0)
        {
            throw Failed(PgRestore, run);
        }

        return check with { File = PgCommands.DatabaseName(database.ConnectionString) };
    }

    private static async Task<DatabaseCheck> CheckLiveAsync(DatabaseTarget database, CancellationToken ct)
    {
        await using var connection = database.Connect();
        await connection.OpenAsync(ct);
        var version = Convert.ToString(await ScalarAsync(connection, "SHOW server_version;", ct), System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Convert.ToInt64(await ScalarAsync(connection, "SELECT pg_database_size(current_database());", ct), System.Globalization.CultureInfo.InvariantCulture);
        var hasHistory = await ScalarAsync(connection, "SELECT to_regclass('public.\"__EFMigrationsHistory\"') IS NOT NULL;", ct) is true;
        var applied = new List<string>();
        if (hasHistory)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\";";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetString(0));
            }
        }

        return PgCommands.Check(connection.Database, bytes, [], applied, version);
    }

    private async Task<DatabaseCheck> CheckDumpAsync(string file, CancellationToken ct)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new DomainException(ErrorCodes.BackupFileNotFound, null, file);
        }

        var tool = Find(PgRestore) ?? throw Missing(PgRestore);
        var contents = await RunAsync(PgCommands.List(tool, file), null, ct);
        if (contents.ExitCode != 0)
        {
            throw new DomainException(ErrorCodes.BackupNotADump, null, file);
        }

        if (!PgCommands.HasOwnTables(contents.Output))
        {
            throw new DomainException(ErrorCodes.BackupForeignDatabase, null, file);
        }

        var history = await RunAsync(PgCommands.MigrationHistory(tool, file), null, ct);
        var problems = history.ExitCode == 0 ? [] : history.Errors.TakeLast(5).ToList();
        return PgCommands.Check(file, new FileInfo(file).Length, problems, PgCommands.CopiedRows(history.Output), null);
    }

    /// <summary>The program in <see cref="BackupOptions.PostgreSqlTools"/> when set, else on the PATH, else in Debian's newest PostgreSQL.</summary>
    private string? Find(string program)
    {
        var names = OperatingSystem.IsWindows() ? [program + ".exe"] : new[] { program };
        if (!string.IsNullOrWhiteSpace(options.Value.PostgreSqlTools))
        {
            return names.Select(n => Path.Combine(options.Value.PostgreSqlTools, n)).FirstOrDefault(File.Exists);
        }

        var folders = new List<string>();
        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            folders.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")));
        }

        return folders.SelectMany(f => names.Select(n => Path.Combine(f, n))).FirstOrDefault(File.Exists);
    }

    private static DomainException Missing(string tool) => new(ErrorCodes.BackupToolMissing, null, tool);

    private static DomainException Failed(string tool, ToolRun run) =>
        new(ErrorCodes.BackupToolFailed, null, tool, run.ExitCode, string.Join(" ", run.Errors.Where(l => !l.Contains(": dumping ", StringComparison.Ordinal)).TakeLast(3)));

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    private sealed record ToolRun(int ExitCode, List<string> Output, List<string> Errors);

    private static async Task<ToolRun> RunAsync(PgCommand command, Action<string>? onError, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new DomainException(ErrorCodes.BackupToolMissing, null, command.Program);
        var output = new List<string>();
        var errors = new List<string>();
        var reading = Task.WhenAll(ReadLinesAsync(process.StandardOutput, output.Add), ReadLinesAsync(process.StandardError, line =>
        {
            errors.Add(line);
            onError?.Invoke(line);
        }));
        try
        {
            await process.WaitForExitAsync(ct);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ToolRun(process.ExitCode, output, errors);
    }

    private static async Task ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed at the next start-up with the other leftovers.
        }
    }
}

/// <summary>A program with its arguments and environment, built apart from running it so tests can read it.</summary>
public sealed record PgCommand(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

/// <summary>The command lines of <c>pg_dump</c> and <c>pg_restore</c> and the reading of what they print.</summary>
public static partial class PgCommands
{
    public const string CountUserTablesSql =
        "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema');";

    private static readonly string[] OwnTables = ["__EFMigrationsHistory", "Units", "MonthlyReports", "AuditEntries", "AspNetUsers"];

    /// <summary>
    /// <c>pg_dump --format=custom</c> of the whole database into <paramref name="file"/>; <c>--verbose</c> names each
    /// table as it is copied (the page's progress).
    /// </summary>
    public static PgCommand Dump(string program, string connectionString, string file) =>
        With(program, connectionString, ["--format=custom", "--verbose", "--no-password", $"--file={file}"], dbnameFlag: true);

    /// <summary>
    /// <c>pg_restore</c> into the (empty) database: in one transaction, stopping at the first error, owned by the
    /// portal's role whoever owned the dumped objects.
    /// </summary>
    public static PgCommand Restore(string program, string connectionString, string file) =>
        With(program, connectionString, ["--no-password", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges"], dbnameFlag: true, file);

    /// <summary>The table of contents of a dump: fails on anything that is not a custom-format dump.</summary>
    public static PgCommand List(string program, string file) => new(program, ["--list", file], new Dictionary<string, string>());

    /// <summary>The rows of the migrations history in a dump, printed as SQL (the schema version of the backup).</summary>
    public static PgCommand MigrationHistory(string program, string file) =>
        new(program, ["--data-only", "--table=__EFMigrationsHistory", "--file=-", file], new Dictionary<string, string>());

    /// <summary>The table <c>pg_dump --verbose</c> says it is copying, from one line of its output; null for other lines.</summary>
    public static string? TableBeingDumped(string line) => DumpingTable().Match(line) is { Success: true } m ? m.Groups["table"].Value : null;

    /// <summary>Whether a dump's table of contents has this portal's tables.</summary>
    public static bool HasOwnTables(IEnumerable<string> contents)
    {
        var tables = contents.Select(l => TocTable().Match(l)).Where(m => m.Success).Select(m => m.Groups["table"].Value).ToHashSet(StringComparer.Ordinal);
        return OwnTables.All(tables.Contains);
    }

    /// <summary>The first column of the rows of a <c>COPY … FROM stdin</c> block in plain SQL output.</summary>
    public static List<string> CopiedRows(IEnumerable<string> sql) =>
        sql.SkipWhile(l => !l.StartsWith("COPY ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l != "\\.").Select(l => l.Split('\t')[0]).ToList();

    /// <summary>Refuses to restore over data: a restore fills an empty database, it never merges into a live one.</summary>
    public static void EnsureEmpty(string database, long tables)
    {
        if (tables > 0)
        {
            throw new DomainException(ErrorCodes.BackupTargetNotEmpty, null, database, tables);
        }
    }

    public static DatabaseCheck Check(string what, long bytes, IReadOnlyList<string> problems, IReadOnlyCollection<string> applied, string? serverVersion)
    {
        var known = DatabaseFiles.KnownMigrations;
        return new DatabaseCheck(what, bytes, problems, known.LastOrDefault(applied.Contains), known.Count(m => !applied.Contains(m)),
            applied.Except(known).Order(StringComparer.Ordinal).ToList(), serverVersion);
    }

    public static string DatabaseName(string connectionString) => Connection(connectionString).Database ?? "";

    private static PgCommand With(string program, string connectionString, string[] options, bool dbnameFlag, string? file = null)
    {
        var connection = Connection(connectionString);
        var arguments = new List<string>(options);
        if (connection.Host is { } host)
        {
            arguments.Add($"--host={host}");
        }

        if (connection.Port is { } port)
        {
            arguments.Add($"--port={port}");
        }

        if (connection.User is { } user)
        {
            arguments.Add($"--username={user}");
        }

        if (dbnameFlag && connection.Database is { } database)
        {
            arguments.Add($"--dbname={database}");
        }

        if (file is not null)
        {
            arguments.Add(file);
        }

        // The password goes in the environment, never on a command line that every user of the machine can list.
        var environment = new Dictionary<string, string>();
        if (connection.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        if (connection.SslMode is { } ssl)
        {
            // Npgsql's VerifyCA and VerifyFull are libpq's verify-ca and verify-full; the other modes have the same names.
            environment["PGSSLMODE"] = ssl.ToLowerInvariant().Replace("verify", "verify-", StringComparison.Ordinal).Replace("--", "-", StringComparison.Ordinal);
        }

        return new PgCommand(program, arguments, environment);
    }

    private sealed record ConnectionParts(string? Host, string? Port, string? User, string? Password, string? Database, string? SslMode);

    /// <summary>The parts of an Npgsql connection string libpq's programs take, under any of Npgsql's synonyms.</summary>
    private static ConnectionParts Connection(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Value(params string[] keys) => keys.Select(k => builder.TryGetValue(k, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null)
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return new ConnectionParts(
            Value("Host", "Server"),
            Value("Port"),
            Value("Username", "User ID", "User Name", "UserId", "User"),
            Value("Password", "PWD"),
            Value("Database", "DB"),
            Value("SSL Mode", "SslMode"));
    }

    [GeneratedRegex("dumping contents of table \"(?:[^\".]+\\.)?(?<table>[^\"]+)\"")]
    private static partial Regex DumpingTable();

    /// <summary>A table's entry in <c>pg_restore --list</c>: <c>215; 1259 16385 TABLE public Units portal</c>.</summary>
    [GeneratedRegex(@"^\d+; \d+ \d+ TABLE \S+ (?<table>\S+) ")]
    private static partial Regex TocTable();
}
