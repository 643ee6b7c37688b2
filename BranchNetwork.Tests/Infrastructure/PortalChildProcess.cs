using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// The built portal (<c>BranchNetwork.Web.dll</c> of this configuration) as its own process on a loopback port,
/// in demo mode on a database file the caller owns — so a test can kill it (SIGKILL) and start it again, and the
/// bench can time its start-up and read its memory.
/// </summary>
public sealed class PortalChildProcess : IAsyncDisposable
{
    public const string DemoPassword = "Demo-Password-2020";
    public const string AdminEmail = "admin@demo.local";

    private readonly Process process;
    private readonly StringBuilder log = new();

    private PortalChildProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>From process start to the first 200 of <c>/health</c> (<c>Healthy</c> or <c>Degraded</c>: the start-up is done, the demo data there).</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>From process start to the first answer of <c>/health</c>, whatever it said (<c>Starting</c>: the portal listens).</summary>
    public TimeSpan ListeningIn { get; private set; }

    /// <summary>The processor time the portal had used (all its threads) when <c>/health</c> first answered 200.</summary>
    public TimeSpan StartedCpu { get; private set; }

    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>The portal's CPU time so far (user and system, all threads): what a bench divides by its requests.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>For a diagnostic tool to attach to (<c>dotnet-gcdump collect -p</c>).</summary>
    public int ProcessId => process.Id;

    /// <summary>What the portal wrote to its console (for a failing test's message).</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <param name="settings">More settings, as <c>Section__Key</c> environment variables.</param>
    /// <param name="environment">
    /// Development serves the static assets (MudBlazor, blazor.web.js) from the build, as <c>dotnet run</c> does, so
    /// circuits start; the bench's HTTP pages use Production.
    /// </param>
    /// <param name="webDll">A published portal to run (the slow-line bench's compressed assets); by default the build's.</param>
    public static async Task<PortalChildProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? settings = null,
        string environment = "Development", string? webDll = null)
    {
        webDll ??= WebDll();
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", address.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__BranchNetwork"] = $"Data Source={Path.Combine(dataFolder, "portal.db")}";
        start.Environment["Photos__Folder"] = Path.Combine(dataFolder, "photos");
        start.Environment["Backup__Directory"] = Path.Combine(dataFolder, "backups");
        start.Environment["Backup__DailyAt"] = "";
        start.Environment["Bootstrap__DemoData"] = "true";
        start.Environment["Bootstrap__DemoPassword"] = DemoPassword;
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var portal = new PortalChildProcess(process, address);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                // Exited is seen before the last lines are read: waiting without a timeout drains the redirected output.
                process.WaitForExit();
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} before answering:\n{portal.Log}");
            }

            try
            {
                using var response = await probe.GetAsync("/health");
                if (portal.ListeningIn == TimeSpan.Zero)
                {
                    portal.ListeningIn = clock.Elapsed;
                }

                // 503 Starting while the portal migrates and seeds in the background.
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    portal.StartedIn = clock.Elapsed;
                    process.Refresh();
                    portal.StartedCpu = process.TotalProcessorTime;
                    return portal;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            // Short, so the bench's start-up time is not rounded up by the probe.
            await Task.Delay(5);
        }

        await portal.KillAsync();
        throw new TimeoutException($"The portal did not answer within 120 s:\n{portal.Log}");
    }

    /// <summary>SIGKILL on Linux (TerminateProcess on Windows): no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Append(string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    /// <summary>The portal built in the same configuration (Debug or Release) as the running tests or bench.</summary>
    private static string WebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var dll = Path.Combine(RepositoryRoot(), "BranchNetwork.Web", "bin", configuration, framework, "BranchNetwork.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the tests first.");
    }

    /// <summary>The folder of <c>BranchNetwork.sln</c> above the running tests.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BranchNetwork.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository.");
    }

    /// <summary>A loopback port nobody listens on at this moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
