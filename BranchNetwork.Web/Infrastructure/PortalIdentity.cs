using System.Xml.Linq;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Web.Infrastructure;

public static class PortalIdentity
{
    /// <summary>The data-protection application name: keys made under it protect every instance's cookies.</summary>
    public const string ApplicationName = "BranchNetwork";

    /// <summary>Where releases before the keys moved into the database kept them.</summary>
    public const string KeysFolderSetting = "DataProtection:KeysFolder";

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
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<BranchNetworkDbContext>();

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
            // A script asking for JSON (the quick entry page's queue) learns that the session ended; a page is sent to sign in.
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (JsonRequests.AsksForJson(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }

                return Task.CompletedTask;
            };
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

    /// <summary>
    /// Adds the keys an older release kept in <see cref="KeysFolderSetting"/> (default <c>App_Data/keys</c>) to the
    /// database's, once (by their file name), so an upgrade signs nobody out. The files stay: an older release put back
    /// still finds them. One instance at a time: inside the start-up's gate (<see cref="PortalStartup"/> hands it to
    /// <see cref="DatabaseInitializer"/>), before the portal serves and so before the key ring is first read.
    /// </summary>
    public static async Task AddKeyFilesToDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var folder = configuration[KeysFolderSetting] is { Length: > 0 } configured ? configured
            : Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, "App_Data", "keys");
        if (!Directory.Exists(folder))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(folder, "key-*.xml").Where(f => !known.Contains(Path.GetFileNameWithoutExtension(f))).ToList();
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        }

        await db.SaveChangesAsync(ct);
        if (files.Count > 0)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalIdentity))
                .LogInformation("Added {Count} data-protection keys from {Folder} to the database", files.Count, folder);
        }
    }
}
