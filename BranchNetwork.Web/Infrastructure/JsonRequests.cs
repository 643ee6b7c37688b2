using Microsoft.AspNetCore.Diagnostics;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>Requests from a script that asks for JSON (the quick entry page's queue), not from a person asking for a page.</summary>
internal static class JsonRequests
{
    public static bool AsksForJson(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>
    /// Their refusals stay bare statuses (401, 403, 400): a status page re-executed for them would be HTML, and for a POST
    /// would be refused itself for want of an antiforgery token.
    /// </summary>
    public static IApplicationBuilder UseBareStatusesForJson(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (AsksForJson(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        return next(context);
    });
}
