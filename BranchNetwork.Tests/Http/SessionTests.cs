using System.Net;
using System.Security.Claims;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BranchNetwork.Tests.Http;

/// <summary>The portal on a clock the test moves: sessions expire after <see cref="SessionLifetime.Absolute"/>.</summary>
public sealed class ClockedPortalFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IPasswordHasher<ApplicationUser>>(Hasher);
        });
    }
}

/// <summary>Identity's own hasher, counting the checks it makes: each costs the same tens of milliseconds.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> inner = new();
    private int checks;

    public int Checks => Volatile.Read(ref checks);

    public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref checks);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// A session ends everywhere when the account's security stamp moves (sign-out, a new password, a reset, a new role,
/// a disabled account), at the next request or the next action of an open circuit, and after 12 hours whatever.
/// </summary>
public sealed class SessionTests(ClockedPortalFactory portal) : IClassFixture<ClockedPortalFactory>
{
    private async Task<HttpClient> SignedInAsync(string email, string password = PortalFactory.DemoPassword)
    {
        var client = portal.Anonymous();
        var response = await PortalSignIn.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<bool> IsSignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/roster");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<T> AsAdministratorAsync<T>(Func<UserAdminService, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = new Actor(null, "test administrator", Roles.Administrator);
        return await work(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    private Task<UserSummary> UserAsync(string email) => AsAdministratorAsync(async admin => (await admin.ListAsync(email)).Single());

    [Fact]
    public async Task Signing_out_ends_every_session_of_the_account_and_a_copied_cookie()
    {
        const string email = "ys-tp@demo.local";
        var here = await SignedInAsync(email);
        var elsewhere = await SignedInAsync(email);
        var signIn = await PortalSignIn.SignInAsync(portal.Anonymous(), email, PortalFactory.DemoPassword);
        var captured = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        captured.DefaultRequestHeaders.Add("Cookie", string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        Assert.True(await IsSignedInAsync(captured));

        var signOut = await PortalSignIn.SignOutAsync(here);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.False(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));
        Assert.False(await IsSignedInAsync(captured));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        const string email = "ys-dl@demo.local";
        var here = await SignedInAsync(email);
        var elsewhere = await SignedInAsync(email);

        var change = await PortalSignIn.PostFormAsync(here, PasswordChangeGate.ChangePasswordPath, PasswordChangeGate.ChangePasswordPath, "change-password", new()
        {
            ["Input.OldPassword"] = PortalFactory.DemoPassword,
            ["Input.NewPassword"] = "A-new-password-2026",
            ["Input.ConfirmPassword"] = "A-new-password-2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));
    }

    public static TheoryData<string, string> AdministratorChanges() => new()
    {
        { "reset", "ys-jy@demo.local" },
        { "role", "ys-ym@demo.local" },
        { "disable", "ys-xj@demo.local" },
    };

    [Theory]
    [MemberData(nameof(AdministratorChanges))]
    public async Task A_reset_a_new_role_or_disabling_ends_the_account_s_sessions_at_the_next_request(string change, string email)
    {
        var session = await SignedInAsync(email);
        var user = await UserAsync(email);

        await AsAdministratorAsync(async admin =>
        {
            switch (change)
            {
                case "reset":
                    await admin.ResetPasswordAsync(user.Id);
                    break;
                case "role":
                    await admin.UpdateAsync(user.Id, user.ConcurrencyStamp, new UserChange(user.DisplayName, Roles.Observer, null));
                    break;
                default:
                    await admin.SetDisabledAsync(user.Id, user.ConcurrencyStamp, true);
                    break;
            }

            return true;
        });

        Assert.False(await IsSignedInAsync(session));
    }

    [Fact]
    public async Task A_session_in_use_ends_twelve_hours_after_sign_in_though_every_request_slides_it()
    {
        var session = await SignedInAsync("ys-lb@demo.local");

        for (var elapsed = TimeSpan.Zero; elapsed < SessionLifetime.Absolute - TimeSpan.FromHours(3); elapsed += TimeSpan.FromHours(3))
        {
            portal.Clock.Advance(TimeSpan.FromHours(3));
            Assert.True(await IsSignedInAsync(session), $"still signed in after {elapsed + TimeSpan.FromHours(3)}");
        }

        portal.Clock.Advance(TimeSpan.FromHours(3));
        Assert.False(await IsSignedInAsync(session));
    }

    [Fact]
    public async Task A_disabled_account_s_open_circuit_acts_as_nobody_at_its_next_action()
    {
        const string email = "ys-hb@demo.local";
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>()
            .CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionLifetime.SignedInAtClaim, portal.Clock.GetUtcNow().ToString("O")));
        var circuit = new PortalCurrentUser(new FixedAuthenticationState(principal), new HttpContextAccessor(), new ActorContext(),
            scope.ServiceProvider.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>(), portal.Clock);
        Assert.Equal(Roles.BranchWorker, (await circuit.GetActorAsync()).Role);

        var user = await UserAsync(email);
        await AsAdministratorAsync(admin => admin.SetDisabledAsync(user.Id, user.ConcurrencyStamp, true).ContinueWith(_ => true));

        Assert.Same(Actor.Anonymous, await circuit.GetActorAsync());
    }

    [Fact]
    public async Task Without_a_request_or_a_circuit_nobody_acts()
    {
        await using var scope = portal.Services.CreateAsyncScope();

        var actor = await scope.ServiceProvider.GetRequiredService<ICurrentUser>().GetActorAsync();

        Assert.Same(Actor.Anonymous, actor);
    }

    [Theory]
    [InlineData("nobody@demo.local", "any-password")]
    [InlineData("ys-yc@demo.local", "wrong-password")]
    [InlineData("ys-qg@demo.local", PortalFactory.DemoPassword)]
    public async Task Every_sign_in_costs_one_password_check_whether_or_not_the_account_exists_or_may_sign_in(string email, string password)
    {
        if (email == "ys-qg@demo.local")
        {
            var user = await UserAsync(email);
            await AsAdministratorAsync(admin => admin.SetDisabledAsync(user.Id, user.ConcurrencyStamp, true).ContinueWith(_ => true));
        }

        var client = portal.Anonymous();
        await client.GetStringAsync("/Account/Login");
        var before = portal.Hasher.Checks;

        var response = await PortalSignIn.SignInAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, portal.Hasher.Checks - before);
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
