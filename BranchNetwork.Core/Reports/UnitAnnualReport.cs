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

/// <summary>One unit's year for the bureau (see <see cref="RenderAsync"/>).</summary>
public sealed class UnitAnnualReport(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    ProgrammeService programme,
    TrainingService training,
    ActivityService activities,
    ResourcesService resources,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <summary>
    /// One unit's year: its profile, twelve months of key figures with totals and a chart against the year before,
    /// its plaque and standards checklist, resources, its staff's training and its activities.
    /// </summary>
    /// <returns>Null when the unit does not exist or lies outside the caller's scope, or for a year not begun.</returns>
    public async Task<byte[]?> RenderAsync(string unitCode, int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (year > figures.LastFullMonth.Year || year < 2000)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = unitCode.Trim().ToUpperInvariant();
        var unit = await db.Units.AsNoTracking().Include(u => u.Parent).InScopeOf(actor)
            .FirstOrDefaultAsync(u => u.Code == code && u.Kind != UnitKind.HeadLibrary, ct);
        if (unit is null)
        {
            return null;
        }

        var ordered = await KeyIndicatorsAsync(db, ct);
        var months = Enumerable.Range(1, 12).ToList();
        var periods = months.Select(m => new Period(year, m)).Where(p => p <= figures.LastFullMonth).ToList();
        var counted = await CountedFigures.LoadAsync(db, db.Units.Where(u => u.Id == unit.Id), new Period(year, 1), new Period(year, 12),
            ordered.Select(i => i.Id).ToList(), ct);
        var standings = periods.Select(p => counted.StandingOf(unit.Id, p)).ToList();
        var rows = periods.Select((p, index) => (IReadOnlyList<string>)
        [
            p.ToString(),
            Standing(t, standings[index]),
            .. ordered.Select(i => OfficialCell(counted, unit.Id, p, i.Id)),
            ComparisonText.Format(counted.Compare([unit.Id], [p], ordered[0].Id, FigureBasis.Official), t),
        ]).ToList();
        var provisional = ordered.Select(i => (i, counted.Sum([unit.Id], periods, i.Id).Provisional)).Where(x => x.Provisional > 0).ToList();
        var (submittedBy, reviewedBy) = await WorkflowNamesAsync(db, [unit.Id], year * 100 + 1, year * 100 + 12, ct);
        var checklist = await programme.ChecklistAsync(code, year, ct) ?? [];
        var items = (await resources.ItemsAsync(ct)).Where(r => r.UnitCode == code).ToList();
        var hours = (await training.HoursAsync(year, ct)).People.Where(p => p.UnitCode == code).ToList();
        var unitActivities = (await activities.YearAsync(new ActivityFilter(year, UnitCode: code), ct)).ToList();
        IReadOnlyList<double?> Visits(int y) => months.Select(m => (double?)counted.Value(unit.Id, new Period(y, m), ordered[0].Id, FigureBasis.Official)).ToList();

        var document = Document(t, t("Report.UnitAnnual.Title", unit.Name, year),
            [
                new Paragraph(t("Report.UnitAnnual.Lead", unit.Code, standings.Count(s => s is not (MonthStanding.NotDue or MonthStanding.Closed)),
                    standings.Count(s => s == MonthStanding.Approved), standings.Count(s => s == MonthStanding.Provisional))),
                new Paragraph(t("Report.OfficialBasis")),
                new Heading(t("Unit.Profile")),
                new Table([new(t("Report.Field"), 1), new(t("Report.Content"), 3)],
                [
                    [t("Unit.Code"), unit.Code],
                    [t("Unit.Kind"), t($"UnitKind.{unit.Kind}")],
                    [t("Unit.Parent"), unit.Parent?.Name ?? "—"],
                    [t("Unit.Status"), t($"UnitStatus.{unit.Status}")],
                    [t("Unit.Township"), unit.Township ?? "—"],
                    [t("Unit.Address"), unit.Address ?? "—"],
                    [t("Unit.ContactPerson"), string.Join(" ", new[] { unit.ContactPerson, unit.Phone }.Where(v => !string.IsNullOrWhiteSpace(v))) is { Length: > 0 } contact ? contact : "—"],
                    [t("Unit.OpeningHours"), Number(unit.OpeningHoursPerWeek)],
                    [t("Unit.FloorArea"), Number(unit.FloorArea)],
                    [t("Unit.Seats"), unit.Seats?.ToString(CultureInfo.InvariantCulture) ?? "—"],
                    [t("Unit.BatchYear"), unit.BatchYear?.ToString(CultureInfo.InvariantCulture) ?? "—"],
                ]),
                new Heading(t("Report.MonthlyFigures")),
                new Table(
                    [new(t("Figures.Month"), 1.3), new(t("Report.State"), 1.2), .. ordered.Select(i => new Column(Name(i), 1.2, Align.Right)),
                        new(t("Report.VisitsChange"), 1.5, Align.Right)],
                    rows,
                    [t("Report.Total"), "", .. ordered.Select(i => Number(counted.Sum([unit.Id], periods, i.Id).Approved)),
                        ComparisonText.Format(counted.Compare([unit.Id], periods, ordered[0].Id, FigureBasis.Official), t)]),
                new Paragraph(provisional.Count == 0
                    ? t("Report.NoProvisional")
                    : t("Report.ProvisionalMonthsApart", ListText.Join(provisional.Select(p => $"{Name(p.i)} {Number(p.Provisional)}")))),
                new LineChart(t("Report.VisitsByMonth"), months.Select(m => $"{m:00}").ToList(),
                    [(year.ToString(CultureInfo.InvariantCulture), Visits(year)), ((year - 1).ToString(CultureInfo.InvariantCulture), Visits(year - 1))]),
                new Heading(t("Plaques.Title")),
                new Paragraph(t("Report.UnitAnnual.Plaque", unit.PlaquedOn?.ToString("yyyy-MM-dd") ?? t("Unit.NotPlaqued"),
                    checklist.Count(c => c.Met), checklist.Count)),
                OrNone(t, new Table([new(t("Plaques.Item"), 2.6), new(t("Plaques.Met"), 0.8), new(t("Report.Measured"), 1.8), new(t("Activities.Note"), 2.2)],
                    checklist.Select(c => (IReadOnlyList<string>)[c.Item, c.Met ? t("Report.Met") : t("Report.NotMetShort"), ChecklistText.Measured(c, t), c.Note ?? ""])
                        .ToList())),
                new Heading(t("Resources.Title")),
                OrNone(t, new Table(
                    [new(t("Report.Category"), 1), new(t("Resources.Name"), 2.6), new(t("Resources.Quantity"), 1.2, Align.Right), new(t("Resources.Grant"), 2.2)],
                    items.Select(r => (IReadOnlyList<string>)[t($"ResourceCategory.{r.Details.Category}"), r.Details.Name,
                        $"{Number(r.Details.Quantity)} {r.Details.MeasureUnit}", r.GrantTitle ?? "—"]).ToList())),
                new Heading(t("Training.Title")),
                OrNone(t, new Table(
                    [new(t("Report.Person"), 1.6), new(t("Report.ProfessionalTitle"), 1.2), new(t("Report.Sessions"), 1, Align.Right), new(t("Training.Hours"), 1, Align.Right)],
                    hours.Select(p => (IReadOnlyList<string>)[p.Name, t($"Title.{p.Title}"), Number(p.Sessions), Number(p.Hours)]).ToList(),
                    hours.Count == 0 ? null : [t("Report.Total"), "", Number(hours.Sum(p => p.Sessions)), Number(hours.Sum(p => p.Hours))])),
                new Heading(t("Activities.Title")),
                OrNone(t, new Table(
                    [new(t("Activities.Date"), 1.1), new(t("Activities.ActivityTitle"), 3), new(t("Activities.Series"), 1.6), new(t("Activities.Participants"), 1, Align.Right)],
                    unitActivities.Select(a => (IReadOnlyList<string>)[a.Details.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Details.Title,
                        a.Details.Series ?? "—", Number(a.Details.Participants)]).ToList(),
                    unitActivities.Count == 0 ? null : [t("Report.Total"), "", "", Number(unitActivities.Sum(a => a.Details.Participants))])),
                Signatures(t, submittedBy, reviewedBy, clock.Today),
            ]);
        return renderer.Render(document);
    }
}
