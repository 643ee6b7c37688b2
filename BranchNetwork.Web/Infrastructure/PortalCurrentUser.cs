using System.Security.Claims;
using BranchNetwork.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>The signed-in user of the page or circuit, as the services see it.</summary>
internal sealed class PortalCurrentUser(AuthenticationStateProvider authentication) : ICurrentUser
{
    public async Task<Actor> GetActorAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Actor.System;
        }

        var name = user.FindFirstValue(PortalClaimsFactory.DisplayNameClaim) is { Length: > 0 } display
            ? $"{display} ({user.Identity.Name})"
            : user.Identity.Name ?? "?";
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), name);
    }
}
