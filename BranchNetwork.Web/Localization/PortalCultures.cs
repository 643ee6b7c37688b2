using BranchNetwork.Web.Infrastructure;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace BranchNetwork.Web.Localization;

public static class PortalCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly string[] Supported = [Chinese, English];

    public static bool IsChinese => Core.Common.BilingualName.ReaderIsChinese;

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudBlazor.MudLocalizer, PortalMudLocalizer>();
        // Write Chinese as characters, not as &#x...; entities: pages stay readable and a third of the size.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Chinese).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            // zh-CN unless the user chose otherwise with the switch: the browser's language is not asked.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary><c>GET /culture?culture=en&amp;redirectUri=/roster</c>: keeps the choice in the standard culture cookie.</summary>
    public static IEndpointConventionBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/culture", (HttpContext context, string? culture, string? redirectUri) =>
        {
            if (culture is null || !Supported.Contains(culture))
            {
                return Results.BadRequest("Unsupported culture.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(LocalUrl.OrHome(redirectUri));
        }).AllowAnonymous();
}
