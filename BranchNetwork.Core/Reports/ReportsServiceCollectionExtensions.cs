using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The PDF and Word renderers, one class per report and one per ledger (台账, written by <see cref="LedgerWriter"/>).</summary>
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
        services.AddScoped<AssessmentReport>();
        services.AddScoped<AnnualSummaryReport>();
        services.AddScoped<StatisticsReturnReport>();
        services.AddScoped<BranchScoresReport>();
        services.AddScoped<FiguresLedger>();
        services.AddScoped<ActivitiesLedger>();
        services.AddScoped<TrainingLedger>();
        services.AddScoped<StaffLedger>();
        services.AddScoped<DeliveriesLedger>();
        services.AddScoped<GrantsLedger>();
        services.AddScoped<ResourcesLedger>();
        services.AddScoped<PlaquesLedger>();
        return services;
    }
}
