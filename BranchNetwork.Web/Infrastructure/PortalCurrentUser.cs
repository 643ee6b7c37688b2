using System.Globalization;
using System.Security.Claims;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// The signed-in user of the page, circuit or request, as the services see them. Fails closed: with no signed-in
/// user there is no actor (<see cref="Actor.Anonymous"/>, who may do nothing); work without a user (start-up, the
/// daily backup) names <see cref="Actor.System"/> itself through <see cref="ActorContext"/>.
/// </summary>
/// <remarks>
/// A request's cookie was checked against the account's security stamp when the request began. A circuit lives on
/// after that, so each of its actions checks the stamp again: a disabled account, a new password or a sign-out
/// elsewhere stops the next save, not the next minute's revalidation.
/// </remarks>
internal sealed class PortalCurrentUser(
    AuthenticationStateProvider authentication,
    IHttpContextAccessor http,
    ActorContext actorContext,
    DbContextOptions<BranchNetworkDbContext> dbOptions,
    IOptions<IdentityOptions> identity,
    TimeProvider time) : ICurrentUser
{
    public async Task<Actor> GetActorAsync()
    {
        if (actorContext.Inherited is { } inherited)
        {
            return inherited;
        }

        ClaimsPrincipal user;
        try
        {
            user = (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // No authentication state: a minimal API endpoint, or no request and no circuit at all (nobody acts).
            if (http.HttpContext?.User is not { } requestUser)
            {
                return Actor.Anonymous;
            }

            user = requestUser;
        }

        // A page or endpoint request was checked as it began; a circuit (whose stale connection request the accessor
        // may still return) checks at each action.
        var checkedByRequest = http.HttpContext is { } context && !context.Request.Path.StartsWithSegments("/_blazor");
        return checkedByRequest || await IsCurrentAsync(user) ? FromPrincipal(user) : Actor.Anonymous;
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || SessionLifetime.HasExpired(user, time.GetUtcNow()))
        {
            return false;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        // Not through the context factory, which asks this class who acts: this read saves nothing.
        await using var db = DatabaseProvider.CreateContext(dbOptions, this, time);
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == id && u.SecurityStamp == stamp && !u.IsDisabled);
    }

    /// <summary>Whether the account <paramref name="id"/> still has this security stamp: one read by key (a request's cookie check).</summary>
    public static async Task<bool> HasStampAsync(IServiceProvider services, string id, string stamp)
    {
        await using var db = DatabaseProvider.CreateContext(
            services.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>(), services.GetRequiredService<ICurrentUser>(), services.GetRequiredService<TimeProvider>());
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == id && u.SecurityStamp == stamp);
    }

    public static Actor FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Actor.Anonymous;
        }

        var name = user.FindFirstValue(PortalClaimsFactory.DisplayNameClaim) is { Length: > 0 } display
            ? $"{display} ({user.Identity.Name})"
            : user.Identity.Name ?? "?";
        var branch = int.TryParse(user.FindFirstValue(PortalClaimsFactory.BranchClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : (int?)null;
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), name, user.FindFirstValue(ClaimTypes.Role), branch);
    }
}
