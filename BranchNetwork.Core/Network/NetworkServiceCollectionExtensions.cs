using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Network;

public static class NetworkServiceCollectionExtensions
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddScoped<NetworkService>();
        services.AddScoped<DemoNetworkSeeder>();
        return services;
    }
}
