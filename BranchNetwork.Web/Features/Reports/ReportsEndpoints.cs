using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Reports;

/// <summary>Whether the portal found a CJK font for its PDFs (null: none, PDFs are refused with a message).</summary>
public sealed record ReportFontStatus(ReportFonts? Fonts);

public static class ReportsEndpoints
{
    public static IServiceCollection AddPortalReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReports();
        services.AddSingleton(new ReportFontStatus(ReportFonts.Register(configuration["Reports:FontPath"])));
        return services;
    }

    /// <summary><c>GET /reports/network-monthly/{yyyy}-{MM}.pdf</c> (head staff, administrators, observers).</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/network-monthly/{year:int}-{month:int}.pdf", async (int year, int month, ReportsService reports,
                ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (month is < 1 or > 12)
                {
                    return Results.NotFound();
                }

                if (fonts.Fonts is null)
                {
                    return Results.Text(l["Report.NoFont", ReportFonts.DebianPackage], statusCode: StatusCodes.Status503ServiceUnavailable);
                }

                try
                {
                    var pdf = await reports.NetworkMonthlyAsync(new Period(year, month), (key, args) => l[key, args], ct);
                    return pdf is null ? Results.NotFound() : Results.File(pdf, "application/pdf", $"network-{year:0000}-{month:00}.pdf");
                }
                catch (AccessDeniedException)
                {
                    return Results.Forbid();
                }
            })
            .RequireAuthorization();
        return endpoints;
    }
}

/// <summary>Degraded (still 200) when no CJK font is installed: the portal runs, its PDFs do not.</summary>
internal sealed class FontHealthCheck(ReportFontStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Fonts is null
            ? HealthCheckResult.Degraded($"No CJK font for PDF reports: install {ReportFonts.DebianPackage} or set Reports:FontPath.")
            : HealthCheckResult.Healthy());
}
