using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using BranchNetwork.Core.Data;
using BranchNetwork.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// The whole portal in demo mode on its own temporary database (deleted afterwards): a SQLite file, or on
/// <see cref="PostgreSqlPortalFactory"/> a database of its own on the tests' PostgreSQL server.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Lazy<string> postgresDatabase = new(TestPostgres.CreateDatabase);

    public const string DemoPassword = "Demo-Password-2020";
    public const string AdminEmail = "admin@demo.local";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "branchnetwork-tests", Guid.NewGuid().ToString("N"));

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> signedIn = new();

    public string DatabasePath => Path.Combine(folder, "portal.db");

    public virtual DatabaseKind Kind => DatabaseKind.Sqlite;

    public string ConnectionString => Kind == DatabaseKind.PostgreSql
        ? TestPostgres.ConnectionString(postgresDatabase.Value)
        : $"Data Source={DatabasePath}";

    /// <summary>A connection to the portal's database of its own provider, for SQL a test reads beside the portal (opened).</summary>
    public async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection connection = Kind == DatabaseKind.PostgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"{ConnectionString};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A client that does not follow redirects, so tests see 302s and 403s as they are.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as a demo account through the real form; one per account, reused.</summary>
    public Task<HttpClient> SignedInAsync(string email) =>
        signedIn.GetOrAdd(email, e => new Lazy<Task<HttpClient>>(async () =>
        {
            var client = Anonymous();
            var response = await PortalSignIn.SignInAsync(client, e, DemoPassword);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in as {e} failed: {response.StatusCode}");
            }

            return client;
        })).Value;

    /// <summary>A session and a staff member who attended it, from the demo data, whose unit matches the condition.</summary>
    public async Task<(int Session, int Staff)> AttendanceAsync(string unitCondition)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT a."SessionId", a."StaffMemberId" FROM "Attendances" a
            JOIN "StaffMembers" s ON s."Id" = a."StaffMemberId" JOIN "Units" u ON u."Id" = s."UnitId"
            WHERE a."Attended" AND {unitCondition} ORDER BY a."SessionId", a."StaffMemberId" LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"The demo data has no attendance where {unitCondition}.");
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The value a unit's report holds for a month and the report's version (it counts every save); null: no report.</summary>
    public async Task<(decimal? Value, int Version)?> StoredAsync(string unit, Core.Figures.Period month, string indicator)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
        var report = await db.MonthlyReports.AsNoTracking().Include(r => r.Values).ThenInclude(v => v.Indicator)
            .SingleOrDefaultAsync(r => r.Unit.Code == unit && r.PeriodKey == month.Key);
        return report is null ? null : (report.Values.SingleOrDefault(v => v.Indicator.Code == indicator)?.Value, report.Version);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting(DatabaseProvider.ProviderSetting, Kind.ToString());
        builder.UseSetting(DatabaseProvider.ConnectionStringSetting, ConnectionString);
        builder.UseSetting("Bootstrap:DemoData", "true");
        builder.UseSetting("Bootstrap:DemoPassword", DemoPassword);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Photos:Folder", Path.Combine(folder, "photos"));
        builder.UseSetting("Backup:Directory", Path.Combine(folder, "backups"));
    }

    /// <summary>
    /// The portal migrates and seeds in the background while it listens (<see cref="PortalStartup"/>);
    /// a test starts once that is done, as a monitor waits for <c>/health</c> to say Healthy.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (WaitsForStartup)
        {
            host.Services.GetRequiredService<PortalStartup>().Completion.GetAwaiter().GetResult();
        }

        return host;
    }

    /// <summary>False for a test that looks at the portal while it starts.</summary>
    protected virtual bool WaitsForStartup => true;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgresDatabase.IsValueCreated)
        {
            TestPostgres.DropDatabase(postgresDatabase.Value);
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The whole portal in demo mode on PostgreSQL.</summary>
public class PostgreSqlPortalFactory : PortalFactory
{
    public override DatabaseKind Kind => DatabaseKind.PostgreSql;
}
