using BranchNetwork.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using BranchNetwork.Core.Accounts;

namespace BranchNetwork.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        // An address on this site, a local path or one relative to the base (the pages' own "Account/Lockout"), as a
        // path relative to the base; anything else (another host, "//evil", "/\evil", "javascript:") goes home.
        uri ??= "";
        var path = uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase) ? uri[navigationManager.BaseUri.Length..]
            : uri.StartsWith('/') ? uri[1..]
            : uri;
        var local = LocalUrl.IsLocal("/" + path) && !Uri.TryCreate(path, UriKind.Absolute, out _);
        navigationManager.NavigateTo(local ? path : "");
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/Login", "Error: unknown user.", context);
}
