using System.Globalization;
using System.Security.Claims;
using BranchNetwork.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// The signed-in user of the page, circuit or request, as the services see them. In a circuit the authentication
/// state is the source; in a plain HTTP endpoint the request's user; with neither (start-up) it is the system.
/// </summary>
internal sealed class PortalCurrentUser(
    AuthenticationStateProvider authentication,
    IHttpContextAccessor http,
    ActorContext actorContext) : ICurrentUser
{
    public async Task<Actor> GetActorAsync()
    {
        if (actorContext.Inherited is { } inherited)
        {
            return inherited;
        }

        ClaimsPrincipal? user;
        try
        {
            user = (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // No authentication state: a minimal API endpoint, or the start-up scope.
            user = http.HttpContext?.User;
            if (user is null)
            {
                return Actor.System;
            }
        }

        return FromPrincipal(user);
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
