using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 配送台账: a year's book deliveries in the reader's scope, branch by branch, each branch closed by its standard row
/// (volumes, new books, their share and whether it meets the standard, as <see cref="ResourcesService.StandardAsync"/>
/// counts it with the service points); and the standard per branch on a sheet of its own.
/// </summary>
public sealed class DeliveriesLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ResourcesService resources,
    CountyClock clock)
{
    /// <returns>Null for a year not begun.</returns>
    public async Task<LedgerWorkbook?> BuildAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!IsBegun(year, clock))
        {
            return null;
        }

        var deliveries = new List<DeliveryRecord>();
        for (var page = 0; ; page++)
        {
            var rows = await resources.DeliveriesAsync(new DeliveryFilter(year), new PageRequest(page, PageRequest.MaxSize), ct);
            deliveries.AddRange(rows.Items);
            if (rows.Index < page || deliveries.Count >= rows.Total)
            {
                break;
            }
        }

        var standard = (await resources.StandardAsync(year, ct)).ToDictionary(s => s.BranchCode);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(await UnitsAsync(db, actor, ct));
        string Meets(DeliveryStandard s) => t(s.Meets ? "Deliveries.Meets" : "Deliveries.Below");

        var list = new List<LedgerRow>();
        foreach (var group in groups)
        {
            var held = deliveries.Where(d => group.Holds(d.UnitCode)).OrderBy(d => d.Date).ThenBy(d => d.UnitCode).ThenBy(d => d.Id).ToList();
            var branch = group.Head.Kind == UnitKind.Branch ? standard.GetValueOrDefault(group.Head.Code) : null;
            if (held.Count == 0 && branch is null)
            {
                continue;
            }

            list.AddRange(held.Select(d => LedgerRow.Item(d.Date, d.UnitName, d.UnitCode, d.Volumes, d.NewVolumes, null, null, d.Note)));
            list.Add(branch is { } s
                ? LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, s.Volumes, s.NewVolumes, s.NewShare, Meets(s), null)
                : LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, held.Sum(d => d.Volumes), held.Sum(d => d.NewVolumes), null, null, null));
        }

        var (volumes, fresh) = (deliveries.Sum(d => d.Volumes), deliveries.Sum(d => d.NewVolumes));
        list.Add(LedgerRow.Total(t("Report.Total"), null, null, volumes, fresh, volumes == 0 ? null : (decimal)fresh / volumes, null, null));
        var standardRows = standard.Values.Select(s => LedgerRow.Item(s.BranchName, s.BranchCode, s.Volumes, s.NewVolumes, s.NewShare, Meets(s)))
            .Append(LedgerRow.Total(t("Report.Total"), null, standard.Values.Sum(s => s.Volumes), standard.Values.Sum(s => s.NewVolumes), null,
                t("Ledger.Deliveries.Meeting", standard.Values.Count(s => s.Meets), standard.Count)))
            .ToList();
        var rule = t("Deliveries.Standard", year);

        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Deliveries.Sheet", year), t("Ledger.Deliveries.Title", year),
                [new(t("Ledger.Date"), LedgerFormat.Date), new(t("Report.Unit")), new(t("Unit.Code")), new(t("Deliveries.Volumes"), LedgerFormat.Count),
                    new(t("Deliveries.NewVolumes"), LedgerFormat.Count), new(t("Deliveries.NewShare"), LedgerFormat.Percent), new(t("Ledger.Deliveries.Standard")),
                    new(t("Ledger.Note"))],
                list, [rule]),
            new LedgerSheet(t("Ledger.Deliveries.StandardSheet"), t("Ledger.Deliveries.StandardTitle", year),
                [new(t("UnitKind.Branch")), new(t("Unit.Code")), new(t("Deliveries.Volumes"), LedgerFormat.Count), new(t("Deliveries.NewVolumes"), LedgerFormat.Count),
                    new(t("Deliveries.NewShare"), LedgerFormat.Percent), new(t("Ledger.Deliveries.Standard"))],
                standardRows, [rule]),
        ], Footer(t, actor, clock.Today));
    }
}
