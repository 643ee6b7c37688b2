using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class PlaquesReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ProgrammeService programme,
    PdfRenderer renderer)
{
    /// <summary>The plaque and standards programme: batches and their progress, every unit's plaque date and checklist status.</summary>
    public async Task<byte[]> RenderAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var batches = (await programme.BatchesAsync(ct)).Where(b => b.Kind != UnitKind.HeadLibrary).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Code, u.Kind, u.PlaquedOn }).ToListAsync(ct);
        var items = await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var met = (await db.UnitStandards.AsNoTracking().Where(s => s.Met && unitIds.Contains(s.UnitId)).Select(s => new { s.UnitId, s.ItemId }).ToListAsync(ct))
            .ToLookup(s => s.UnitId, s => s.ItemId);
        string Missing(int unitId) => string.Join("、", items.Where(i => !met[unitId].Contains(i.Id)).Select(i => i.Name));
        var complete = units.Count(u => items.All(i => met[u.Id].Contains(i.Id)));
        var document = Document(t, t("Report.Plaques.Title"),
            [
                new Paragraph(t("Report.Plaques.Lead", units.Count, units.Count(u => u.PlaquedOn is not null))),
                new Paragraph(t("Report.Plaques.Standards", items.Count, complete)),
                BatchTable(t, batches),
                new Table(
                    [new(t("Report.Unit"), 2.6), new(t("Unit.Code"), 1.2), new(t("Unit.Kind"), 1), new(t("Unit.PlaquedOn"), 1.2),
                        new(t("Plaques.Met"), 0.8, Align.Right), new(t("Report.NotMet"), 3)],
                    units.Select(u => (IReadOnlyList<string>)[u.Name, u.Code, t($"UnitKind.{u.Kind}"), u.PlaquedOn?.ToString("yyyy-MM-dd") ?? "—",
                        $"{items.Count(i => met[u.Id].Contains(i.Id))}/{items.Count}", Missing(u.Id)]).ToList()),
            ]);
        return renderer.Render(document);
    }
}
