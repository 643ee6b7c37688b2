using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// How long a sign-in lasts: <see cref="Idle"/> without a request ends it (sliding), and <see cref="Absolute"/> after
/// the password was typed ends it whatever happened since. The security stamp is checked on every request, so
/// signing out, a new password, a reset, a new role or a disabled account ends every session of the account at its
/// next request.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(4);

    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>When the password was typed (UTC, round-trip format); carried over every re-issue of the cookie.</summary>
    public const string SignedInAtClaim = "signed_in_at";

    /// <summary>Stamps a new sign-in; a re-issue (a password change keeps the session) keeps the first stamp.</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        const string key = ".signed_in_at";
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var signedInAt = context.Properties.Items.TryGetValue(key, out var kept) && kept is not null ? kept : now.ToString("O", CultureInfo.InvariantCulture);
        context.Properties.Items[key] = signedInAt;
        if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SignedInAtClaim))
        {
            identity.AddClaim(new Claim(SignedInAtClaim, signedInAt));
        }

        return Task.CompletedTask;
    }

    /// <summary>On every request: past the absolute lifetime the cookie is refused, otherwise the stamp is checked.</summary>
    /// <remarks>
    /// A stamp that matches needs nothing more: every claim the cookie carries (role, branch, display name, the
    /// password to change) renews the stamp when it changes, so its claims are the account's, and the handler's sliding
    /// expiration re-issues it when half its time is gone. Identity's validator, which a stamp that does not match still
    /// goes through (and is refused and signed out by), would load the user, its roles and claims, build the principal
    /// anew and re-issue the cookie on every request: four queries and a new cookie for the same claims.
    /// </remarks>
    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Principal is null || HasExpired(context.Principal, now))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (context.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && context.Principal.FindFirstValue(stampClaim) is { } stamp
            && await PortalCurrentUser.HasStampAsync(services, id, stamp))
        {
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The stamp of the sign-in goes into every principal that replaces it.</summary>
    public static Task OnRefreshingPrincipal(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(SignedInAtClaim) is { } stamp && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && !identity.HasClaim(c => c.Type == SignedInAtClaim))
        {
            identity.AddClaim(new Claim(SignedInAtClaim, stamp.Value));
        }

        return Task.CompletedTask;
    }

    /// <summary>A principal without the stamp (issued before there was one) has expired too: it cannot be dated.</summary>
    public static bool HasExpired(ClaimsPrincipal principal, DateTimeOffset now) =>
        !DateTimeOffset.TryParse(principal.FindFirstValue(SignedInAtClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
        || now - signedInAt >= Absolute;
}
