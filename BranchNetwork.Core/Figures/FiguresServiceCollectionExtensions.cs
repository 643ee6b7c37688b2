using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Figures;

public static class FiguresServiceCollectionExtensions
{
    public static IServiceCollection AddFigures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FiguresOptions>().Bind(configuration.GetSection(FiguresOptions.Section));
        services.AddScoped<FiguresService>();
        services.AddScoped<IndicatorCatalogue>();
        services.AddScoped<DemoFigures>();
        services.AddScoped<FiguresExchange>();
        services.AddScoped<ClosureService>();
        return services;
    }
}
