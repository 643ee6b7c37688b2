using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BranchNetwork.Bench;

/// <summary>The built portal (BranchNetwork.Web.dll) started as its own process on a free loopback port.</summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    public const string DemoPassword = "Bench-Password-2020";

    private readonly Process process;

    private PortalProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the portal and returns once it answered 200, with the time from process start to that answer.</summary>
    public static async Task<(PortalProcess Portal, TimeSpan ToFirst200)> StartAsync(string webDll, string dataFolder)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__BranchNetwork"] = $"Data Source={Path.Combine(dataFolder, "bench.db")}";
        start.Environment["DataProtection__KeysFolder"] = Path.Combine(dataFolder, "keys");
        start.Environment["Bootstrap__DemoData"] = "true";
        start.Environment["Bootstrap__DemoPassword"] = DemoPassword;
        start.Environment["Bootstrap__AdminEmail"] = "admin@demo.local";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} before answering.");
            }

            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (new PortalProcess(process, address), clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal did not answer within 60 s.");
    }

    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
