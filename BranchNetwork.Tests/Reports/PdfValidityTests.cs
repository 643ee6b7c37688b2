using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace BranchNetwork.Tests.Reports;

/// <summary>
/// Every PDF route of the HTTP contract, in both languages, as a reader gets it: <c>qpdf --check</c> finds no error
/// and no warning, the metadata names the report, the library and the language, and poppler reads it.
/// </summary>
public abstract class PdfValidityTests(PortalFactory portal)
{
    private const string Qpdf = "/usr/bin/qpdf";
    private const string Attendance = "{attendance}";

    /// <summary>Each PDF route (as the portal maps it), a request for a report that exists in the demo data, and the resource key of its title.</summary>
    private static readonly (string Route, string Path, string TitleKey)[] Routes =
    [
        ("/reports/network-monthly/{year:int}-{month:int}.pdf", "/reports/network-monthly/2025-06.pdf", "Report.NetworkMonthly.Title"),
        ("/reports/branch-monthly/{code}/{year:int}-{month:int}.pdf", "/reports/branch-monthly/YS-QG/2025-06.pdf", "Report.BranchMonthly.Title"),
        ("/reports/unit-annual/{code}/{year:int}.pdf", "/reports/unit-annual/YS-QG/2025.pdf", "Report.UnitAnnual.Title"),
        ("/reports/annual-summary/{year:int}.pdf", "/reports/annual-summary/2020.pdf", "Report.Annual.Title"),
        ("/reports/training/{year:int}.pdf", "/reports/training/2020.pdf", "Report.Training.Title"),
        ("/reports/certificate/{sessionId:int}/{staffId:int}.pdf", $"/reports/certificate/{Attendance}.pdf", "Report.Certificate.DocumentTitle"),
        ("/reports/training-signin/{sessionId:int}.pdf", "/reports/training-signin/1.pdf", "Report.SignIn.Title"),
        ("/reports/plaques.pdf", "/reports/plaques.pdf", "Report.Plaques.Title"),
        ("/reports/statistics-return/{year:int}.pdf", "/reports/statistics-return/2020.pdf", "Statistics.Report.Title"),
        ("/reports/assessment/{year:int}.pdf", "/reports/assessment/2025.pdf", "Assessment.ReportTitle"),
        ("/reports/branch-scores/{year:int}.pdf", "/reports/branch-scores/2025.pdf", "Report.Scores.Title"),
    ];

    public static TheoryData<string, string, string> Requests()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (_, path, titleKey) in Routes)
        {
            data.Add(path, "zh-CN", titleKey);
            data.Add(path, "en", titleKey);
        }

        return data;
    }

    [Fact]
    public void Every_PDF_route_the_portal_maps_is_checked_here()
    {
        var mapped = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).OfType<string>().Where(r => r.EndsWith(".pdf", StringComparison.Ordinal)).ToHashSet();

        Assert.True(mapped.Count >= 8);
        Assert.Equal(mapped.Order(StringComparer.Ordinal), Routes.Select(r => r.Route).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_report_passes_qpdf_without_warnings_names_its_title_author_and_language_and_opens_in_poppler(string path, string culture, string titleKey)
    {
        var client = await ClientAsync(culture);
        if (path.Contains(Attendance, StringComparison.Ordinal))
        {
            var (session, staff) = await portal.AttendanceAsync("1 = 1");
            path = path.Replace(Attendance, $"{session}/{staff}", StringComparison.Ordinal);
        }

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var name = $"valid-{path[..^4].Replace("/reports/", "").Replace('/', '-')}-{culture}";
        ReportTests.KeepForReview(name, bytes);
        var file = Path.Combine(AppContext.BaseDirectory, "report-output", $"{name}.pdf");

        var (qpdfExit, qpdfOutput) = Run(Qpdf, "--check", file);
        Assert.True(qpdfExit == 0, $"qpdf --check exited {qpdfExit}:\n{qpdfOutput}");
        Assert.DoesNotContain("WARNING", qpdfOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No syntax or stream encoding errors found", qpdfOutput);

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var (titlePattern, author) = (TitlePattern(PortalText.Of(titleKey, Placeholders)), PortalText.Of("Report.Author"));
        CultureInfo.CurrentUICulture = previous;
        using var pdf = PdfDocument.Open(bytes);
        Assert.Matches(titlePattern, pdf.Information.Title);
        Assert.Equal(author, pdf.Information.Author);
        Assert.Equal("BranchNetwork", pdf.Information.Creator);
        Assert.True(pdf.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var lang), "The catalog has no /Lang.");
        Assert.Equal(culture, Assert.IsType<StringToken>(lang).Data);

        var (infoExit, info) = Run("pdfinfo", file);
        Assert.True(infoExit == 0, $"pdfinfo exited {infoExit}:\n{info}");
        Assert.Equal(pdf.Information.Title, Field(info, "Title"));
        Assert.Equal(pdf.NumberOfPages.ToString(CultureInfo.InvariantCulture), Field(info, "Pages"));
        var (textExit, text) = Run("pdftotext", "-enc", "UTF-8", file, "-");
        Assert.True(textExit == 0, $"pdftotext exited {textExit}:\n{text}");
        Assert.Contains(author.Replace(" ", ""), Regex.Replace(text, @"\s", ""));
    }

    /// <summary>A client signed in as the administrator that reads the portal in the culture (English through the portal's own switch).</summary>
    private async Task<HttpClient> ClientAsync(string culture)
    {
        var client = portal.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalSignIn.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.DemoPassword)).StatusCode);
        if (culture != "zh-CN")
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/culture?culture={culture}&redirectUri=%2F")).StatusCode);
        }

        return client;
    }

    /// <summary>As many stand-ins as the title's format has arguments, each one unlikely to occur in a title.</summary>
    private static readonly object[] Placeholders = [.. Enumerable.Range(0, 4).Select(i => $"\u0001{i}\u0001")];

    /// <summary>The title's format as a pattern: its words exactly, anything where an argument stands.</summary>
    private static string TitlePattern(string formatted) =>
        "^" + Regex.Replace(Regex.Escape(formatted), "\u0001\\d\u0001", ".+") + "$";

    /// <summary>A field of pdfinfo's output ("Title:           …").</summary>
    private static string? Field(string info, string name) =>
        info.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim();

    private static (int Exit, string Output) Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}

public sealed class PdfValidityTestsOnSqlite(PortalFactory portal) : PdfValidityTests(portal), IClassFixture<PortalFactory>;

public sealed class PdfValidityTestsOnPostgreSql(PostgreSqlPortalFactory portal) : PdfValidityTests(portal), IClassFixture<PostgreSqlPortalFactory>;
