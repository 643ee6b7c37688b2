using BranchNetwork.Core.Figures;

namespace BranchNetwork.Web.Features.Figures;

public static class FiguresEndpoints
{
    /// <summary>
    /// <c>GET /exports/figures/{yyyy}.xlsx|.csv</c> (a year of the caller's reports) and
    /// <c>GET /exports/figures/template.xlsx|.csv</c> (the import layout). Signed-in users only; scoped by the service.
    /// </summary>
    public static IEndpointRouteBuilder MapFiguresExports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/exports/figures").RequireAuthorization();
        group.MapGet("/template.{format}", async (string format, FiguresExchange exchange, CancellationToken ct) =>
            Format(format) is { } f
                ? Results.File(await exchange.TemplateAsync(f, ct), FiguresExchange.ContentType(f), $"figures-template.{format}")
                : Results.NotFound());
        group.MapGet("/{year:int}.{format}", async (int year, string format, FiguresExchange exchange, FiguresService figures, CancellationToken ct) =>
            Format(format) is { } f && year >= 1949 && year <= figures.LastFullMonth.Year
                ? Results.File(await exchange.ExportAsync(year, f, ct), FiguresExchange.ContentType(f), $"figures-{year}.{format}")
                : Results.NotFound());
        return endpoints;
    }

    private static ExchangeFormat? Format(string format) => format switch
    {
        "xlsx" => ExchangeFormat.Xlsx,
        "csv" => ExchangeFormat.Csv,
        _ => null,
    };
}
