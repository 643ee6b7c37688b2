using System.Net;
using System.Net.Sockets;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Data;

/// <summary>Database settings that cannot work stop the portal at start-up with exit code 1 and a message naming the setting.</summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-startup-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task An_unknown_provider_stops_the_portal_naming_Database_Provider()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PortalChildProcess.StartAsync(folder, new Dictionary<string, string> { ["Database__Provider"] = "Oracle" }));

        Assert.Contains("exited with code 1", error.Message);
        Assert.Contains("Database:Provider is \"Oracle\"", error.Message);
        Assert.False(File.Exists(Path.Combine(folder, "portal.db")), "no database was created");
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_stops_the_portal_naming_the_connection_string()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalChildProcess.StartAsync(folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__BranchNetwork"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=branchnetwork;Username=branchnetwork;Password=secret;Timeout=5",
        }));

        Assert.Contains("exited with code 1", error.Message);
        Assert.Contains("ConnectionStrings:BranchNetwork", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_stops_the_portal_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalChildProcess.StartAsync(folder, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__BranchNetwork"] = "",
        }));

        Assert.Contains("exited with code 1", error.Message);
        Assert.Contains("ConnectionStrings:BranchNetwork is empty", error.Message);
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
