using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>人员台账: the staff of every unit in the reader's scope by branch, with the head count per branch; active staff per professional title.</summary>
public sealed class StaffLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    TrainingService training,
    CountyClock clock)
{
    public async Task<LedgerWorkbook> BuildAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var staff = await training.StaffAsync(ct: ct);
        var titles = await training.TitleCountsAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(await UnitsAsync(db, actor, ct));

        var rows = new List<LedgerRow>();
        foreach (var group in groups)
        {
            var members = staff.Where(s => group.Holds(s.UnitCode)).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            rows.AddRange(members.Select(s => LedgerRow.Item(s.UnitName, s.UnitCode, s.Name, s.Position, t($"Title.{s.Title}"), s.Phone,
                t(s.IsActive ? "Ledger.Staff.Active" : "Ledger.Staff.Inactive"))));
            rows.Add(LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, t("Ledger.Staff.Count", members.Count(s => s.IsActive), members.Count)));
        }

        rows.Add(LedgerRow.Total(t("Report.Total"), null, t("Ledger.Staff.Count", staff.Count(s => s.IsActive), staff.Count)));
        var titleRows = titles.OrderBy(x => x.Key).Select(x => LedgerRow.Item(t($"Title.{x.Key}"), x.Value))
            .Append(LedgerRow.Total(t("Report.Total"), titles.Values.Sum())).ToList();

        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Staff.Sheet"), t("Ledger.Staff.Title"),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Report.Person")), new(t("Staff.Position")), new(t("Staff.Title")), new(t("Unit.Phone")),
                    new(t("Ledger.Staff.State"))],
                rows),
            new LedgerSheet(t("Ledger.Staff.TitlesSheet"), t("Ledger.Staff.TitlesTitle"),
                [new(t("Staff.Title")), new(t("Ledger.Staff.ActiveCount"), LedgerFormat.Count)], titleRows),
        ], Footer(t, actor, clock.Today));
    }
}
