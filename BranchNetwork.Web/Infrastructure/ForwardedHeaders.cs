using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Behind nginx (one instance or several), the scheme and the reader's address arrive in <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-For</c>: cookies become Secure on HTTPS and the log names the reader. Only the proxies named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR) are believed,
/// besides the loopback; anyone else could write the headers themselves.
/// </summary>
internal static class ForwardedHeaders
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
