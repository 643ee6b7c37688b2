using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Assessment;

public static class AssessmentServiceCollectionExtensions
{
    public static IServiceCollection AddAssessment(this IServiceCollection services) =>
        services.AddScoped<AssessmentService>().AddScoped<ExampleAssessment>();
}
