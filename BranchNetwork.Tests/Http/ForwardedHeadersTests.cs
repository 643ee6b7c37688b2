using System.Net;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Tests.Http;

/// <summary>Behind a proxy the portal reads X-Forwarded-For and X-Forwarded-Proto, from the proxies its settings name only.</summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task The_portal_believes_forwarded_headers_only_from_the_proxies_its_settings_name()
    {
        await using var factory = new PortalFactory();
        await using var portal = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("ForwardedHeaders:KnownProxies:0", "10.0.0.5");
            b.UseSetting("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16");
        });

        var options = portal.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Contains(IPAddress.Parse("10.0.0.5"), options.KnownProxies);
        Assert.Contains(options.KnownIPNetworks, n => n.ToString() == "10.1.0.0/16");
        Assert.DoesNotContain(IPAddress.Parse("10.0.0.6"), options.KnownProxies);
    }
}
