using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// Debian's nginx with the deployment guide's configuration (<c>docs/nginx/branchnetwork.conf</c>, its placeholders
/// filled in) on a free loopback port in front of the given upstream ports, in a prefix folder of its own: started in
/// the foreground (<c>nginx -c … -p … -g 'daemon off;'</c>) and stopped with the test. The README's test command
/// installs nginx.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly Process process;
    private readonly string prefix;
    private readonly StringBuilder log = new();

    private NginxProcess(Process process, string prefix, int port)
    {
        this.process = process;
        this.prefix = prefix;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The configuration file as installed for these upstreams (for a person reading a failure).</summary>
    public string ConfigurationFile => Path.Combine(prefix, "nginx.conf");

    /// <summary>The response header that names the instance which answered, when started with <c>revealUpstream</c>.</summary>
    public const string UpstreamHeader = "X-BranchNetwork-Upstream";

    /// <param name="upstreamPorts">The instances' loopback ports.</param>
    /// <param name="revealUpstream">
    /// Tests only: every proxied answer says which instance gave it (<see cref="UpstreamHeader"/>: nginx's
    /// <c>$upstream_addr</c>); the deployment guide's file does not, so a reader cannot map the instances.
    /// </param>
    public static async Task<NginxProcess> StartAsync(IReadOnlyList<int> upstreamPorts, bool revealUpstream = false)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"These tests need Debian's nginx ({Program}): run the README's test command, which installs it.");
        }

        var prefix = Directory.CreateTempSubdirectory("branchnetwork-nginx-").FullName;
        var port = PortalChildProcess.FreePort();
        var template = await File.ReadAllTextAsync(Path.Combine(PortalChildProcess.RepositoryRoot(), "docs", "nginx", "branchnetwork.conf"));
        var configuration = template
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{LISTEN}}", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("{{SERVER_NAME}}", "localhost", StringComparison.Ordinal)
            .Replace("{{TLS}}", "", StringComparison.Ordinal)
            .Replace("{{UPSTREAMS}}", string.Join("\n        ", upstreamPorts.Select(p => $"server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;")), StringComparison.Ordinal);
        if (revealUpstream)
        {
            const string proxyPass = "proxy_pass         http://branchnetwork;";
            if (!configuration.Contains(proxyPass, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"docs/nginx/branchnetwork.conf no longer has \"{proxyPass}\" in its location /: mend {nameof(NginxProcess)}.");
            }

            configuration = configuration.Replace(proxyPass, $"add_header         {UpstreamHeader} $upstream_addr always;\n            {proxyPass}", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), configuration);

        // As root nginx would hand its workers to "nobody", who may not write in this folder.
        var globals = Environment.UserName == "root" ? "daemon off; user root;" : "daemon off;";
        var start = new ProcessStartInfo(Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Path.Combine(prefix, "nginx.conf"), "-p", prefix, "-g", globals })
        {
            start.ArgumentList.Add(argument);
        }

        var nginx = new NginxProcess(Process.Start(start)!, prefix, port);
        nginx.process.ErrorDataReceived += (_, e) => nginx.Log(e.Data);
        nginx.process.OutputDataReceived += (_, e) => nginx.Log(e.Data);
        nginx.process.BeginErrorReadLine();
        nginx.process.BeginOutputReadLine();
        await nginx.WaitUntilListeningAsync();
        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGQUIT would finish open WebSockets first; a test's are done.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(prefix, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at once ({process.ExitCode}): {Logged()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nginx did not listen on {Port} within 15 s: {Logged()}");
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private string Logged()
    {
        lock (log)
        {
            var errors = Path.Combine(prefix, "error.log");
            return log + (File.Exists(errors) ? File.ReadAllText(errors) : "");
        }
    }
}
