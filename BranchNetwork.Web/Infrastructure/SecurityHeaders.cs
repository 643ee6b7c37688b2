using Microsoft.AspNetCore.StaticAssets;

namespace BranchNetwork.Web.Infrastructure;

internal static class SecurityHeaders
{
    // No inline or foreign scripts. Styles may be inline: MudBlazor sets style attributes and theme variables.
    // connect-src allows the circuit's WebSocket on this host.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>
    /// The same headers on every response, error pages included: they are set as the response starts, after the
    /// exception handler cleared whatever the failed request had set. Nothing but the static assets may be kept by a
    /// browser or a proxy: pages, PDFs, exports and photos carry one user's data.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}
