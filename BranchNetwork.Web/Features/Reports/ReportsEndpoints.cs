using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Reports;

/// <summary>Whether the portal found a CJK font for its PDFs (null: none, PDFs are refused with a message).</summary>
public sealed class ReportFontStatus
{
    private readonly Lazy<ReportFonts?> fonts;

    /// <summary>A font already looked for (the tests').</summary>
    public ReportFontStatus(ReportFonts? fonts) => this.fonts = new(fonts);

    private ReportFontStatus(Func<ReportFonts?> find) => this.fonts = new(find, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Reading a font file and taking one face out of its collection (wqy-microhei: 5 MB) is left to the first use, which
    /// the start-up makes in the background (<see cref="Infrastructure.PortalStartup"/>) after the portal serves; a PDF asked
    /// for before that waits for it.
    /// </summary>
    public static ReportFontStatus Find(string? configuredPath) => new(() => ReportFonts.Register(configuredPath));

    public ReportFonts? Fonts => fonts.Value;
}

public static class ReportsEndpoints
{
    public static IServiceCollection AddPortalReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReports();
        services.AddSingleton(ReportFontStatus.Find(configuration["Reports:FontPath"]));
        return services;
    }

    /// <summary>
    /// <c>GET /reports/network-monthly/{yyyy}-{MM}.pdf</c> and <c>GET /reports/annual-summary/{yyyy}.pdf</c> (whole-network readers),
    /// <c>GET /reports/unit-annual/{code}/{yyyy}.pdf</c> and <c>GET /reports/branch-monthly/{code}/{yyyy}-{MM}.pdf</c> (anyone for a unit in their scope),
    /// <c>GET /reports/training/{yyyy}.pdf</c>, <c>GET /reports/branch-scores/{yyyy}.pdf</c> (a branch worker: their own branch's sheet), <c>GET /reports/plaques.pdf</c>, the attendance certificate
    /// <c>GET /reports/certificate/{sessionId}/{staffId}.pdf</c> and the sign-in sheet <c>GET /reports/training-signin/{sessionId}.pdf</c>
    /// (every signed-in user, their scope); the work summary also as Word, <c>GET /reports/annual-summary/{yyyy}.docx</c>; the
    /// statistical return <c>GET /reports/statistics-return/{yyyy}.pdf</c> and <c>.xlsx</c> (whole-network readers; 404 for a year
    /// out of range or without approved figures); the self-assessment's score sheet <c>GET /reports/assessment/{yyyy}.pdf</c>
    /// (whole-network readers, as its page).
    /// </summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/network-monthly/{year:int}-{month:int}.pdf", (int year, int month, MonthlyFiguresReport report, HttpContext context,
                ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            month is < 1 or > 12
                ? Task.FromResult(Results.NotFound())
                : Pdf(context, fonts, l, $"network-{year:0000}-{month:00}.pdf", t => report.NetworkAsync(new Period(year, month), t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/branch-monthly/{code}/{year:int}-{month:int}.pdf", (string code, int year, int month, MonthlyFiguresReport report,
                HttpContext context, ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            month is < 1 or > 12
                ? Task.FromResult(Results.NotFound())
                : Pdf(context, fonts, l, $"{SafeCode(code)}-{year:0000}-{month:00}.pdf", t => report.BranchAsync(code, new Period(year, month), t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/unit-annual/{code}/{year:int}.pdf", (string code, int year, UnitAnnualReport report, HttpContext context,
                ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"{SafeCode(code)}-{year:0000}.pdf", t => report.RenderAsync(code, year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/annual-summary/{year:int}.pdf", (int year, AnnualSummaryReport report, HttpContext context, ReportFontStatus fonts,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"annual-summary-{year:0000}.pdf", t => report.RenderAsync(year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/annual-summary/{year:int}.docx", (int year, AnnualSummaryReport report, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Word(l, l["Report.Annual.WordFile", year], t => report.WordAsync(year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/training/{year:int}.pdf", (int year, TrainingReport report, HttpContext context, ReportFontStatus fonts, IStringLocalizer<SharedResource> l,
                CancellationToken ct) =>
            Pdf(context, fonts, l, $"training-{year:0000}.pdf", t => report.RenderAsync(year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/certificate/{sessionId:int}/{staffId:int}.pdf", (int sessionId, int staffId, CertificateReport report, HttpContext context,
                ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"certificate-{sessionId}-{staffId}.pdf", t => report.RenderAsync(sessionId, staffId, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/training-signin/{sessionId:int}.pdf", (int sessionId, TrainingSignInReport report, HttpContext context,
                ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"training-signin-{sessionId}.pdf", t => report.RenderAsync(sessionId, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/statistics-return/{year:int}.pdf", (int year, StatisticsReturnReport report, HttpContext context, ReportFontStatus fonts,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"statistics-return-{year:0000}.pdf", t => report.RenderAsync(year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/statistics-return/{year:int}.xlsx", (int year, StatisticsReturnReport report, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            AnswerAsync(l, async t => await report.WorkbookAsync(year, t, ct) is { } workbook ? await LedgerWriter.WriteAsync(workbook, ct) : null,
                xlsx => Results.File(xlsx, LedgerWorkbook.ContentType, StatisticsReturnReport.FileName((key, args) => l[key, args], year, "xlsx"))))
            .RequireAuthorization();
        endpoints.MapGet("/reports/assessment/{year:int}.pdf", (int year, AssessmentReport report, HttpContext context, ReportFontStatus fonts,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"assessment-{year:0000}.pdf", t => report.RenderAsync(year, t, ct)))
            .RequireAuthorization(Infrastructure.Policies.WholeNetwork);
        endpoints.MapGet("/reports/branch-scores/{year:int}.pdf", (int year, BranchScoresReport report, HttpContext context, ReportFontStatus fonts,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, $"branch-scores-{year:0000}.pdf", t => report.RenderAsync(year, t, ct)))
            .RequireAuthorization();
        endpoints.MapGet("/reports/plaques.pdf", (PlaquesReport report, HttpContext context, ReportFontStatus fonts, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Pdf(context, fonts, l, "plaques.pdf", async t => await report.RenderAsync(t, ct)))
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>A unit code as it may stand in a file name (anything else is dropped).</summary>
    private static string SafeCode(string code) => new(code.ToUpperInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(20).ToArray());

    /// <summary>503 with the fix when there is no CJK font, 404 for a report that cannot exist, 403 outside the reader's rights.</summary>
    private static async Task<IResult> Pdf(HttpContext context, ReportFontStatus fonts, IStringLocalizer<SharedResource> l, string fileName, Func<ReportText, Task<byte[]?>> render)
    {
        if (fonts.Fonts is null)
        {
            return Results.Text(l["Report.NoFont", ReportFonts.DebianPackage], statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return await AnswerAsync(l, render, pdf =>
        {
            // ?download=1 saves the file; otherwise the browser shows it in its own PDF viewer (the preview).
            if (context.Request.Query["download"] == "1")
            {
                return Results.File(pdf, "application/pdf", fileName);
            }

            context.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
            return Results.File(pdf, "application/pdf");
        });
    }

    /// <summary>
    /// A Word document, always saved (a browser cannot preview it), under its name in the reader's language: the
    /// Content-Disposition carries it as RFC 5987 <c>filename*</c> beside an ASCII fallback. Needs no CJK font on the
    /// server (Word lays it out); 404 and 403 as for a PDF.
    /// </summary>
    private static Task<IResult> Word(IStringLocalizer<SharedResource> l, string fileName, Func<ReportText, Task<byte[]?>> render) =>
        AnswerAsync(l, render, docx => Results.File(docx, DocxRenderer.ContentType, fileName));

    private static async Task<IResult> AnswerAsync(IStringLocalizer<SharedResource> l, Func<ReportText, Task<byte[]?>> render, Func<byte[], IResult> answer)
    {
        try
        {
            return await render((key, args) => l[key, args]) is { } file ? answer(file) : Results.NotFound();
        }
        catch (AccessDeniedException)
        {
            return Results.Forbid();
        }
        catch (DomainException e)
        {
            // A report that cannot be made from what is recorded (a year with nothing approved): the reason, never a 500.
            return Results.Text(l.Error(e), "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
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
