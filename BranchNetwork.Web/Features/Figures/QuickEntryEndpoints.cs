using System.Security.Claims;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Figures;

/// <summary>
/// What the quick entry page's script sends from its queue: one value, or a unit's submission. The same
/// <see cref="FiguresService"/> rules and audit as the entry page; the antiforgery token travels in a header.
/// A queue entry typed under another account is refused before anything is read.
/// </summary>
public static class QuickEntryEndpoints
{
    public sealed record ValueRequest(string User, string Unit, string Month, string Indicator, string? Value, string? Explanation,
        int TypedAgainstVersion, string? TypedOver);

    public sealed record SubmitRequest(string User, string Unit, string Month, int Version);

    public static IEndpointRouteBuilder MapQuickEntry(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/figures/quick").RequireAuthorization(Infrastructure.Policies.EditUnits);
        // A page kept open across a new sign-in holds a token of the old session: it asks for a fresh one and sends again.
        group.MapGet("/token", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }));
        group.MapPost("/values", SaveAsync).AddEndpointFilter(ValidateAntiforgery);
        group.MapPost("/submit", SubmitAsync).AddEndpointFilter(ValidateAntiforgery);
        return endpoints;
    }

    private static async Task<IResult> SaveAsync(ValueRequest request, HttpContext context, FiguresService figures,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (Refusal(request.User, request.Month, context, l, out var period) is { } refused)
        {
            return refused;
        }

        if (!FiguresText.TryParse(request.Value, out var value))
        {
            return Refused(l[$"Error.{ErrorCodes.FigureNotANumber}", request.Value ?? ""]);
        }

        if (!FiguresText.TryParse(request.TypedOver, out var typedOver))
        {
            return Results.BadRequest();
        }

        try
        {
            var outcome = await figures.SaveTypedValueAsync(request.Unit, period, request.Indicator, value, request.Explanation,
                request.TypedAgainstVersion, typedOver, ct);
            return outcome.Saved
                ? Results.Json(new
                {
                    saved = true,
                    version = outcome.Version,
                    state = l.State(outcome.State),
                    value = FiguresText.Invariant(value),
                    flags = outcome.Flags.Select(f => l.Flag(f, value)).ToList(),
                })
                : Results.Json(new
                {
                    saved = false,
                    version = outcome.Version,
                    theirs = FiguresText.Invariant(outcome.Theirs),
                    theirsText = FiguresText.Number(outcome.Theirs),
                    theirExplanation = outcome.TheirExplanation,
                }, statusCode: StatusCodes.Status409Conflict);
        }
        catch (DomainException e)
        {
            return Refused(l.Error(e));
        }
    }

    private static async Task<IResult> SubmitAsync(SubmitRequest request, HttpContext context, FiguresService figures,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (Refusal(request.User, request.Month, context, l, out var period) is { } refused)
        {
            return refused;
        }

        try
        {
            var version = await figures.SubmitAsync(request.Unit, period, request.Version, ct);
            return Results.Json(new { version, state = l.State(ReportState.Submitted) });
        }
        catch (DomainException e)
        {
            return Refused(l.Error(e));
        }
    }

    /// <summary>A queue entry of another account (a shared phone) or of no month at all is answered before anything is read.</summary>
    private static IResult? Refusal(string user, string month, HttpContext context, IStringLocalizer<SharedResource> l, out Period period)
    {
        period = default;
        if (user != context.User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return Results.Json(new { message = l["Quick.OtherAccount"].Value }, statusCode: StatusCodes.Status403Forbidden);
        }

        return Period.TryParse(month, out period) ? null : Results.BadRequest();
    }

    private static IResult Refused(string message) => Results.Json(new { message }, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
            ? await next(invocation)
            : Results.Json(new { token = "expired" }, statusCode: StatusCodes.Status400BadRequest);
    }
}
