using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Scores;

public static class ScoresServiceCollectionExtensions
{
    public static IServiceCollection AddScores(this IServiceCollection services) => services.AddScoped<ScoresService>();
}
