using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 挂牌台账: every branch and service point in the reader's scope with its construction batch, plaque date and standards
/// checklist status (<see cref="ProgrammeService.ChecklistsAsync"/> for this year), a subtotal per branch and the total;
/// each unit's checklist item by item; and the batches' progress.
/// </summary>
public sealed class PlaquesLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ProgrammeService programme,
    CountyClock clock)
{
    public async Task<LedgerWorkbook> BuildAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var year = clock.Today.Year;
        var checklists = await programme.ChecklistsAsync(year, ct);
        var batches = (await programme.BatchesAsync(ct)).Where(b => b.Kind != UnitKind.HeadLibrary).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = (await UnitsAsync(db, actor, ct)).Where(u => u.Kind != UnitKind.HeadLibrary).ToList();
        IReadOnlyList<ChecklistRow> Of(string code) => checklists.GetValueOrDefault(code) ?? [];
        bool Complete(LedgerUnit u) => Of(u.Code).Count > 0 && Of(u.Code).All(c => c.Met);
        string Progress(IReadOnlyCollection<LedgerUnit> of) => t("Ledger.Plaques.Progress", of.Count(u => u.PlaquedOn is not null), of.Count, of.Count(Complete));
        object?[] Sums(string label, string? code, IReadOnlyCollection<LedgerUnit> of) =>
            [label, code, null, null, null, of.Sum(u => Of(u.Code).Count(c => c.Met)), of.Sum(u => Of(u.Code).Count), Progress(of)];

        var rows = new List<LedgerRow>();
        var items = new List<LedgerRow>();
        foreach (var group in Groups(units))
        {
            rows.AddRange(group.Members.Select(u => LedgerRow.Item(Indented(u, group), u.Code, t($"UnitKind.{u.Kind}"), u.BatchYear, u.PlaquedOn,
                Of(u.Code).Count(c => c.Met), Of(u.Code).Count, ListText.Join(Of(u.Code).Where(c => !c.Met).Select(c => c.Item)))));
            rows.Add(LedgerRow.Subtotal(Sums(Subtotal(t, group), group.Head.Code, group.Members)));
            items.AddRange(group.Members.SelectMany(u => Of(u.Code).Select(c => LedgerRow.Item(u.Name, u.Code, c.Item,
                t(c.Met ? "Report.Met" : "Report.NotMetShort"), ChecklistText.Measured(c, t), c.Note))));
        }

        rows.Add(LedgerRow.Total(Sums(t("Report.Total"), null, units)));
        var batchRows = batches.Select(b => LedgerRow.Item(b.BatchYear, t($"UnitKind.{b.Kind}"), b.Plaqued, b.Total))
            .Append(LedgerRow.Total(t("Report.Total"), null, batches.Sum(b => b.Plaqued), batches.Sum(b => b.Total))).ToList();

        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Plaques.Sheet"), t("Ledger.Plaques.Title", year),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Unit.Kind")), new(t("Unit.BatchYear"), LedgerFormat.Plain), new(t("Unit.PlaquedOn"), LedgerFormat.Date),
                    new(t("Ledger.Plaques.Met"), LedgerFormat.Count), new(t("Ledger.Plaques.Items"), LedgerFormat.Count), new(t("Report.NotMet"))],
                rows),
            new LedgerSheet(t("Plaques.Checklist"), t("Ledger.Plaques.ChecklistTitle", year),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Plaques.Item")), new(t("Ledger.Plaques.Status")), new(t("Plaques.Measured")), new(t("Ledger.Note"))],
                items),
            new LedgerSheet(t("Ledger.Plaques.BatchesSheet"), t("Plaques.Batches"),
                [new(t("Unit.BatchYear"), LedgerFormat.Plain), new(t("Unit.Kind")), new(t("Unit.Plaqued"), LedgerFormat.Count), new(t("Ledger.Units"), LedgerFormat.Count)],
                batchRows),
        ], Footer(t, actor, clock.Today));
    }
}
