using BranchNetwork.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BranchNetwork.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    // The only account endpoint besides the pages: sign-out. There is no registration, external login or passkey.
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            // Binding a form field makes the endpoint validate the antiforgery token.
            await signInManager.SignOutAsync();
            var local = returnUrl is { Length: > 1 } && returnUrl[0] == '/' && returnUrl[1] is not '/' and not '\\';
            return TypedResults.LocalRedirect(local ? $"~/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl!)}" : "~/Account/Login");
        });
        return accountGroup;
    }
}
