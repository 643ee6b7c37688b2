using System.Net;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Http;

/// <summary>Sign-in hardening: lockout, disabled accounts, one-time passwords, cookies, headers, and the trail of it.</summary>
public abstract class SignInTests(PortalFactory portal)
{
    private async Task<T> AsAdministratorAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = new Actor(null, "test administrator", Roles.Administrator);
        return await work(scope.ServiceProvider);
    }

    private static string RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : response.Headers.Location!.OriginalString;

    private Task<UserSummary> DemoUserAsync(string email) =>
        AsAdministratorAsync(async sp => (await sp.GetRequiredService<UserAdminService>().ListAsync(email)).Single());

    private Task<Page<AuditEntryRecord>> TrailAsync(string email) =>
        AsAdministratorAsync(sp => sp.GetRequiredService<AuditService>().SearchAsync(new AuditFilter(EntityKey: email), new PageRequest(0, 50)));

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_trail_shows_it()
    {
        const string email = "ys-ql@demo.local";
        var client = portal.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            var failed = await PortalSignIn.SignInAsync(client, email, "wrong-password");
            Assert.Contains("邮箱或密码不正确", await failed.Content.ReadAsStringAsync());
        }

        var fifth = await PortalSignIn.SignInAsync(client, email, "wrong-password");
        var rightPasswordTooLate = await PortalSignIn.SignInAsync(client, email, PortalFactory.DemoPassword);

        Assert.Equal("/Account/Lockout", RedirectPath(fifth));
        Assert.Equal("/Account/Lockout", RedirectPath(rightPasswordTooLate));
        Assert.True((await DemoUserAsync(email)).IsLockedOut);
        var actions = (await TrailAsync(email)).Items.Select(e => e.Action).ToList();
        Assert.Equal(4, actions.Count(a => a == AuditActions.SignInFailed));
        Assert.Contains(AuditActions.LockedOut, actions);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        const string email = "ys-db@demo.local";
        var user = await DemoUserAsync(email);
        await AsAdministratorAsync(async sp =>
        {
            await sp.GetRequiredService<UserAdminService>().SetDisabledAsync(user.Id, user.ConcurrencyStamp, true);
            return true;
        });

        var response = await PortalSignIn.SignInAsync(portal.Anonymous(), email, PortalFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("此账号已停用", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_one_time_password_leads_to_the_change_password_page_and_nowhere_else()
    {
        const string email = "ys-jy@demo.local";
        var user = await DemoUserAsync(email);
        var issued = await AsAdministratorAsync(sp => sp.GetRequiredService<UserAdminService>().ResetPasswordAsync(user.Id));
        var client = portal.Anonymous();

        var signIn = await PortalSignIn.SignInAsync(client, email, issued.Password);
        var roster = await client.GetAsync("/roster");

        Assert.Equal("/Account/Manage/ChangePassword", RedirectPath(signIn));
        Assert.Equal("/Account/Manage/ChangePassword", RedirectPath(roster));
    }

    [Theory]
    [InlineData("/reports/plaques.pdf", 403)]
    [InlineData("/reports/training/2020.pdf", 403)]
    [InlineData("/exports/figures/2025.csv", 403)]
    [InlineData("/exports/figures/2025.xlsx", 403)]
    [InlineData("/photos/YS-QG/0123456789abcdef0123456789abcdef.png", 403)]
    [InlineData("/culture?culture=en&redirectUri=/roster", 302)]
    [InlineData("/Account/Login", 302)]
    [InlineData("/health", 200)]
    [InlineData("/favicon.svg", 200)]
    [InlineData("/Account/Manage/ChangePassword", 200)]
    public async Task With_a_one_time_password_only_the_change_password_page_sign_out_assets_and_health_answer(string path, int expected)
    {
        var client = await OneTimeSessionAsync("ys-cj@demo.local");

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 302)
        {
            Assert.Equal("/Account/Manage/ChangePassword", RedirectPath(response));
        }
    }

    [Fact]
    public async Task The_one_time_password_cannot_be_chosen_as_the_new_one()
    {
        const string email = "ys-lib@demo.local";
        var (client, oneTime) = await OneTimeSessionWithPasswordAsync(email);

        var response = await PortalSignIn.PostFormAsync(client, "/Account/Manage/ChangePassword", "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = oneTime,
            ["Input.NewPassword"] = oneTime,
            ["Input.ConfirmPassword"] = oneTime,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("新密码不能与当前密码", await response.Content.ReadAsStringAsync());
        Assert.True((await DemoUserAsync(email)).MustChangePassword);
        Assert.Equal("/Account/Manage/ChangePassword", RedirectPath(await client.GetAsync("/roster")));
    }

    private async Task<HttpClient> OneTimeSessionAsync(string email) => (await OneTimeSessionWithPasswordAsync(email)).Client;

    private async Task<(HttpClient Client, string Password)> OneTimeSessionWithPasswordAsync(string email)
    {
        var user = await DemoUserAsync(email);
        var issued = await AsAdministratorAsync(sp => sp.GetRequiredService<UserAdminService>().ResetPasswordAsync(user.Id));
        var client = portal.Anonymous();
        Assert.Equal("/Account/Manage/ChangePassword", RedirectPath(await PortalSignIn.SignInAsync(client, email, issued.Password)));
        return (client, issued.Password);
    }

    [Fact]
    public async Task A_successful_sign_in_is_in_the_trail()
    {
        await PortalSignIn.SignInAsync(portal.Anonymous(), "ys-xj@demo.local", PortalFactory.DemoPassword);

        Assert.Contains((await TrailAsync("ys-xj@demo.local")).Items, e => e.Action == AuditActions.SignedIn);
    }

    [Fact]
    public async Task Over_HTTPS_the_sign_in_cookie_is_secure_http_only_and_same_site()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        });

        var response = await PortalSignIn.SignInAsync(client, "ys-ym@demo.local", PortalFactory.DemoPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".BranchNetwork.Identity="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        using var response = await portal.Anonymous().GetAsync("/Account/Login");

        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join("", response.Headers.GetValues("Referrer-Policy")));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
    }
}

public sealed class SignInTestsOnSqlite(PortalFactory portal) : SignInTests(portal), IClassFixture<PortalFactory>;

public sealed class SignInTestsOnPostgreSql(PostgreSqlPortalFactory portal) : SignInTests(portal), IClassFixture<PostgreSqlPortalFactory>;
