using System.Net;
using System.Net.WebSockets;
using System.Text;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace BranchNetwork.Tests.Operations;

/// <summary>
/// The deployment guide's nginx configuration (<c>docs/nginx/branchnetwork.conf</c>) in front of two upstreams: every
/// request of a browser reaches the same instance, WebSockets go through on <c>/_blazor</c>, forwarded headers arrive,
/// and browsers spread over the instances. The upstreams are two small Kestrel servers that say who they are (two
/// portals cannot share one SQLite file; the journey through two portals runs on PostgreSQL).
/// </summary>
public sealed class LoadBalancerTests : IAsyncLifetime
{
    private readonly List<WebApplication> upstreams = [];
    private NginxProcess? nginx;

    private NginxProcess Nginx => nginx!;

    public async ValueTask InitializeAsync()
    {
        foreach (var name in new[] { "instance-a", "instance-b" })
        {
            upstreams.Add(await StartUpstreamAsync(name));
        }

        nginx = await NginxProcess.StartAsync(upstreams.Select(u => new Uri(u.Urls.Single()).Port).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }

        foreach (var upstream in upstreams)
        {
            await upstream.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_browser_stays_on_one_instance_and_its_WebSocket_reaches_the_same_one()
    {
        var (browser, cookies) = Browser();
        using var client = browser;
        var first = await browser.GetStringAsync("/");
        var again = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            again.Add(await browser.GetStringAsync($"/figures?month={i}"));
        }

        Assert.All(again, instance => Assert.Equal(first, instance));

        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Nginx.Port}/_blazor?id=circuit"), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(first, await ReceiveAsync(socket));
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal($"{first}: ping", await ReceiveAsync(socket));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Browsers_spread_over_the_instances_and_each_is_told_the_scheme_the_host_and_the_readers_address()
    {
        var landed = new HashSet<string>();
        for (var i = 0; i < 24 && landed.Count < 2; i++)
        {
            using var browser = Browser().Client;
            landed.Add(await browser.GetStringAsync("/"));
        }

        Assert.Equal(["instance-a", "instance-b"], landed.Order());
        using var reader = Browser().Client;
        // The Host keeps nginx's port: the portal's absolute redirects (after sign-in) are built from it.
        Assert.Equal($"http 127.0.0.1 127.0.0.1:{Nginx.Port}", await reader.GetStringAsync("/forwarded"));
        var health = await reader.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>A browser through nginx: a client and the cookies it keeps (the affinity cookie nginx gives it among them).</summary>
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = Nginx.BaseAddress }, cookies);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    /// <summary>A server that answers every page with its name, echoes on a WebSocket at /_blazor and says what nginx forwarded.</summary>
    private static async Task<WebApplication> StartUpstreamAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{PortalChildProcess.FreePort()}");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/_blazor", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest();
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(Encoding.UTF8.GetBytes(name), WebSocketMessageType.Text, true, context.RequestAborted);
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            await socket.SendAsync(Encoding.UTF8.GetBytes($"{name}: {Encoding.UTF8.GetString(buffer, 0, received.Count)}"), WebSocketMessageType.Text, true, context.RequestAborted);
            await socket.ReceiveAsync(buffer, context.RequestAborted);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
            return Results.Empty;
        });
        app.MapGet("/forwarded", (HttpContext context) => $"{context.Request.Headers["X-Forwarded-Proto"]} {context.Request.Headers["X-Forwarded-For"]} {context.Request.Headers.Host}");
        app.MapGet("/health", () => "Healthy");
        app.MapFallback(() => name);
        await app.StartAsync();
        return app;
    }
}
