using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.StaticAssets;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Someone signed in with a one-time password reaches nothing but the change-password page, sign-out, the static
/// assets those pages load and <c>/health</c> until they chose their own: pages are redirected there, every other
/// request (a PDF, an export, a photo, a form post) is refused with 403.
/// </summary>
internal static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";
    private const string SignOutPath = "/Account/Logout";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // A refusal re-executed as its status page passes: the request it answers was judged already.
            if (!context.User.HasClaim(PortalClaimsFactory.MustChangePasswordClaim, "true") || IsOpen(context)
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                await next();
                return;
            }

            if (HttpMethods.IsGet(context.Request.Method) && !Path.HasExtension(context.Request.Path.Value))
            {
                context.Response.Redirect(ChangePasswordPath);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        });

    private static bool IsOpen(HttpContext context)
    {
        var (request, path) = (context.Request, context.Request.Path);
        if (path.Equals(ChangePasswordPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health"))
        {
            return true;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            return path.Equals(SignOutPath, StringComparison.OrdinalIgnoreCase);
        }

        // Static assets (the portal's own, the component libraries' and the framework's script), as routed.
        return HttpMethods.IsGet(request.Method)
            && (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null || path.StartsWithSegments("/_framework"));
    }
}
