using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// A month's figures for the bureau, of the whole network or of one branch with its service points: every unit with
/// where it stands, approved values (provisional ones in brackets, outside every total), a subtotal per branch, the
/// like-for-like change of visits, the key indicators against the same month last year, and the signature block.
/// </summary>
public sealed class MonthlyFiguresReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <returns>Null for a month that cannot have figures yet.</returns>
    public async Task<byte[]?> NetworkAsync(Period period, ReportText t, CancellationToken ct = default) =>
        await NetworkDocumentAsync(period, t, ct) is { } document ? renderer.Render(document) : null;

    /// <summary>The network's month as a document, before it is laid out (the bench times the two apart).</summary>
    public async Task<ReportDocument?> NetworkDocumentAsync(Period period, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }

        if (!CanHaveFigures(period))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DocumentAsync(db, actor, db.Units.Where(u => u.Kind != UnitKind.HeadLibrary), period, t("Report.NetworkMonthly.Title", period.ToString()),
            byBranchChart: true, t, ct);
    }

    /// <returns>Null when the branch does not exist or lies outside the caller's scope, or for a month that cannot have figures yet.</returns>
    public async Task<byte[]?> BranchAsync(string branchCode, Period period, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!CanHaveFigures(period))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = (branchCode ?? "").Trim().ToUpperInvariant();
        var branch = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Code == code && u.Kind == UnitKind.Branch)
            .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (branch is null)
        {
            return null;
        }

        return renderer.Render(await DocumentAsync(db, actor, db.Units.InScopeOf(actor).Where(u => u.Id == branch.Id || u.ParentId == branch.Id), period,
            t("Report.BranchMonthly.Title", branch.Name, period.ToString()), byBranchChart: false, t, ct));
    }

    private bool CanHaveFigures(Period period) => period <= figures.LastFullMonth && period.Year >= 2000;

    private async Task<ReportDocument> DocumentAsync(BranchNetworkDbContext db, Actor actor, IQueryable<Unit> scope, Period period, string title, bool byBranchChart,
        ReportText t, CancellationToken ct)
    {
        var units = await scope.AsNoTracking().OrderBy(u => u.Code).Select(u => new { u.Id, u.Name, u.Kind, u.ParentId }).ToListAsync(ct);
        var indicators = await KeyIndicatorsAsync(db, ct);
        var counted = await CountedFigures.LoadAsync(db, scope, period, period, indicators.Select(i => i.Id).ToList(), ct);
        var visits = indicators[0];
        var everyone = units.Select(u => u.Id).ToList();
        var completeness = counted.CompletenessOf(everyone, period);
        var month = new[] { period };

        string Sum(IEnumerable<int> ids, Indicator i) => Number(counted.Sum(ids, period, i.Id).Approved);
        string Change(IReadOnlyCollection<int> ids) => ComparisonText.Format(counted.Compare(ids, month, visits.Id, FigureBasis.Official), t);
        string Reported(IReadOnlyCollection<int> ids)
        {
            var c = counted.CompletenessOf(ids, period);
            return t("Report.ApprovedOfDue", c.Approved, c.Due);
        }

        var rows = new List<IReadOnlyList<string>>();
        var subtotals = new HashSet<int>();
        foreach (var branch in units.Where(u => u.Kind == UnitKind.Branch))
        {
            var members = units.Where(u => u.Id == branch.Id || u.ParentId == branch.Id).ToList();
            // Service points are indented under their branch; the branch's subtotal row closes the group.
            rows.AddRange(members.Select(u => (IReadOnlyList<string>)
            [
                u.Id == branch.Id ? u.Name : $"\u3000{u.Name}",
                Standing(t, counted.StandingOf(u.Id, period)),
                .. indicators.Select(i => OfficialCell(counted, u.Id, period, i.Id)),
                Change([u.Id]),
            ]));
            var ids = members.Select(u => u.Id).ToList();
            subtotals.Add(rows.Count);
            rows.Add([t("Report.BranchSubtotal"), Reported(ids), .. indicators.Select(i => Sum(ids, i)), Change(ids)]);
        }

        var provisional = indicators.Select(i => (i, counted.Sum(everyone, period, i.Id).Provisional)).Where(x => x.Provisional > 0).ToList();
        var (submittedBy, reviewedBy) = await WorkflowNamesAsync(db, everyone, period.Key, period.Key, ct);
        var blocks = new List<ReportBlock>
        {
            new Paragraph(t("Report.Monthly.Lead", completeness.Due, completeness.Approved, completeness.Provisional, completeness.MissingUnitIds.Count,
                completeness.Closed)),
            new Paragraph(t("Report.OfficialBasis")),
            new KeyFigures(
            [
                (t("Report.Due"), Number(completeness.Due)),
                (t("Report.Approved"), Number(completeness.Approved)),
                (Name(visits), Sum(everyone, visits)),
                (Name(indicators[1]), Sum(everyone, indicators[1])),
            ]),
            new Table(
                [new(t("Report.Unit"), 3), new(t("Report.State"), 1.3), .. indicators.Select(i => new Column(Name(i), 1.2, Align.Right)),
                    new(t("Report.VisitsChange"), 1.5, Align.Right)],
                rows,
                [t("Report.Total"), Reported(everyone), .. indicators.Select(i => Sum(everyone, i)), Change(everyone)],
                subtotals),
            new Paragraph(provisional.Count == 0
                ? t("Report.NoProvisional")
                : t("Report.ProvisionalApart", completeness.Provisional, ListText.Join(provisional.Select(p => $"{Name(p.i)} {Number(p.Provisional)}")))),
        };
        // The chart shows the table's branch subtotals, so it follows the table (where it fits under the table's end).
        if (byBranchChart)
        {
            blocks.Add(new BarChart(t("Report.VisitsByBranch"), units.Where(u => u.Kind == UnitKind.Branch)
                .Select(b => (b.Name, (double)counted.Sum(units.Where(u => u.Id == b.Id || u.ParentId == b.Id).Select(u => u.Id), period, visits.Id).Approved))
                .OrderByDescending(b => b.Item2).ToList()));
        }

        blocks.AddRange(
        [
            new Heading(t("Report.SameMonthLastYear", period.SameMonthLastYear.ToString())),
            new Table(
                [new(t("Report.Indicator"), 2.2), new(period.ToString(), 1.2, Align.Right), new(period.SameMonthLastYear.ToString(), 1.2, Align.Right),
                    new(t("Report.Change"), 2, Align.Right)],
                indicators.Select(i =>
                {
                    var comparison = counted.Compare(everyone, month, i.Id, FigureBasis.Official);
                    return (IReadOnlyList<string>)[Name(i), Sum(everyone, i), comparison.ComparableUnits > 0 ? Number(comparison.Before) : "—",
                        ComparisonText.Format(comparison, t)];
                }).ToList()),
            new Paragraph(t("Report.LikeForLike")),
            Signatures(t, byBranchChart ? [actor.Name] : submittedBy, reviewedBy, clock.Today),
        ]);
        return Document(t, title, blocks);
    }
}
