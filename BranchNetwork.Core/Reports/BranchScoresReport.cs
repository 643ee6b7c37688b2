using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Scores;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>The branch performance scores of a year for the bureau (see <see cref="RenderAsync"/>).</summary>
public sealed class BranchScoresReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    ScoresService scores,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <summary>
    /// The scheme, the ranking (whole-network readers) and every branch's score sheet, component by component, with
    /// the signature block; a branch worker gets their own branch's sheet alone. Approved figures only.
    /// </summary>
    /// <returns>Null for a year out of range.</returns>
    /// <exception cref="DomainException">The year has no approved figures.</exception>
    public async Task<byte[]?> RenderAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (await scores.YearAsync(year, ct) is not { } scored)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitIds = await db.Units.InScopeOf(actor).Select(u => u.Id).ToListAsync(ct);
        var (_, reviewedBy) = await WorkflowNamesAsync(db, unitIds, year * 100 + 1, year * 100 + 12, ct);
        var components = scored.Components;
        var blocks = new List<ReportBlock>
        {
            new Paragraph(scored.Ranked ? t("Report.Scores.Lead", scored.Branches.Count) : t("Report.Scores.OwnLead", scored.Branches.FirstOrDefault()?.Name ?? "")),
        };
        if (scored.ExampleScheme)
        {
            blocks.Add(new Paragraph(t("Scores.Example")));
        }

        blocks.Add(new Heading(t("Report.Scores.Scheme")));
        blocks.Add(new Table(
            [new(t("Scores.Component"), 2.2), new(t("Scores.Weight"), 0.8, Align.Right), new(t("Scores.Scale"), 3.6)],
            components.Select(c => (IReadOnlyList<string>)[ScoreText.Name(c), t("Scores.WeightOf", ScoreText.Weight(c.Definition.Weight)), ScoreText.Scale(t, c.Definition)]).ToList()));
        if (scored.Ranked)
        {
            blocks.Add(new Heading(t("Report.Scores.Ranking")));
            blocks.Add(OrNone(t, new Table(
                [new(t("Scores.Rank"), 0.6, Align.Right), new(t("Scores.Branch"), 2.6), .. components.Select(c => new Column(ScoreText.Name(c), 1, Align.Right)),
                    new(t("Scores.Total"), 0.9, Align.Right)],
                scored.Branches.Select(b => (IReadOnlyList<string>)[$"{b.Rank}", b.Name, .. b.Components.Select(c => ScoreText.Points(c.Points) + (c.Missing ? "*" : "")),
                    ScoreText.Points(b.Total)]).ToList())));
            blocks.Add(new Paragraph(t("Scores.MissingRule")));
            blocks.Add(new BarChart(t("Scores.ChartLabel"), scored.Branches.Select(b => (b.Name, (double)b.Total)).ToList()));
        }

        blocks.Add(new Heading(t("Report.Scores.Sheets")));
        foreach (var b in scored.Branches)
        {
            blocks.Add(new Paragraph(t("Scores.Sheet", b.Name) + (b.Rank is { } rank ? $"（{t("Scores.Rank")} {rank}）" : "")));
            blocks.Add(new Paragraph(b.ServicePoints.Count == 0 ? t("Scores.NoServicePoints") : t("Scores.ServicePoints", ListText.Join(b.ServicePoints))));
            blocks.Add(new Table(
                [new(t("Scores.Component"), 2), new(t("Scores.Value"), 1.4, Align.Right), new(t("Scores.Basis"), 2.6), new(t("Scores.Score"), 0.8, Align.Right),
                    new(t("Scores.Points"), 0.8, Align.Right)],
                components.Zip(b.Components).Select(x => (IReadOnlyList<string>)[ScoreText.Name(x.First), ScoreText.Value(t, x.Second.Metric, x.Second.Raw),
                    ScoreText.Basis(t, x.Second.Metric, x.Second.Raw), ScoreText.Score(x.Second.Score), ScoreText.Points(x.Second.Points)]).ToList(),
                [t("Scores.Total"), "", "", "", ScoreText.Points(b.Total)]));
        }

        blocks.Add(Signatures(t, [actor.Name], reviewedBy, clock.Today));
        return renderer.Render(Document(t, t("Report.Scores.Title", year), blocks));
    }
}
