using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class PlaquesReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ProgrammeService programme,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <summary>The plaque and standards programme: batches and their progress, every unit's plaque date and checklist status.</summary>
    public async Task<byte[]> RenderAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var batches = (await programme.BatchesAsync(ct)).Where(b => b.Kind != UnitKind.HeadLibrary).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Code, u.Kind, u.PlaquedOn }).ToListAsync(ct);
        var checklists = await programme.ChecklistsAsync(clock.Today.Year, ct);
        IReadOnlyList<ChecklistRow> Of(string code) => checklists.GetValueOrDefault(code) ?? [];
        var itemCount = checklists.Values.Select(c => c.Count).DefaultIfEmpty(0).Max();
        string Missing(string code) => ListText.Join(Of(code).Where(c => !c.Met).Select(c => c.Item));
        var complete = units.Count(u => Of(u.Code).Count > 0 && Of(u.Code).All(c => c.Met));
        var document = Document(t, t("Report.Plaques.Title"),
            [
                new Paragraph(t("Report.Plaques.Lead", units.Count, units.Count(u => u.PlaquedOn is not null))),
                new Paragraph(t("Report.Plaques.Standards", itemCount, complete)),
                BatchTable(t, batches),
                new Table(
                    [new(t("Report.Unit"), 2.6), new(t("Unit.Code"), 1.2), new(t("Unit.Kind"), 1), new(t("Unit.PlaquedOn"), 1.2),
                        new(t("Plaques.Met"), 0.8, Align.Right), new(t("Report.NotMet"), 3)],
                    units.Select(u => (IReadOnlyList<string>)[u.Name, u.Code, t($"UnitKind.{u.Kind}"), u.PlaquedOn?.ToString("yyyy-MM-dd") ?? "—",
                        $"{Of(u.Code).Count(c => c.Met)}/{Of(u.Code).Count}", Missing(u.Code)]).ToList()),
            ]);
        return renderer.Render(document);
    }
}
