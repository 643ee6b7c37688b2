using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Web.Infrastructure;

namespace BranchNetwork.Web.Features.Population;

public static class PopulationEndpoints
{
    /// <summary><c>GET /exports/population/{yyyy}.xlsx</c>: the import layout filled with a year's figures. Administrators only.</summary>
    public static IEndpointRouteBuilder MapPopulationExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports/population/{year:int}.xlsx", async (int year, PopulationService population, CancellationToken ct) =>
                year is >= PopulationRules.FirstYear and <= PopulationRules.LastYear
                    ? Results.File(await population.TemplateAsync(year, ct), FiguresExchange.ContentType(ExchangeFormat.Xlsx), $"population-{year}.xlsx")
                    : Results.NotFound())
            .RequireAuthorization(Policies.Administrator);
        return endpoints;
    }
}
