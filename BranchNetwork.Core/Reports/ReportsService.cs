using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Reports;

/// <summary>The words of a report in the reader's language (the portal passes its string resources).</summary>
public delegate string ReportText(string key, params object[] args);

/// <summary>Printed reports. Each reads its data in the caller's scope and describes the pages as a <see cref="ReportDocument"/>.</summary>
public sealed class ReportsService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    ProgrammeService programme,
    TrainingService training,
    ActivityService activities,
    ResourcesService resources,
    ClosureService closureService,
    PdfRenderer renderer)
{
    private static readonly string[] KeyIndicators = ["visits", "loans", "programs", "program_attendance", "new_cards"];

    /// <summary>The network's figures of one month: every unit with its state and key figures, totals, visits by branch.</summary>
    /// <returns>Null for a month that cannot have figures yet.</returns>
    public async Task<byte[]?> NetworkMonthlyAsync(Period period, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }

        if (period > figures.LastFullMonth || period.Year < 2000)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.ParentId }).ToListAsync(ct);
        var ordered = await KeyIndicatorsAsync(db, ct);
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.PeriodKey == period.Key).ToDictionaryAsync(r => r.UnitId, ct);

        decimal? Value(int unitId, int indicatorId) => reports.GetValueOrDefault(unitId)?.Values.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value;
        var rows = units.Select(u => (IReadOnlyList<string>)
        [
            u.Name,
            reports.TryGetValue(u.Id, out var r) ? t($"ReportState.{r.State}") : t("ReportState.None"),
            .. ordered.Select(i => Number(Value(u.Id, i.Id))),
        ]).ToList();
        var totals = ordered.Select(i => units.Sum(u => Value(u.Id, i.Id) ?? 0)).ToList();
        var approved = reports.Values.Count(r => r.State == ReportState.Approved);
        var visits = ordered[0];
        var byBranch = units.Where(u => u.Kind == UnitKind.Branch)
            .Select(b => (b.Name, (double)units.Where(u => u.Id == b.Id || u.ParentId == b.Id).Sum(u => Value(u.Id, visits.Id) ?? 0)))
            .OrderByDescending(b => b.Item2).ToList();

        var document = Document(t, t("Report.NetworkMonthly.Title", period.ToString()),
            [
                new Paragraph(t("Report.NetworkMonthly.Lead", units.Count, reports.Count, approved)),
                new KeyFigures(
                [
                    (t("Report.Reported"), $"{reports.Count}/{units.Count}"),
                    (t("Report.Approved"), approved.ToString(CultureInfo.InvariantCulture)),
                    (Name(visits), Number(totals[0])),
                    (Name(ordered[1]), Number(totals[1])),
                ]),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Report.State"), 1.3), .. ordered.Select(i => new Column(Name(i), 1.2, Align.Right))],
                    rows,
                    [t("Report.Total"), "", .. totals.Select(v => Number(v))]),
                new BarChart(t("Report.VisitsByBranch"), byBranch),
            ]);
        return renderer.Render(document);
    }

    /// <summary>One unit's year: its twelve months of key figures, the totals and its visits month by month.</summary>
    /// <returns>Null when the unit does not exist or lies outside the caller's scope, or for a year not begun.</returns>
    public async Task<byte[]?> UnitAnnualAsync(string unitCode, int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (year > figures.LastFullMonth.Year || year < 2000)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = unitCode.Trim().ToUpperInvariant();
        var unit = await db.Units.AsNoTracking().InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code && u.Kind != UnitKind.HeadLibrary, ct);
        if (unit is null)
        {
            return null;
        }

        var ordered = await KeyIndicatorsAsync(db, ct);
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.UnitId == unit.Id && r.PeriodKey >= year * 100 + 1 && r.PeriodKey <= year * 100 + 12).ToDictionaryAsync(r => r.PeriodKey % 100, ct);
        decimal? Value(int month, int indicatorId) => reports.GetValueOrDefault(month)?.Values.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value;
        var months = Enumerable.Range(1, 12).ToList();
        var rows = months.Select(m => (IReadOnlyList<string>)
        [
            $"{year}-{m:00}",
            reports.TryGetValue(m, out var r) ? t($"ReportState.{r.State}") : t("ReportState.None"),
            .. ordered.Select(i => Number(Value(m, i.Id))),
        ]).ToList();
        var document = Document(t, t("Report.UnitAnnual.Title", unit.Name, year),
            [
                new Paragraph(t("Report.UnitAnnual.Lead", unit.Code, reports.Count, reports.Values.Count(r => r.State == ReportState.Approved))),
                new Table(
                    [new(t("Figures.Month"), 1.4), new(t("Report.State"), 1.3), .. ordered.Select(i => new Column(Name(i), 1.2, Align.Right))],
                    rows,
                    [t("Report.Total"), "", .. ordered.Select(i => Number(months.Sum(m => Value(m, i.Id) ?? 0)))]),
                new BarChart(t("Report.VisitsByMonth"), months.Select(m => ($"{m:00}", (double)(Value(m, ordered[0].Id) ?? 0))).ToList()),
            ]);
        return renderer.Render(document);
    }

    /// <summary>The plaque and standards programme: batches and their progress, every unit's plaque date.</summary>
    public async Task<byte[]> PlaquesAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var batches = await BuiltBatchesAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Name, u.Code, u.Kind, u.PlaquedOn }).ToListAsync(ct);
        var document = Document(t, t("Report.Plaques.Title"),
            [
                new Paragraph(t("Report.Plaques.Lead", units.Count, units.Count(u => u.PlaquedOn is not null))),
                BatchTable(t, batches),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Unit.Code"), 1.2), new(t("Unit.Kind"), 1.2), new(t("Unit.PlaquedOn"), 1.3)],
                    units.Select(u => (IReadOnlyList<string>)[u.Name, u.Code, t($"UnitKind.{u.Kind}"), u.PlaquedOn?.ToString("yyyy-MM-dd") ?? "—"]).ToList()),
            ]);
        return renderer.Render(document);
    }

    /// <summary>A year's training: its sessions with attendance, and the learning hours per unit and per person in the caller's scope.</summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<byte[]?> TrainingAsync(int year, ReportText t, CancellationToken ct = default)
    {
        if (year > figures.LastFullMonth.Year + 1 || year < 2000)
        {
            return null;
        }

        var sessions = await training.SessionsAsync(year, ct);
        var hours = await training.HoursAsync(year, ct);
        string Hours(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var document = Document(t, t("Report.Training.Title", year),
            [
                new Paragraph(t("Report.Training.Lead", sessions.Count, hours.People.Count, Hours(hours.Total))),
                new KeyFigures(
                [
                    (t("Report.Sessions"), sessions.Count.ToString(CultureInfo.InvariantCulture)),
                    (t("Training.TotalHours"), Hours(hours.Total)),
                    (t("Report.Trained"), hours.People.Count.ToString(CultureInfo.InvariantCulture)),
                ]),
                new Table(
                    [new(t("Training.SessionTitle"), 3.2), new(t("Training.Dates"), 1.8), new(t("Training.Hours"), 0.8, Align.Right),
                        new(t("Training.Attended"), 1, Align.Right)],
                    sessions.OrderBy(s => s.StartsOn).Select(s => (IReadOnlyList<string>)[s.Title,
                        s.StartsOn == s.EndsOn ? s.StartsOn.ToString("yyyy-MM-dd") : $"{s.StartsOn:yyyy-MM-dd} – {s.EndsOn:MM-dd}",
                        Hours(s.Hours), $"{s.Attended}/{s.Enrolled}"]).ToList()),
                new Heading(t("Training.ByUnit")),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Report.Trained"), 1, Align.Right), new(t("Training.Hours"), 1, Align.Right)],
                    hours.Units.Select(u => (IReadOnlyList<string>)[u.UnitName, u.People.ToString(CultureInfo.InvariantCulture), Hours(u.Hours)]).ToList(),
                    [t("Report.Total"), hours.People.Count.ToString(CultureInfo.InvariantCulture), Hours(hours.Total)]),
                new Heading(t("Training.ByPerson")),
                new Table(
                    [new(t("Report.Person"), 1.6), new(t("Report.Unit"), 3), new(t("Report.ProfessionalTitle"), 1.2), new(t("Report.Sessions"), 1, Align.Right),
                        new(t("Training.Hours"), 1, Align.Right)],
                    hours.People.Select(p => (IReadOnlyList<string>)[p.Name, p.UnitName, t($"Title.{p.Title}"),
                        p.Sessions.ToString(CultureInfo.InvariantCulture), Hours(p.Hours)]).ToList()),
            ]);
        return renderer.Render(document);
    }

    /// <summary>
    /// The year's work summary a head library writes every December, drafted from the data in the sections of the
    /// library's own summaries: service figures and closures, staff training, activities by series, infrastructure
    /// and grants, the head-branch system's construction.
    /// </summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<byte[]?> AnnualSummaryAsync(int year, ReportText t, CancellationToken ct = default)
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
        var ids = ordered.Select(i => i.Id).ToList();
        var sums = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.PeriodKey >= (year - 1) * 100 + 1 && r.PeriodKey <= year * 100 + 12)
            .SelectMany(r => r.Values, (r, v) => new { r.PeriodKey, v.IndicatorId, v.Value })
            .Where(v => ids.Contains(v.IndicatorId))
            .ToListAsync(ct);
        var totals = sums.GroupBy(s => (s.IndicatorId, Year: s.PeriodKey / 100)).ToDictionary(g => g.Key, g => g.Sum(s => s.Value ?? 0));
        decimal Sum(int indicatorId, int y) => totals.GetValueOrDefault((indicatorId, y));
        string Change(decimal now, decimal before) => before == 0 ? "—" : ((now - before) / before).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

        var closures = (await closureService.ListAsync(ct)).Where(c => c.StartsOn.Year <= year && c.EndsOn.Year >= year).OrderBy(c => c.StartsOn).ToList();
        var sessions = await training.SessionsAsync(year, ct);
        var hours = await training.HoursAsync(year, ct);
        var series = await activities.SeriesTotalsAsync(year, ct);
        var grants = (await resources.GrantsAsync(ct)).Where(g => g.Details.Year == year).ToList();
        var deliveries = await resources.StandardAsync(year, ct);
        var batches = await BuiltBatchesAsync(ct);
        var visits = ordered[0];

        var document = Document(t, t("Report.Annual.Title", year),
            [
                new KeyFigures(
                [
                    (Name(visits), Number(Sum(visits.Id, year))),
                    (Name(ordered[1]), Number(Sum(ordered[1].Id, year))),
                    (t("Training.TotalHours"), Number(hours.Total)),
                    (t("Grants.Title"), Number(grants.Sum(g => g.Details.Amount))),
                ]),
                new Heading(t("Report.Annual.Service")),
                new Paragraph(t("Report.Annual.ServiceLead", Number(Sum(visits.Id, year)), Change(Sum(visits.Id, year), Sum(visits.Id, year - 1)),
                    Number(Sum(ordered[1].Id, year)))),
                new Table(
                    [new(t("Report.Indicator"), 2.5), new(year.ToString(CultureInfo.InvariantCulture), 1.2, Align.Right),
                        new((year - 1).ToString(CultureInfo.InvariantCulture), 1.2, Align.Right), new(t("Report.Change"), 1, Align.Right)],
                    ordered.Select(i => (IReadOnlyList<string>)[Name(i), Number(Sum(i.Id, year)), Number(Sum(i.Id, year - 1)), Change(Sum(i.Id, year), Sum(i.Id, year - 1))])
                        .ToList()),
                new Paragraph(closures.Count == 0
                    ? t("Report.Annual.NoClosure")
                    : t("Report.Annual.Closures", string.Join("；", closures.Select(c =>
                        $"{c.UnitName ?? t("Report.WholeNetwork")} {c.StartsOn:yyyy-MM-dd} – {c.EndsOn:yyyy-MM-dd}, {c.Reason}")))),
                new Heading(t("Report.Annual.Training")),
                new Paragraph(t("Report.Annual.TrainingLead", sessions.Count, hours.People.Count, Number(hours.Total),
                    string.Join("、", hours.Titles.OrderBy(p => p.Key).Select(p => $"{t($"Title.{p.Key}")} {p.Value}")) is { Length: > 0 } titles ? titles : "—")),
                new Heading(t("Report.Annual.Activities")),
                new Paragraph(t("Report.Annual.ActivitiesLead", series.Sum(s => s.Count), Number(series.Sum(s => s.Participants)))),
                new Table(
                    [new(t("Activities.Series"), 3), new(t("Report.Count"), 1, Align.Right), new(t("Activities.Participants"), 1.2, Align.Right)],
                    series.Select(s => (IReadOnlyList<string>)[s.Series, Number(s.Count), Number(s.Participants)]).ToList()),
                new Heading(t("Report.Annual.Infrastructure")),
                new Paragraph(t("Report.Annual.InfrastructureLead", grants.Count, Number(grants.Sum(g => g.Details.Amount)),
                    Number(deliveries.Sum(d => d.Volumes)), deliveries.Count(d => d.Meets), deliveries.Count)),
                new Table(
                    [new(t("Grants.GrantTitle"), 3), new(t("Grants.Source"), 1.6), new(t("Grants.Amount"), 1.2, Align.Right)],
                    grants.Select(g => (IReadOnlyList<string>)[g.Details.Title, g.Details.Source, g.Details.Amount.ToString("#,0.00", CultureInfo.InvariantCulture)]).ToList(),
                    [t("Report.Total"), "", grants.Sum(g => g.Details.Amount).ToString("#,0.00", CultureInfo.InvariantCulture)]),
                new Heading(t("Report.Annual.Construction")),
                new Paragraph(t("Report.Annual.ConstructionLead", batches.Where(b => b.Kind == UnitKind.Branch).Sum(b => b.Total),
                    batches.Where(b => b.Kind == UnitKind.ServicePoint).Sum(b => b.Total), batches.Sum(b => b.Plaqued))),
                BatchTable(t, batches),
            ]);
        return renderer.Render(document);
    }

    /// <summary>A report with the library's header and author, the page footer, and its title as the first heading.</summary>
    private static ReportDocument Document(ReportText t, string title, IEnumerable<ReportBlock> blocks) =>
        new(title, t("Report.Author"), t("Report.Header"), (page, of) => t("Report.Footer", page, of), [new Heading(title), .. blocks]);

    /// <summary>The construction batches of branches and service points with how many of each are plaqued.</summary>
    private async Task<List<BatchProgress>> BuiltBatchesAsync(CancellationToken ct) =>
        (await programme.BatchesAsync(ct)).Where(b => b.Kind != UnitKind.HeadLibrary).ToList();

    private static Table BatchTable(ReportText t, IEnumerable<BatchProgress> batches) => new(
        [new(t("Unit.BatchYear"), 1), new(t("Unit.Kind"), 1.2), new(t("Unit.Plaqued"), 1, Align.Right), new(t("Report.Total"), 1, Align.Right)],
        batches.Select(b => (IReadOnlyList<string>)[b.BatchYear?.ToString(CultureInfo.InvariantCulture) ?? "—", t($"UnitKind.{b.Kind}"),
            Number(b.Plaqued), Number(b.Total)]).ToList());

    private static async Task<List<Indicator>> KeyIndicatorsAsync(BranchNetworkDbContext db, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().Where(i => KeyIndicators.Contains(i.Code)).ToListAsync(ct);
        return KeyIndicators.Select(code => indicators.Single(i => i.Code == code)).ToList();
    }

    private static string Name(Indicator i) => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? i.NameZh : i.NameEn;

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "—";
}
