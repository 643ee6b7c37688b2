using BranchNetwork.Core.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Training;

public static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingService>();
        services.AddScoped<DemoTraining>();
        return services;
    }

    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddScoped<ActivityService>();
        services.AddScoped<DemoActivities>();
        return services;
    }
}
