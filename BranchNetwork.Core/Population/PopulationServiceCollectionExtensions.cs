using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Population;

public static class PopulationServiceCollectionExtensions
{
    public static IServiceCollection AddPopulation(this IServiceCollection services) =>
        services.AddScoped<PopulationService>().AddScoped<PerCapitaService>().AddScoped<DemoPopulation>();
}
