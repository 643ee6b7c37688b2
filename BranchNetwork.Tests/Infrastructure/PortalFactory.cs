using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>The whole portal in demo mode on its own temporary database file (deleted afterwards).</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Password-2020";
    public const string AdminEmail = "admin@demo.local";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "branchnetwork-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(folder, "portal.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:BranchNetwork", $"Data Source={DatabasePath}");
        builder.UseSetting("Bootstrap:DemoData", "true");
        builder.UseSetting("Bootstrap:DemoPassword", DemoPassword);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(folder, "keys"));
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
