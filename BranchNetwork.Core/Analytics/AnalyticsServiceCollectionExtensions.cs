using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services) => services.AddScoped<AnalyticsService>();
}
