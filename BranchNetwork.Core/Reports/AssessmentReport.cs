using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using static BranchNetwork.Core.Assessment.AssessmentText;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>The self-assessment's score sheet for a year (<c>GET /reports/assessment/{yyyy}.pdf</c>).</summary>
public sealed class AssessmentReport(AssessmentService assessment, PdfRenderer renderer, CountyClock clock)
{
    /// <summary>Item by item: rule, each year's value and the average, thresholds, points, reasons and evidence; the total, grade and cheapest path.</summary>
    /// <returns>Null for a year out of range.</returns>
    public async Task<byte[]?> RenderAsync(int year, ReportText t, CancellationToken ct = default)
    {
        if (await assessment.ScoreAsync(year, ct) is not { } result)
        {
            return null;
        }

        var blocks = new List<ReportBlock>();
        if (Note(result.Tree) is { } note)
        {
            blocks.Add(new Paragraph(t("Assessment.NoteLine", note)));
        }

        blocks.Add(new Paragraph(t("Assessment.Basis")));
        if (result.NoApprovedFigures)
        {
            blocks.Add(new Paragraph(t("Assessment.NoApprovedFigures", year)));
        }

        blocks.Add(new KeyFigures(
        [
            (t("Assessment.Total"), t("Assessment.OutOf", Points(result.Total), Points(result.Max))),
            (t("Assessment.Grade"), Name(result.Grade, t)),
            (t("Assessment.ToNext"), result.NextGrade is null ? t("Assessment.TopGrade") : t("Assessment.ToNextValue", Points(result.PointsToNext!.Value), Name(result.NextGrade, t))),
        ]));
        foreach (var section in result.Sections)
        {
            blocks.Add(new Heading(t("Assessment.SectionLine", Name(section.Section), Points(section.Earned), Points(section.Max))));
            blocks.Add(OrNone(t, new Table(
                [new(t("Assessment.Item"), 2.2), new(t("Assessment.Rule"), 2.2), new(t("Assessment.Thresholds"), 1.8), new(t("Assessment.ValuePerYear"), 2.2),
                    new(t("Assessment.Average"), 1, Align.Right), new(t("Assessment.Points"), 1.1, Align.Right), new(t("Assessment.Remarks"), 2)],
                section.Items.Select(i => (IReadOnlyList<string>)
                [
                    Name(i.Item),
                    Rule(t, i.Item, year),
                    Steps(t, i.Item),
                    Years(t, i),
                    i.Item.Metric is { } metric ? Value(metric, i.Average) : "—",
                    t("Assessment.OutOf", Points(i.Earned), Points(i.Item.Definition.MaxPoints)),
                    string.Join("\n", new[] { Reason(t, i), i.Manual?.Note, i.Manual is { Evidence.Count: > 0 } m ? t("Assessment.EvidenceCount", m.Evidence.Count) : null }
                        .Where(x => !string.IsNullOrEmpty(x))),
                ]).ToList())));
        }

        blocks.Add(new Heading(t("Assessment.Cheapest")));
        blocks.Add(new Paragraph(result.NextGrade is null ? t("Assessment.TopGrade")
            : result.Cheapest.Count == 0 ? t("Assessment.CheapestNone")
            : t(result.CheapestReaches ? "Assessment.CheapestLead" : "Assessment.CheapestShort", Name(result.NextGrade, t), Points(result.PointsToNext!.Value))));
        if (result.Cheapest.Count > 0)
        {
            blocks.Add(new Table([new(t("Assessment.Item"), 4), new(t("Assessment.Gain"), 1, Align.Right)],
                result.Cheapest.Select(s => (IReadOnlyList<string>)[Suggestion(t, s), Points(s.Gain)]).ToList()));
        }

        var evidence = result.Sections.SelectMany(s => s.Items).Where(i => i.Manual is { Evidence.Count: > 0 })
            .SelectMany(i => i.Manual!.Evidence.Select(e => (IReadOnlyList<string>)[Name(i.Item), Evidence(t, e)])).ToList();
        blocks.Add(new Heading(t("Assessment.EvidenceList")));
        blocks.Add(OrNone(t, new Table([new(t("Assessment.Item"), 2), new(t("Assessment.EvidenceFile"), 4)], evidence)));
        blocks.Add(Signatures(t, [], [], clock.Today));
        return renderer.Render(Document(t, t("Assessment.ReportTitle", year), blocks));
    }
}
