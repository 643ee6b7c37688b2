using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 活动台账: a year's reading-promotion activities in the reader's scope, branch by branch in date order with a subtotal
/// of activities and participants per branch and the total; and the same counted per unit.
/// </summary>
public sealed class ActivitiesLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ActivityService activities,
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

        var log = await activities.YearAsync(new ActivityFilter(year), ct);
        // The log's own total (one query behind the participants of the year, as the activities page shows it).
        var participants = (await activities.ListAsync(new ActivityFilter(year), Common.PageRequest.First, ct)).Participants;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(await UnitsAsync(db, actor, ct));

        var rows = new List<LedgerRow>();
        var unitRows = new List<LedgerRow>();
        foreach (var group in groups)
        {
            var held = log.Where(a => group.Holds(a.UnitCode)).ToList();
            if (held.Count == 0)
            {
                continue;
            }

            rows.AddRange(held.Select(a => LedgerRow.Item(a.Details.Date, a.UnitName, a.UnitCode, a.Details.Title, t($"Category.{a.Details.Category}"),
                a.Details.Series, a.Details.Partner, YesNo(t, a.Details.IsOnline), a.Details.Participants, a.Details.Note)));
            rows.Add(LedgerRow.Subtotal(Subtotal(t, group), null, group.Head.Code, t("Ledger.Activities.Count", held.Count), null, null, null, null,
                held.Sum(a => a.Details.Participants), null));
            unitRows.AddRange(group.Members.Select(u => (Unit: u, Held: held.Where(a => a.UnitCode == u.Code).ToList())).Where(x => x.Held.Count > 0)
                .Select(x => LedgerRow.Item(Indented(x.Unit, group), x.Unit.Code, x.Held.Count, x.Held.Sum(a => a.Details.Participants))));
            unitRows.Add(LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, held.Count, held.Sum(a => a.Details.Participants)));
        }

        rows.Add(LedgerRow.Total(t("Report.Total"), null, null, t("Ledger.Activities.Count", log.Count), null, null, null, null, participants, null));
        unitRows.Add(LedgerRow.Total(t("Report.Total"), null, log.Count, participants));
        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Activities.Sheet", year), t("Ledger.Activities.Title", year),
                [new(t("Ledger.Date"), LedgerFormat.Date), new(t("Report.Unit")), new(t("Unit.Code")), new(t("Ledger.Activities.Name")), new(t("Report.Category")),
                    new(t("Ledger.Activities.Series")), new(t("Ledger.Activities.Partner")), new(t("Training.Online")),
                    new(t("Ledger.Activities.Participants"), LedgerFormat.Count), new(t("Ledger.Note"))],
                rows),
            new LedgerSheet(t("Ledger.ByUnit"), t("Ledger.Activities.UnitsTitle", year),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Report.Count"), LedgerFormat.Count), new(t("Ledger.Activities.Participants"), LedgerFormat.Count)],
                unitRows),
        ], Footer(t, actor, clock.Today));
    }
}
