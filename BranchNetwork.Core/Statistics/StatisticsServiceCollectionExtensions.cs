using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Statistics;

public static class StatisticsServiceCollectionExtensions
{
    /// <summary>The annual statistical return: its calculator and overrides (the outputs are reports, see <c>AddReports</c>).</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<StatisticsReturnService>();
}
