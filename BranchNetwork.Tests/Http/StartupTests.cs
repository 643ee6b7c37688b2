using System.Net;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Http;

/// <summary>
/// The portal listens before its database is ready: while it migrates and seeds, <c>/health</c> says Starting and a page
/// asks to be tried again; once done, Healthy and the demo data are there.
/// </summary>
public sealed class StartupTests
{
    /// <summary>A portal whose start-up waits at the migration gate until the test lets it through (another instance holding it, say).</summary>
    private sealed class HeldPortal : PortalFactory
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override bool WaitsForStartup => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IMigrationGate>(_ => new HeldGate(Release.Task)));
        }
    }

    private sealed class HeldGate(Task release) : IMigrationGate
    {
        public async Task RunExclusivelyAsync(Func<CancellationToken, Task> work, CancellationToken ct)
        {
            await release.WaitAsync(ct);
            await work(ct);
        }
    }

    [Fact]
    public async Task Health_says_Starting_and_a_page_asks_to_try_again_until_the_demo_is_seeded_then_Healthy()
    {
        await using var portal = new HeldPortal();
        var client = portal.Anonymous();

        using var health = await client.GetAsync("/health");
        using var page = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Starting", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), page.Headers.RetryAfter?.Delta);
        Assert.Contains("门户正在启动", await page.Content.ReadAsStringAsync());

        portal.Release.SetResult();
        await portal.Services.GetRequiredService<PortalStartup>().Completion.WaitAsync(TimeSpan.FromMinutes(2));

        using var ready = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        var signIn = await PortalSignIn.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_page_asked_for_in_English_while_starting_says_so_in_English()
    {
        await using var portal = new HeldPortal();
        var client = portal.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/roster");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c=en|uic=en");

        using var page = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("The portal is starting; please try again in a moment.", await page.Content.ReadAsStringAsync());
        portal.Release.SetResult();
        await portal.Services.GetRequiredService<PortalStartup>().Completion.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
