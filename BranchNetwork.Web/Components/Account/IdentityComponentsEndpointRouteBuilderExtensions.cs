using BranchNetwork.Web.Infrastructure;
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
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            // Binding a form field makes the endpoint validate the antiforgery token. A new security stamp ends the
            // account's sessions everywhere: another browser, a copied cookie, an open circuit.
            if (await signInManager.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
            }

            await signInManager.SignOutAsync();
            // What this browser kept for the account (values typed offline) goes with it: a shared phone's next user never sends them.
            context.Response.Headers["Clear-Site-Data"] = "\"storage\"";
            return TypedResults.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? $"~/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl!)}" : "~/Account/Login");
        });
        return accountGroup;
    }
}
