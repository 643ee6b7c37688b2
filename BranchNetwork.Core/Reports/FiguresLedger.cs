using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 月报台账: a year's monthly figures of every reporting unit in the reader's scope — a sheet for the year and one per
/// ended month — with each unit's standing in words, a subtotal per branch (with its service points) and the total.
/// Official output (design §8a): cells and totals hold approved values only, through <see cref="CountedFigures"/>;
/// what is still provisional is left out of every cell and total and named in a note under the table.
/// </summary>
public sealed class FiguresLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    CountyClock clock)
{
    /// <returns>Null for a year without an ended month (a year to come, or the first days of January).</returns>
    public async Task<LedgerWorkbook?> BuildAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var last = figures.LastFullMonth;
        if (year < 2000 || year > last.Year)
        {
            return null;
        }

        var months = Enumerable.Range(1, year == last.Year ? last.Month : 12).Select(m => new Period(year, m)).ToList();
        var indicators = (await figures.ActiveIndicatorsAsync(ct)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = db.Units.InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary);
        var counted = await CountedFigures.LoadAsync(db, scope, months[0], months[^1], indicators.Select(i => i.Id).ToList(), ct);
        var groups = Groups((await UnitsAsync(db, actor, ct)).Where(u => u.Kind != UnitKind.HeadLibrary).ToList());
        var everyone = groups.SelectMany(g => g.Ids).ToList();
        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        List<LedgerColumn> Columns(string state) =>
        [
            new(t("Report.Unit")), new(t("Unit.Code")), new(state),
            .. indicators.Select(i => new LedgerColumn($"{(zh ? i.NameZh : i.NameEn)}（{ReportFrame.Measure(t, i.MeasureUnit)}）", i.IsDecimal ? LedgerFormat.Number : LedgerFormat.Count)),
        ];
        IEnumerable<object?> Sums(IEnumerable<int> ids, IReadOnlyCollection<Period> of) => indicators.Select(i => (object?)counted.Sum(ids, of, i.Id).Approved);

        // What is provisional (submitted, not reviewed) in the months of a sheet: in no cell and no total, named here.
        IReadOnlyList<string> Notes(IReadOnlyCollection<Period> of)
        {
            var waiting = everyone.Count(id => of.Any(p => counted.StandingOf(id, p) == MonthStanding.Provisional));
            var sums = indicators.Select(i => (i, counted.Sum(everyone, of, i.Id).Provisional)).Where(x => x.Provisional > 0).ToList();
            return
            [
                t("Ledger.Figures.Basis"),
                sums.Count == 0 ? t("Report.NoProvisional")
                    : t("Report.ProvisionalApart", waiting, ListText.Join(sums.Select(s => $"{(zh ? s.i.NameZh : s.i.NameEn)} {ReportFrame.Number(s.Provisional)}"))),
            ];
        }

        string Approved(IReadOnlyCollection<int> ids, Period month)
        {
            var c = counted.CompletenessOf(ids, month);
            return t("Report.ApprovedOfDue", c.Approved, c.Due);
        }

        // A unit's year: how many of its due months are approved ("已审核 10/12").
        string YearStanding(IEnumerable<int> ids)
        {
            var cells = ids.SelectMany(id => months.Select(p => counted.StandingOf(id, p))).Where(s => s is not (MonthStanding.NotDue or MonthStanding.Closed)).ToList();
            return t("Ledger.Figures.MonthsApproved", cells.Count(s => s == MonthStanding.Approved), cells.Count);
        }

        var yearRows = new List<LedgerRow>();
        foreach (var group in groups)
        {
            yearRows.AddRange(group.Members.Select(u => new LedgerRow(LedgerRowKind.Item, [Indented(u, group), u.Code, YearStanding([u.Id]), .. Sums([u.Id], months)])));
            yearRows.Add(new LedgerRow(LedgerRowKind.Subtotal, [Subtotal(t, group), group.Head.Code, YearStanding(group.Ids), .. Sums(group.Ids, months)]));
        }

        yearRows.Add(new LedgerRow(LedgerRowKind.Total, [t("Report.Total"), null, YearStanding(everyone), .. Sums(everyone, months)]));
        var sheets = new List<LedgerSheet>
        {
            new(t("Ledger.Figures.YearSheet", year), t("Ledger.Figures.YearTitle", year, months[^1].ToString()), Columns(t("Ledger.Figures.MonthsState")), yearRows,
                Notes(months)),
        };
        foreach (var month in months)
        {
            var rows = new List<LedgerRow>();
            foreach (var group in groups)
            {
                rows.AddRange(group.Members.Select(u => new LedgerRow(LedgerRowKind.Item,
                [
                    Indented(u, group), u.Code, ReportFrame.Standing(t, counted.StandingOf(u.Id, month)),
                    .. indicators.Select(i => (object?)counted.Value(u.Id, month, i.Id, FigureBasis.Official)),
                ])));
                rows.Add(new LedgerRow(LedgerRowKind.Subtotal, [Subtotal(t, group), group.Head.Code, Approved(group.Ids, month), .. Sums(group.Ids, [month])]));
            }

            rows.Add(new LedgerRow(LedgerRowKind.Total, [t("Report.Total"), null, Approved(everyone, month), .. Sums(everyone, [month])]));
            sheets.Add(new LedgerSheet(t("Ledger.Figures.MonthSheet", month.Month), t("Ledger.Figures.MonthTitle", month.ToString()), Columns(t("Report.State")), rows, Notes([month])));
        }

        return new LedgerWorkbook(sheets, Footer(t, actor, clock.Today));
    }
}
