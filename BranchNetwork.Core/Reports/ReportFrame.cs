using BranchNetwork.Core.Common;
using System.Globalization;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Reports;

/// <summary>The words of a report in the reader's language (the portal passes its string resources).</summary>
public delegate string ReportText(string key, params object[] args);

/// <summary>What every report shares: the frame of the page, the key indicators, number formats, the signature block.</summary>
public static class ReportFrame
{
    /// <summary>The monthly indicators the reports lead with, in order (visits first).</summary>
    public static readonly string[] KeyIndicatorCodes = ["visits", "loans", "programs", "program_attendance", "new_cards"];

    /// <summary>A report with the library's header and author, the page footer, and its title as the first heading.</summary>
    public static ReportDocument Document(ReportText t, string title, IEnumerable<ReportBlock> blocks) =>
        new(title, t("Report.Author"), t("Report.Header"), (page, of) => t("Report.Footer", page, of), [new Heading(title), .. blocks], Replaced(t));

    /// <summary>The note that ends a report some of whose texts held characters the font cannot print.</summary>
    public static Func<string, string, string> Replaced(ReportText t) => (mark, list) => t("Report.Replaced", mark, list);

    public static async Task<List<Indicator>> KeyIndicatorsAsync(BranchNetworkDbContext db, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => KeyIndicatorCodes.Contains(i.Code)).ToListAsync(ct);
        return KeyIndicatorCodes.Select(code => indicators.Single(i => i.Code == code)).ToList();
    }

    /// <summary>
    /// The block a report for the bureau ends with: who prepared it (制表人), who reviewed the figures (审核人), the
    /// director (负责人) and the date, with the names the workflow knows; a line to sign on where it knows none.
    /// </summary>
    public static SignatureBlock Signatures(ReportText t, IEnumerable<string?> preparedBy, IEnumerable<string?> reviewedBy, DateOnly today) => new(
        [
            (t("Report.Sign.PreparedBy"), Names(t, preparedBy)),
            (t("Report.Sign.ReviewedBy"), Names(t, reviewedBy)),
            (t("Report.Sign.Director"), null),
            (t("Report.Sign.Date"), t("Report.Date", today.Year, today.Month, today.Day)),
        ],
        t("Report.Sign.Seal"));

    /// <summary>Who submitted and who reviewed the counted reports of some units over some months (for the signature block).</summary>
    public static async Task<(List<string?> SubmittedBy, List<string?> ReviewedBy)> WorkflowNamesAsync(BranchNetworkDbContext db, IReadOnlyCollection<int> unitIds,
        int fromKey, int toKey, CancellationToken ct)
    {
        var rows = await db.MonthlyReports.AsNoTracking()
            .Where(r => unitIds.Contains(r.UnitId) && r.PeriodKey >= fromKey && r.PeriodKey <= toKey
                && (r.State == ReportState.Submitted || r.State == ReportState.Approved))
            .Select(r => new { r.SubmittedBy, ReviewedBy = r.State == ReportState.Approved ? r.ReviewedBy : null })
            .ToListAsync(ct);
        return (rows.Select(r => r.SubmittedBy).ToList(), rows.Select(r => r.ReviewedBy).ToList());
    }

    /// <summary>At most two names, the most frequent first ("张三、李四等"); null when there is none.</summary>
    private static string? Names(ReportText t, IEnumerable<string?> names)
    {
        var ranked = names.OfType<string>().Where(n => n.Length > 0).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        return ranked.Count switch
        {
            0 => null,
            <= 2 => ListText.Join(ranked),
            _ => t("Report.Sign.AndOthers", ListText.Join(ranked.Take(2))),
        };
    }

    /// <summary>A session's day (2020 年 6 月 18 日) or days (2020 年 6 月 18 日至 6 月 20 日).</summary>
    public static string Dates(ReportText t, DateOnly starts, DateOnly ends) => starts == ends
        ? t("Report.Date", starts.Year, starts.Month, starts.Day)
        : t("Report.Certificate.Days", starts.Year, starts.Month, starts.Day, ends.Month, ends.Day);

    /// <summary>The words of a unit's standing for a month (已审核, 待审核, 未填报, 闭馆…).</summary>
    public static string Standing(ReportText t, MonthStanding standing) => t($"Standing.{standing}");

    /// <summary>An official value: approved as it is, provisional in brackets (not in any total), nothing as a dash.</summary>
    public static string OfficialCell(CountedSet counted, int unitId, Period period, int indicatorId) =>
        counted.Value(unitId, period, indicatorId, FigureBasis.Official) is { } approved ? Number(approved)
        : counted.Value(unitId, period, indicatorId) is { } provisional ? $"({Number(provisional)})"
        : "—";

    public static string Name(Indicator i) => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? i.NameZh : i.NameEn;

    /// <summary>The table, or a line saying there is nothing to list (a table of headers alone reads like a mistake).</summary>
    public static ReportBlock OrNone(ReportText t, Table table) => table.Rows.Count == 0 ? new Paragraph(t("Report.NoRecords")) : table;

    public static Table BatchTable(ReportText t, IEnumerable<BatchProgress> batches) => new(
        [new(t("Unit.BatchYear"), 1), new(t("Unit.Kind"), 1.2), new(t("Unit.Plaqued"), 1, Align.Right), new(t("Report.Total"), 1, Align.Right)],
        batches.Select(b => (IReadOnlyList<string>)[b.BatchYear?.ToString(CultureInfo.InvariantCulture) ?? "—", t($"UnitKind.{b.Kind}"),
            Number(b.Plaqued), Number(b.Total)]).ToList());

    /// <summary>
    /// A measure unit (人次, 册, 小时…) in the reader's language (resource <c>Measure.{unit}</c>); one an administrator
    /// typed that the portal does not know reads as typed.
    /// </summary>
    public static string Measure(ReportText t, string unit) =>
        t($"Measure.{unit}") is var text && !text.StartsWith("Measure.", StringComparison.Ordinal) ? text : unit;

    public static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "—";

    public static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
