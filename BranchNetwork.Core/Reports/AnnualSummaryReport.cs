using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class AnnualSummaryReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    ProgrammeService programme,
    TrainingService training,
    ActivityService activities,
    ResourcesService resources,
    PdfRenderer pdf,
    DocxRenderer docx,
    CountyClock clock)
{
    /// <summary>A series held this often in a year is summed as a series; rarer ones are named as events, by date.</summary>
    private const int RecurringSeries = 3;

    /// <summary>The summary as a PDF, to print and send.</summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<byte[]?> RenderAsync(int year, ReportText t, CancellationToken ct = default) =>
        await DocumentAsync(year, t, ct) is { } document ? pdf.Render(document) : null;

    /// <summary>The same summary as a Word document, for the head library to edit its December summary rather than retype it.</summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<byte[]?> WordAsync(int year, ReportText t, CancellationToken ct = default) =>
        await DocumentAsync(year, t, ct) is { } document ? docx.Render(document) : null;

    /// <summary>
    /// The year's work summary a head library writes every December, drafted from the data in the sections of the
    /// library's own summaries: service figures and closures, staff training, activities by series, infrastructure
    /// and grants, the head-branch system's construction. Built once here; the PDF and the .docx are two renderings of it.
    /// </summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<ReportDocument?> DocumentAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }

        if (year > figures.LastFullMonth.Year || year < 2000)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ordered = await KeyIndicatorsAsync(db, ct);
        var scope = db.Units.Where(u => u.Kind != UnitKind.HeadLibrary);
        var unitIds = await scope.Select(u => u.Id).ToListAsync(ct);
        var months = Enumerable.Range(1, 12).Select(m => new Period(year, m)).Where(p => p <= figures.LastFullMonth).ToList();
        var counted = await CountedFigures.LoadAsync(db, scope, months[0], months[^1], ordered.Select(i => i.Id).ToList(), ct);
        decimal Sum(Indicator i) => counted.Sum(unitIds, months, i.Id).Approved;
        Comparison Compare(Indicator i) => counted.Compare(unitIds, months, i.Id, FigureBasis.Official);
        var completeness = months.Select(m => counted.CompletenessOf(unitIds, m)).ToList();

        var closures = counted.Closures.Where(c => c.StartsOn.Year <= year && c.EndsOn.Year >= year).OrderBy(c => c.StartsOn).ToList();
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var sessions = await training.SessionsAsync(year, ct);
        var hours = await training.HoursAsync(year, ct);
        var yearActivities = (await activities.YearAsync(new ActivityFilter(year), ct)).ToList();
        var grants = (await resources.GrantsAsync(ct)).Where(g => g.Details.Year == year).ToList();
        var deliveries = await resources.StandardAsync(year, ct);
        var batches = (await programme.BatchesAsync(ct)).Where(b => b.Kind != UnitKind.HeadLibrary).ToList();
        var visits = ordered[0];
        var recurring = yearActivities.Where(a => a.Details.Series is not null).GroupBy(a => a.Details.Series!).Where(g => g.Count() >= RecurringSeries)
            .Select(g => g.Key).ToHashSet();
        var notable = yearActivities.Where(a => a.Details.Series is null || !recurring.Contains(a.Details.Series)).ToList();

        return Document(t, t("Report.Annual.Title", year),
            [
                new Paragraph(t("Report.Annual.Lead", completeness.Sum(c => c.Due), completeness.Sum(c => c.Approved), completeness.Sum(c => c.Provisional),
                    completeness.Sum(c => c.MissingUnitIds.Count))),
                new KeyFigures(
                [
                    (Name(visits), Number(Sum(visits))),
                    (Name(ordered[1]), Number(Sum(ordered[1]))),
                    (t("Training.TotalHours"), Number(hours.Total)),
                    (t("Grants.Title"), Number(grants.Sum(g => g.Details.Amount))),
                ]),
                new Heading(t("Report.Annual.Service")),
                new Paragraph(t("Report.Annual.ServiceLead", Number(Sum(visits)), ComparisonText.Format(Compare(visits), t), Number(Sum(ordered[1])))),
                new Table(
                    [new(t("Report.Indicator"), 2.2), new(year.ToString(CultureInfo.InvariantCulture), 1.2, Align.Right),
                        new(t("Report.ComparableBase", year - 1), 1.4, Align.Right), new(t("Report.Change"), 2, Align.Right)],
                    ordered.Select(i =>
                    {
                        var comparison = Compare(i);
                        return (IReadOnlyList<string>)[Name(i), Number(Sum(i)), comparison.ComparableUnits > 0 ? Number(comparison.Before) : "—",
                            ComparisonText.Format(comparison, t)];
                    }).ToList()),
                new Paragraph(t("Report.LikeForLike")),
                new Paragraph(closures.Count == 0
                    ? t("Report.Annual.NoClosure")
                    : t("Report.Annual.Closures", string.Join("；", closures.Select(c => t("Report.Annual.Closure",
                        c.UnitId is { } id ? unitNames.GetValueOrDefault(id, "") : t("Report.WholeNetwork"),
                        c.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Reason,
                        c.EndsOn.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))))),
                new Heading(t("Report.Annual.Training")),
                new Paragraph(t("Report.Annual.TrainingLead", sessions.Count, hours.People.Count, Number(hours.Total),
                    string.Join("，", hours.Titles.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => t($"Report.TitleCount.{p.Key}", p.Value))) is { Length: > 0 } titles
                        ? titles : "—")),
                new Heading(t("Report.Annual.Activities")),
                new Paragraph(yearActivities.Count == 0
                    ? t("Report.Annual.NoActivities")
                    : t("Report.Annual.ActivitiesLead", yearActivities.Count, Number(yearActivities.Sum(a => a.Details.Participants)))),
                OrNone(t, new Table(
                    [new(t("Activities.Category"), 3), new(t("Report.Count"), 1, Align.Right), new(t("Activities.Participants"), 1.2, Align.Right)],
                    yearActivities.GroupBy(a => a.Details.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                        .Select(g => (IReadOnlyList<string>)[t($"Category.{g.Key}"), Number(g.Count()), Number(g.Sum(a => a.Details.Participants))]).ToList(),
                    yearActivities.Count == 0 ? null : [t("Report.Total"), Number(yearActivities.Count), Number(yearActivities.Sum(a => a.Details.Participants))])),
                .. recurring.Count == 0 ? Array.Empty<ReportBlock>() : [new Paragraph(t("Report.Annual.Series", string.Join("；",
                    yearActivities.Where(a => recurring.Contains(a.Details.Series!)).GroupBy(a => a.Details.Series!).OrderByDescending(g => g.Count())
                        .Select(g => t("Report.Annual.SeriesItem", g.Key, g.Count(), Number(g.Sum(a => a.Details.Participants)))))))],
                .. notable.Count == 0 ? Array.Empty<ReportBlock>() : [new Paragraph(t("Report.Annual.Events", string.Join("；", notable.Select(a =>
                    t("Report.Annual.Event", a.Details.Date.Month, a.Details.Date.Day, a.Details.Title, a.UnitName, Number(a.Details.Participants))))))],
                new Heading(t("Report.Annual.Infrastructure")),
                new Paragraph(grants.Count == 0
                    ? t("Report.Annual.NoGrants")
                    : t("Report.Annual.GrantsLead", grants.Count, Number(grants.Sum(g => g.Details.Amount)))),
                new Paragraph(deliveries.Sum(d => d.Volumes) == 0
                    ? t("Report.Annual.NoDeliveries")
                    : t("Report.Annual.Deliveries", Number(deliveries.Sum(d => d.Volumes)), deliveries.Count(d => d.Meets), deliveries.Count, ResourcesService.StandardVolumes)),
                OrNone(t, new Table(
                    [new(t("Grants.GrantTitle"), 3), new(t("Grants.Source"), 1.6), new(t("Grants.Amount"), 1.2, Align.Right)],
                    grants.Select(g => (IReadOnlyList<string>)[g.Details.Title, g.Details.Source, Money(g.Details.Amount)]).ToList(),
                    grants.Count == 0 ? null : [t("Report.Total"), "", Money(grants.Sum(g => g.Details.Amount))])),
                new Heading(t("Report.Annual.Construction")),
                new Paragraph(t("Report.Annual.ConstructionLead", batches.Where(b => b.Kind == UnitKind.Branch).Sum(b => b.Total),
                    batches.Where(b => b.Kind == UnitKind.ServicePoint).Sum(b => b.Total), batches.Sum(b => b.Plaqued))),
                BatchTable(t, batches),
                Signatures(t, [actor.Name], [], clock.Today),
            ]);
    }
}
