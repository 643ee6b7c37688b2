using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using BranchNetwork.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>The whole portal in demo mode on its own temporary database file (deleted afterwards).</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Password-2020";
    public const string AdminEmail = "admin@demo.local";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "branchnetwork-tests", Guid.NewGuid().ToString("N"));

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> signedIn = new();

    public string DatabasePath => Path.Combine(folder, "portal.db");

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
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT a.SessionId, a.StaffMemberId FROM Attendances a
            JOIN StaffMembers s ON s.Id = a.StaffMemberId JOIN Units u ON u.Id = s.UnitId
            WHERE a.Attended = 1 AND {unitCondition} ORDER BY a.SessionId, a.StaffMemberId LIMIT 1
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
        builder.UseSetting("ConnectionStrings:BranchNetwork", $"Data Source={DatabasePath}");
        builder.UseSetting("Bootstrap:DemoData", "true");
        builder.UseSetting("Bootstrap:DemoPassword", DemoPassword);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Photos:Folder", Path.Combine(folder, "photos"));
        builder.UseSetting("Backup:Directory", Path.Combine(folder, "backups"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
