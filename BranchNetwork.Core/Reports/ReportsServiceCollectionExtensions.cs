using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<PdfRenderer>();
        services.AddScoped<ReportsService>();
        return services;
    }
}
