using System.Diagnostics;
using Npgsql;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of its own for one test class: <c>initdb</c> in a temporary folder, started on a free loopback
/// port with a password (so what passes the password to <c>pg_dump</c> is tested), stopped and deleted afterwards. Needs
/// Debian's <c>postgresql</c> (the README's test command installs it); run as root, the cluster runs as the
/// <c>postgres</c> user, as PostgreSQL refuses to run as root.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncLifetime
{
    public const string User = "portal";
    public const string Password = "Throwaway-Password-19";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "branchnetwork-pg-" + Guid.NewGuid().ToString("N"));
    private int port;

    public string Bin { get; } = FindBin();

    /// <summary>A connection string to <paramref name="database"/> on this cluster (with the password).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = User, Password = Password, Database = database, Pooling = false }.ToString();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (Environment.UserName == "root")
        {
            Run("chown", "-R", "postgres:postgres", folder);
        }

        port = PortalChildProcess.FreePort();
        RunAsClusterOwner(Path.Combine(Bin, "initdb"), "-D", data, "-U", User, "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8");
        RunAsClusterOwner(Path.Combine(Bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            RunAsClusterOwner(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static string FindBin()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("These tests need Debian's postgresql package (initdb, pg_ctl, pg_dump): run the README's test command, which installs it.");
    }

    private static void RunAsClusterOwner(string program, params string[] arguments)
    {
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result} {error.Result}");
        }
    }
}
