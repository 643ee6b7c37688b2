using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 经费台账: a year's funding projects the reader may see, by source, with the amount (yuan, two decimals), state, dates,
/// the units funded and what was bought; a subtotal per source and the total, as <see cref="ResourcesService.GrantTotalsAsync"/> sums them.
/// </summary>
public sealed class GrantsLedger(ICurrentUser currentUser, ResourcesService resources, CountyClock clock)
{
    /// <returns>Null for a year not begun.</returns>
    public async Task<LedgerWorkbook?> BuildAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!IsBegun(year, clock))
        {
            return null;
        }

        var grants = (await resources.GrantsAsync(ct)).Where(g => g.Details.Year == year).ToList();
        var totals = (await resources.GrantTotalsAsync(ct)).Where(x => x.Year == year).OrderByDescending(x => x.Amount).ThenBy(x => x.Source).ToList();
        var rows = new List<LedgerRow>();
        foreach (var total in totals)
        {
            rows.AddRange(grants.Where(g => g.Details.Source == total.Source).OrderBy(g => g.Details.Title).Select(g => LedgerRow.Item(g.Details.Title,
                g.Details.Source, g.Details.Amount, t($"GrantStatus.{g.Details.Status}"), g.Details.Purpose, g.Details.StartedOn, g.Details.CompletedOn,
                g.Details.AcceptedOn, ListText.Join(g.UnitNames), ListText.Join(g.Resources))));
            rows.Add(LedgerRow.Subtotal(t("Ledger.Subtotal", total.Source), t("Ledger.Grants.Count", total.Count), total.Amount));
        }

        rows.Add(LedgerRow.Total(t("Report.Total"), t("Ledger.Grants.Count", totals.Sum(x => x.Count)), totals.Sum(x => x.Amount)));
        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Grants.Sheet", year), t("Ledger.Grants.Title", year),
                [new(t("Grants.GrantTitle")), new(t("Grants.Source")), new(t("Grants.Amount"), LedgerFormat.Money), new(t("Grants.Status")),
                    new(t("Ledger.Grants.Purpose")), new(t("Ledger.Grants.StartedOn"), LedgerFormat.Date), new(t("Ledger.Grants.CompletedOn"), LedgerFormat.Date),
                    new(t("Ledger.Grants.AcceptedOn"), LedgerFormat.Date), new(t("Ledger.Grants.Units")), new(t("Grants.Bought"))],
                rows, actor.ReadsWholeNetwork ? null : [t("Ledger.Grants.Scope")]),
        ], Footer(t, actor, clock.Today));
    }
}
