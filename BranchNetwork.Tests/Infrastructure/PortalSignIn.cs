using System.Text.RegularExpressions;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>Signs an <see cref="HttpClient"/> (with a cookie container) in through the real sign-in form.</summary>
public static partial class PortalSignIn
{
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await PostFormAsync(client, path, path, "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Posts a form the way its page does: with the antiforgery token of the page it is on.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, string? handler,
        Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pagePath);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{pagePath} has no antiforgery token.");
        }

        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs out as the user menu does (any page's antiforgery token will do; this one is rendered on the server).</summary>
    public static Task<HttpResponseMessage> SignOutAsync(HttpClient client) =>
        PostFormAsync(client, "/Account/Manage/ChangePassword", "/Account/Logout", null, new() { ["returnUrl"] = "/" });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
