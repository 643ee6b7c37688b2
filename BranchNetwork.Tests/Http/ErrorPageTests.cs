using System.Net;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Http;

/// <summary>The portal in Production, with one path that fails inside the pipeline as a bug would.</summary>
public sealed class FailingPortalFactory : PortalFactory
{
    public const string FailingPath = "/test-failure";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, FailAtTheEnd>());
    }

    private sealed class FailAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == FailingPath
                ? throw new InvalidOperationException("A failure inside the pipeline.")
                : rest(context));
        };
    }
}

/// <summary>What a failed request answers in Production: the error page, with every security header.</summary>
public sealed class ErrorPageTests(FailingPortalFactory portal) : IClassFixture<FailingPortalFactory>
{
    [Fact]
    public async Task The_error_page_carries_the_security_headers_and_is_not_stored()
    {
        var client = await portal.SignedInAsync(PortalFactory.AdminEmail);

        using var response = await client.GetAsync(FailingPortalFactory.FailingPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("script-src 'self'", string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("A failure inside the pipeline", await response.Content.ReadAsStringAsync());
    }
}
