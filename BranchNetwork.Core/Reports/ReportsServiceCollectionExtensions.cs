using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The PDF and Word renderers and one class per report.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<DocxRenderer>();
        services.AddScoped<MonthlyFiguresReport>();
        services.AddScoped<UnitAnnualReport>();
        services.AddScoped<PlaquesReport>();
        services.AddScoped<CertificateReport>();
        services.AddScoped<TrainingSignInReport>();
        services.AddScoped<TrainingReport>();
        services.AddScoped<AnnualSummaryReport>();
        return services;
    }
}
