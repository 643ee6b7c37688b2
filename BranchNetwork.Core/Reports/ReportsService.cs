using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Reports;

/// <summary>The words of a report in the reader's language (the portal passes its string resources).</summary>
public delegate string ReportText(string key, params object[] args);

/// <summary>Printed reports. Each reads its data in the caller's scope and describes the pages as a <see cref="ReportDocument"/>.</summary>
public sealed class ReportsService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    PdfRenderer renderer)
{
    private static readonly string[] KeyIndicators = ["visits", "loans", "programs", "program_attendance", "new_cards"];

    /// <summary>The network's figures of one month: every unit with its state and key figures, totals, visits by branch.</summary>
    /// <returns>Null for a month that cannot have figures yet.</returns>
    public async Task<byte[]?> NetworkMonthlyAsync(Period period, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }

        if (period > figures.LastFullMonth || period.Year < 2000)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.ParentId }).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => KeyIndicators.Contains(i.Code)).ToListAsync(ct);
        var ordered = KeyIndicators.Select(code => indicators.Single(i => i.Code == code)).ToList();
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.PeriodKey == period.Key).ToDictionaryAsync(r => r.UnitId, ct);

        decimal? Value(int unitId, int indicatorId) => reports.GetValueOrDefault(unitId)?.Values.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value;
        var rows = units.Select(u => (IReadOnlyList<string>)
        [
            u.Name,
            reports.TryGetValue(u.Id, out var r) ? t($"ReportState.{r.State}") : t("ReportState.None"),
            .. ordered.Select(i => Number(Value(u.Id, i.Id))),
        ]).ToList();
        var totals = ordered.Select(i => units.Sum(u => Value(u.Id, i.Id) ?? 0)).ToList();
        var approved = reports.Values.Count(r => r.State == ReportState.Approved);
        var visits = ordered[0];
        var byBranch = units.Where(u => u.Kind == UnitKind.Branch)
            .Select(b => (b.Name, (double)units.Where(u => u.Id == b.Id || u.ParentId == b.Id).Sum(u => Value(u.Id, visits.Id) ?? 0)))
            .OrderByDescending(b => b.Item2).ToList();
        var chinese = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

        var document = new ReportDocument(
            t("Report.NetworkMonthly.Title", period.ToString()),
            t("Report.Author"),
            t("Report.Header"),
            (page, of) => t("Report.Footer", page, of),
            [
                new Heading(t("Report.NetworkMonthly.Title", period.ToString())),
                new Paragraph(t("Report.NetworkMonthly.Lead", units.Count, reports.Count, approved)),
                new KeyFigures(
                [
                    (t("Report.Reported"), $"{reports.Count}/{units.Count}"),
                    (t("Report.Approved"), approved.ToString(CultureInfo.InvariantCulture)),
                    (chinese ? visits.NameZh : visits.NameEn, Number(totals[0])),
                    (chinese ? ordered[1].NameZh : ordered[1].NameEn, Number(totals[1])),
                ]),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Report.State"), 1.3), .. ordered.Select(i => new Column(chinese ? i.NameZh : i.NameEn, 1.2, Align.Right))],
                    rows,
                    [t("Report.Total"), "", .. totals.Select(v => Number(v))]),
                new BarChart(t("Report.VisitsByBranch"), byBranch),
            ]);
        return renderer.Render(document);
    }

    private static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "—";
}
