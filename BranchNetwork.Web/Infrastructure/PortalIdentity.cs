using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace BranchNetwork.Web.Infrastructure;

public static class PortalIdentity
{
    /// <summary>
    /// How often an open circuit re-checks its user, to end a session nobody acts in. An action checks at once
    /// (<see cref="PortalCurrentUser"/>).
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in with ASP.NET Core Identity: local accounts only, no self-registration, every page behind it.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        // The keys that protect the cookies live in the database: a restart signs nobody out, and a cookie protected by
        // one instance is read by every other. The key ring reads them through a context of its own scope; saving a
        // key writes no audit entry (keys are not audited), so that context never asks who the user is.
        services.AddDataProtection().SetApplicationName("BranchNetwork").PersistKeysToDbContext<BranchNetworkDbContext>();

        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ICurrentUser, PortalCurrentUser>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.Cookie.Name = ".BranchNetwork.Identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Intranet portals often run on plain HTTP; the cookie is Secure whenever the request is HTTPS.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = SessionLifetime.Idle;
            cookie.SlidingExpiration = true;
            cookie.Events.OnSigningIn = SessionLifetime.OnSigningIn;
            cookie.Events.OnValidatePrincipal = SessionLifetime.OnValidatePrincipal;
            // A signed-in user without the role gets a plain 403 (rendered by the status page), not a redirect.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Every request checks the stamp (one lookup by key): a cookie captured before a sign-out is dead at once.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.OnRefreshingPrincipal = SessionLifetime.OnRefreshingPrincipal;
        });

        services.AddAuthorizationBuilder().AddPortalPolicies();

        services.AddAccounts()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        return services;
    }
}
