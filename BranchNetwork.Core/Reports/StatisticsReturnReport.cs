using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// The annual statistical return for the bureau (公共图书馆基本情况), in the form's order: each field with its value, unit,
/// source and completeness; overridden fields marked with their reason; the fields left to fill by hand listed; the
/// units still missing; as a PDF with the signature block and as a workbook.
/// </summary>
public sealed class StatisticsReturnReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    StatisticsReturnService statistics,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <summary>The mark an overridden value carries in every output.</summary>
    public const string OverrideMark = "※";

    /// <returns>Null for a year out of range or without approved figures (nothing to send).</returns>
    public async Task<byte[]?> RenderAsync(int year, ReportText t, CancellationToken ct = default)
    {
        if (await FilledAsync(year, ct) is not { } r)
        {
            return null;
        }

        var actor = await currentUser.GetActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitIds = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.HeadLibrary).Select(u => u.Id).ToListAsync(ct);
        var (_, reviewedBy) = await WorkflowNamesAsync(db, unitIds, year * 100 + 1, year * 100 + 12, ct);
        var overridden = r.Fields.Where(f => f.IsOverridden).ToList();
        var byHand = r.Fields.Where(f => f.IsBlank).ToList();
        var missing = r.Fields.SelectMany(f => f.Missing.Select(m => (Unit: m, Field: f))).GroupBy(x => x.Unit.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var blocks = new List<ReportBlock>
        {
            new Paragraph(t("Statistics.Report.Lead", year, r.LastMonth.ToString())),
            new Paragraph(t("Report.OfficialBasis")),
            new Table(
                [new(t("Statistics.Code"), 0.6), new(t("Statistics.Field"), 2.2), new(t("Statistics.Value"), 1.3, Align.Right), new(t("Statistics.Unit"), 0.7),
                    new(t("Statistics.Source"), 2), new(t("Statistics.Completeness"), 2)],
                r.Fields.Select(f => (IReadOnlyList<string>)[f.Field.Code, f.Field.Name.ToString(), Marked(f, t), Measure(t, f.Field.Unit),
                    ReturnText.Source(f, t), ReturnText.Completeness(f, r, t)]).ToList()),
            new Paragraph(t("Statistics.Report.MarkNote", OverrideMark)),
            new Heading(t("Statistics.Overrides")),
            OrNone(t, new Table([new(t("Statistics.Field"), 2), new(t("Statistics.Value"), 1.2, Align.Right), new(t("Statistics.Computed"), 1.2, Align.Right),
                    new(t("Statistics.Reason"), 3), new(t("Statistics.SetBy"), 1.6)],
                overridden.Select(f => (IReadOnlyList<string>)[$"{f.Field.Code} {f.Field.Name}", Marked(f, t),
                    f.Computed is { } c ? Number(c) : t("Statistics.FillByHand"), f.Override!.Reason,
                    $"{f.Override.SetBy} {clock.ToLocal(f.Override.SetAtUtc):yyyy-MM-dd}"]).ToList())),
            new Heading(t("Statistics.ByHand")),
            new Paragraph(byHand.Count == 0 ? t("Statistics.NoneByHand")
                : t("Statistics.ByHandList", ListText.Join(byHand.Select(f => $"{f.Field.Code} {f.Field.Name}（{ReturnText.Value(f, t)}）")))),
            new Heading(t("Statistics.MissingUnits")),
            OrNone(t, new Table([new(t("Report.Unit"), 2.4), new(t("Statistics.MissingWhat"), 4)],
                missing.Select(g => (IReadOnlyList<string>)[$"{g.Key} {g.First().Unit.Name}", MissingText(g.ToList(), t)]).ToList())),
            Signatures(t, [actor.Name], reviewedBy, clock.Today),
        };
        return renderer.Render(Document(t, t("Statistics.Report.Title", year), blocks));
    }

    /// <returns>Null as for <see cref="RenderAsync"/>.</returns>
    public async Task<LedgerWorkbook?> WorkbookAsync(int year, ReportText t, CancellationToken ct = default)
    {
        if (await FilledAsync(year, ct) is not { } r)
        {
            return null;
        }

        var actor = await currentUser.GetActorAsync();
        var rows = r.Fields.Select(f => LedgerRow.Item(f.Field.Code, f.Field.Name.ToString(), f.Value is { } v ? v : ReturnText.Value(f, t),
            Measure(t, f.Field.Unit), ReturnText.Source(f, t), ReturnText.Completeness(f, r, t), ReturnText.Missing(f, t, int.MaxValue),
            f.IsOverridden ? $"{OverrideMark} {ReturnText.Override(f, t)}" : null)).ToList();
        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Statistics.Sheet", year), t("Statistics.Report.Title", year),
                [new(t("Statistics.Code")), new(t("Statistics.Field")), new(t("Statistics.Value"), LedgerFormat.Number), new(t("Statistics.Unit")),
                    new(t("Statistics.Source")), new(t("Statistics.Completeness")), new(t("Statistics.Missing")), new(t("Statistics.OverrideColumn"))],
                rows, [t("Report.OfficialBasis"), t("Statistics.Report.MarkNote", OverrideMark)]),
        ], LedgerFrame.Footer(t, actor, clock.Today));
    }

    public static string FileName(ReportText t, int year, string extension) => $"{t("Statistics.File", year)}.{extension}";

    private async Task<StatisticsReturn?> FilledAsync(int year, CancellationToken ct) =>
        await statistics.FillAsync(year, ct) is { HasApprovedFigures: true } r ? r : null;

    private static string Marked(FilledField f, ReportText t) => f.IsOverridden ? $"{OverrideMark} {ReturnText.Value(f, t)}" : ReturnText.Value(f, t);

    /// <summary>A unit's months not approved, by field kind: "2025-06 待审核（月报）；2025-12 未填报（年报指标）".</summary>
    private static string MissingText(IReadOnlyList<(MissingUnit Unit, FilledField Field)> entries, ReportText t)
    {
        var months = entries.SelectMany(e => e.Unit.Months).DistinctBy(m => m.Month).OrderBy(m => m.Month)
            .Select(m => $"{m.Month} {Standing(t, m.Standing)}").ToList();
        var profile = entries.Where(e => e.Unit.Months.Count == 0).Select(e => e.Field.Field.Name.ToString()).Distinct().ToList();
        return ListText.Join([months.Count == 0 ? null : ListText.Join(months), profile.Count == 0 ? null : t("Statistics.ProfileMissing", ListText.Join(profile))]);
    }
}
