namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Someone signed in with a one-time password sees nothing but the change-password page until they chose their own.
/// </summary>
internal static class PasswordChangeGate
{
    private const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(PortalClaimsFactory.MustChangePasswordClaim, "true")
            && HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/Account")
            && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/culture")
            && !Path.HasExtension(path.Value))
        {
            context.Response.Redirect(ChangePasswordPath);
            return;
        }

        await next();
    });
}
