using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 资源台账: every resource item in the reader's scope by branch (category, quantity, unit of measure, date, the project
/// that paid for it); and each unit's holdings as <see cref="ResourcesService.TotalsAsync"/> counts them today (the
/// collection with every delivery), with seats and floor area, a subtotal per branch and the total.
/// </summary>
public sealed class ResourcesLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ResourcesService resources,
    CountyClock clock)
{
    public async Task<LedgerWorkbook> BuildAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var items = await resources.ItemsAsync(ct);
        var totals = (await resources.TotalsAsync(ct)).ToDictionary(u => u.UnitCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(await UnitsAsync(db, actor, ct));

        var itemRows = new List<LedgerRow>();
        var holdingRows = new List<LedgerRow>();
        object?[] Holding(string name, string? code, IReadOnlyList<UnitResources> of) =>
        [
            name, code, of.Sum(u => u.Holdings.Collection), of.Sum(u => u.Holdings.Totals.GetValueOrDefault(ResourceCategory.Periodicals)),
            of.Sum(u => u.Holdings.PublicComputers), of.Sum(u => u.Holdings.Totals.GetValueOrDefault(ResourceCategory.Equipment)),
            of.Sum(u => u.Seats ?? 0), of.Sum(u => u.FloorArea ?? 0),
        ];
        foreach (var group in groups)
        {
            var held = items.Where(i => group.Holds(i.UnitCode)).ToList();
            if (held.Count > 0)
            {
                itemRows.AddRange(held.Select(i => LedgerRow.Item(i.UnitName, i.UnitCode, t($"ResourceCategory.{i.Details.Category}"), i.Details.Name,
                    i.Details.Quantity, i.Details.MeasureUnit, i.Details.AcquiredOn, i.GrantTitle)));
                itemRows.Add(LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, null, t("Ledger.Resources.Count", held.Count), null, null, null, null));
            }

            var units = group.Members.Select(m => totals.GetValueOrDefault(m.Code)).OfType<UnitResources>().ToList();
            holdingRows.AddRange(group.Members.Where(m => totals.ContainsKey(m.Code)).Select(m => LedgerRow.Item(Holding(Indented(m, group), m.Code, [totals[m.Code]]))));
            if (units.Count > 1)
            {
                holdingRows.Add(LedgerRow.Subtotal(Holding(Subtotal(t, group), group.Head.Code, units)));
            }
        }

        itemRows.Add(LedgerRow.Total(t("Report.Total"), null, null, t("Ledger.Resources.Count", items.Count), null, null, null, null));
        holdingRows.Add(LedgerRow.Total(Holding(t("Report.Total"), null, totals.Values.ToList())));

        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Resources.Sheet"), t("Ledger.Resources.Title"),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Report.Category")), new(t("Resources.Name")), new(t("Resources.Quantity"), LedgerFormat.Number),
                    new(t("Ledger.MeasureUnit")), new(t("Resources.Acquired"), LedgerFormat.Date), new(t("Resources.Grant"))],
                itemRows),
            new LedgerSheet(t("Ledger.Resources.HoldingsSheet"), t("Ledger.Resources.HoldingsTitle", t("Report.Date", clock.Today.Year, clock.Today.Month, clock.Today.Day)),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Resources.Collection"), LedgerFormat.Number), new(t("ResourceCategory.Periodicals"), LedgerFormat.Number),
                    new(t("ResourceCategory.Computers"), LedgerFormat.Number), new(t("ResourceCategory.Equipment"), LedgerFormat.Number),
                    new(t("Unit.Seats"), LedgerFormat.Count), new(t("Unit.FloorArea"), LedgerFormat.Number)],
                holdingRows),
        ], Footer(t, actor, clock.Today));
    }
}
