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
    PdfRenderer renderer,
    CountyClock clock)
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
        var lastYear = period.SameMonthLastYear;
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.PeriodKey == period.Key || r.PeriodKey == lastYear.Key).ToListAsync(ct);
        var thisMonth = reports.Where(r => r.PeriodKey == period.Key).ToDictionary(r => r.UnitId);
        var sameMonthLastYear = reports.Where(r => r.PeriodKey == lastYear.Key).ToDictionary(r => r.UnitId);
        static decimal? Value(Dictionary<int, MonthlyReport> month, int unitId, int indicatorId) =>
            month.GetValueOrDefault(unitId)?.Values.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value;
        decimal Sum(Dictionary<int, MonthlyReport> month, IEnumerable<int> unitIds, int indicatorId) => unitIds.Sum(id => Value(month, id, indicatorId) ?? 0);

        var visits = ordered[0];
        var rows = new List<IReadOnlyList<string>>();
        var subtotals = new HashSet<int>();
        IReadOnlyList<string> Row(string name, string state, IReadOnlyList<int> unitIds, bool whole) =>
        [
            name,
            state,
            .. ordered.Select(i => whole ? Number(Sum(thisMonth, unitIds, i.Id)) : Number(Value(thisMonth, unitIds[0], i.Id))),
            Change(Sum(thisMonth, unitIds, visits.Id), Sum(sameMonthLastYear, unitIds, visits.Id)),
        ];
        var branches = units.Where(u => u.Kind == UnitKind.Branch).ToList();
        foreach (var branch in branches)
        {
            var members = units.Where(u => u.Id == branch.Id || u.ParentId == branch.Id).ToList();
            // Service points are indented under their branch; the branch's subtotal row closes the group.
            rows.AddRange(members.Select(u => Row(u.Id == branch.Id ? u.Name : $"\u3000{u.Name}",
                thisMonth.TryGetValue(u.Id, out var r) ? t($"ReportState.{r.State}") : t("ReportState.None"), [u.Id], whole: false)));
            subtotals.Add(rows.Count);
            rows.Add(Row(t("Report.BranchSubtotal"), $"{members.Count(u => thisMonth.ContainsKey(u.Id))}/{members.Count}",
                members.Select(u => u.Id).ToList(), whole: true));
        }

        var everyone = units.Select(u => u.Id).ToList();
        var approved = thisMonth.Values.Count(r => r.State == ReportState.Approved);
        var byBranch = branches
            .Select(b => (b.Name, (double)Sum(thisMonth, units.Where(u => u.Id == b.Id || u.ParentId == b.Id).Select(u => u.Id), visits.Id)))
            .OrderByDescending(b => b.Item2).ToList();

        var document = Document(t, t("Report.NetworkMonthly.Title", period.ToString()),
            [
                new Paragraph(t("Report.NetworkMonthly.Lead", units.Count, thisMonth.Count, approved)),
                new KeyFigures(
                [
                    (t("Report.Reported"), $"{thisMonth.Count}/{units.Count}"),
                    (t("Report.Approved"), approved.ToString(CultureInfo.InvariantCulture)),
                    (Name(visits), Number(Sum(thisMonth, everyone, visits.Id))),
                    (Name(ordered[1]), Number(Sum(thisMonth, everyone, ordered[1].Id))),
                ]),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Report.State"), 1.3), .. ordered.Select(i => new Column(Name(i), 1.2, Align.Right)),
                        new(t("Report.VisitsChange"), 1.1, Align.Right)],
                    rows,
                    Row(t("Report.Total"), $"{thisMonth.Count}/{units.Count}", everyone, whole: true),
                    subtotals),
                new Heading(t("Report.SameMonthLastYear", lastYear.ToString())),
                new Table(
                    [new(t("Report.Indicator"), 2.5), new(period.ToString(), 1.2, Align.Right), new(lastYear.ToString(), 1.2, Align.Right),
                        new(t("Report.Change"), 1, Align.Right)],
                    ordered.Select(i => (IReadOnlyList<string>)[Name(i), Number(Sum(thisMonth, everyone, i.Id)), Number(Sum(sameMonthLastYear, everyone, i.Id)),
                        Change(Sum(thisMonth, everyone, i.Id), Sum(sameMonthLastYear, everyone, i.Id))]).ToList()),
                new BarChart(t("Report.VisitsByBranch"), byBranch),
            ]);
        return renderer.Render(document);
    }

    /// <summary>
    /// One unit's year: its profile, twelve months of key figures with totals and a chart against the year before,
    /// its plaque and standards checklist, resources, its staff's training and its activities.
    /// </summary>
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
        var unit = await db.Units.AsNoTracking().Include(u => u.Parent).InScopeOf(actor)
            .FirstOrDefaultAsync(u => u.Code == code && u.Kind != UnitKind.HeadLibrary, ct);
        if (unit is null)
        {
            return null;
        }

        var ordered = await KeyIndicatorsAsync(db, ct);
        var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.UnitId == unit.Id && r.PeriodKey >= (year - 1) * 100 + 1 && r.PeriodKey <= year * 100 + 12).ToDictionaryAsync(r => r.PeriodKey, ct);
        decimal? Value(int y, int month, int indicatorId) =>
            reports.GetValueOrDefault(y * 100 + month)?.Values.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value;
        var months = Enumerable.Range(1, 12).ToList();
        var thisYear = reports.Values.Where(r => r.PeriodKey / 100 == year).ToList();
        var rows = months.Select(m => (IReadOnlyList<string>)
        [
            $"{year}-{m:00}",
            reports.TryGetValue(year * 100 + m, out var r) ? t($"ReportState.{r.State}") : t("ReportState.None"),
            .. ordered.Select(i => Number(Value(year, m, i.Id))),
        ]).ToList();
        var checklist = await programme.ChecklistAsync(code, ct) ?? [];
        var items = (await resources.ItemsAsync(ct)).Where(r => r.UnitCode == code).ToList();
        var hours = (await training.HoursAsync(year, ct)).People.Where(p => p.UnitCode == code).ToList();
        var unitActivities = (await activities.ListAsync(new ActivityFilter(year, UnitCode: code), ct)).OrderBy(a => a.Details.Date).ToList();
        IReadOnlyList<double?> Visits(int y) => months.Select(m => (double?)Value(y, m, ordered[0].Id)).ToList();

        var document = Document(t, t("Report.UnitAnnual.Title", unit.Name, year),
            [
                new Paragraph(t("Report.UnitAnnual.Lead", unit.Code, thisYear.Count, thisYear.Count(r => r.State == ReportState.Approved))),
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
                    [new(t("Figures.Month"), 1.4), new(t("Report.State"), 1.3), .. ordered.Select(i => new Column(Name(i), 1.2, Align.Right))],
                    rows,
                    [t("Report.Total"), "", .. ordered.Select(i => Number(months.Sum(m => Value(year, m, i.Id) ?? 0)))]),
                new LineChart(t("Report.VisitsByMonth"), months.Select(m => $"{m:00}").ToList(),
                    [(year.ToString(CultureInfo.InvariantCulture), Visits(year)), ((year - 1).ToString(CultureInfo.InvariantCulture), Visits(year - 1))]),
                new Heading(t("Plaques.Title")),
                new Paragraph(t("Report.UnitAnnual.Plaque", unit.PlaquedOn?.ToString("yyyy-MM-dd") ?? t("Unit.NotPlaqued"),
                    checklist.Count(c => c.Met), checklist.Count)),
                OrNone(t, new Table([new(t("Plaques.Item"), 3), new(t("Plaques.Met"), 0.8), new(t("Activities.Note"), 3)],
                    checklist.Select(c => (IReadOnlyList<string>)[c.Item, c.Met ? t("Report.Met") : t("Report.NotMetShort"), c.Note ?? ""]).ToList())),
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
            ]);
        return renderer.Render(document);
    }

    /// <summary>The plaque and standards programme: batches and their progress, every unit's plaque date and checklist status.</summary>
    public async Task<byte[]> PlaquesAsync(ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        var batches = await BuiltBatchesAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Code, u.Kind, u.PlaquedOn }).ToListAsync(ct);
        var items = await db.StandardItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var met = (await db.UnitStandards.AsNoTracking().Where(s => s.Met && unitIds.Contains(s.UnitId)).Select(s => new { s.UnitId, s.ItemId }).ToListAsync(ct))
            .ToLookup(s => s.UnitId, s => s.ItemId);
        string Missing(int unitId) => string.Join("、", items.Where(i => !met[unitId].Contains(i.Id)).Select(i => i.Name));
        var complete = units.Count(u => items.All(i => met[u.Id].Contains(i.Id)));
        var document = Document(t, t("Report.Plaques.Title"),
            [
                new Paragraph(t("Report.Plaques.Lead", units.Count, units.Count(u => u.PlaquedOn is not null))),
                new Paragraph(t("Report.Plaques.Standards", items.Count, complete)),
                BatchTable(t, batches),
                new Table(
                    [new(t("Report.Unit"), 2.6), new(t("Unit.Code"), 1.2), new(t("Unit.Kind"), 1), new(t("Unit.PlaquedOn"), 1.2),
                        new(t("Plaques.Met"), 0.8, Align.Right), new(t("Report.NotMet"), 3)],
                    units.Select(u => (IReadOnlyList<string>)[u.Name, u.Code, t($"UnitKind.{u.Kind}"), u.PlaquedOn?.ToString("yyyy-MM-dd") ?? "—",
                        $"{items.Count(i => met[u.Id].Contains(i.Id))}/{items.Count}", Missing(u.Id)]).ToList()),
            ]);
        return renderer.Render(document);
    }

    /// <summary>A certificate that one person attended one training session and was credited its learning hours.</summary>
    /// <returns>Null when the session does not exist, or the person is not on it, did not attend or lies outside the caller's scope.</returns>
    public async Task<byte[]?> CertificateAsync(int sessionId, int staffId, ReportText t, CancellationToken ct = default)
    {
        var session = await training.SessionAsync(sessionId, ct);
        var attendee = session?.Attendees.FirstOrDefault(a => a.StaffMemberId == staffId && a.Attended);
        if (session is null || attendee is null)
        {
            return null;
        }

        var details = session.Details;
        var dates = details.StartsOn == details.EndsOn
            ? t("Report.Date", details.StartsOn.Year, details.StartsOn.Month, details.StartsOn.Day)
            : t("Report.Certificate.Days", details.StartsOn.Year, details.StartsOn.Month, details.StartsOn.Day, details.EndsOn.Month, details.EndsOn.Day);
        var today = clock.Today;
        var document = new ReportDocument(t("Report.Certificate.DocumentTitle", attendee.Name, details.Title), t("Report.Author"), t("Report.Header"),
            (page, of) => t("Report.Certificate.Number", $"{sessionId:0000}-{staffId:0000}"),
            [
                new Spacer(90),
                new TitleBlock(t("Report.Certificate.Title"), Align.Center),
                new Spacer(40),
                new Paragraph(t("Report.Certificate.Body", attendee.Name, attendee.UnitName, dates, details.Organiser, details.Title,
                    details.IsOnline ? t("Training.Online") : details.Place ?? "—", Number(attendee.CreditedHours))),
                new Spacer(24),
                new KeyFigures(
                [
                    (t("Report.Person"), attendee.Name),
                    (t("Training.Credited"), Number(attendee.CreditedHours)),
                    (t("Training.Dates"), details.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ]),
                new Spacer(60),
                new Paragraph(t("Report.Author"), Align.Right),
                new Paragraph(t("Report.Date", today.Year, today.Month, today.Day), Align.Right),
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

    /// <summary>The table, or a line saying there is nothing to list (a table of headers alone reads like a mistake).</summary>
    private static ReportBlock OrNone(ReportText t, Table table) => table.Rows.Count == 0 ? new Paragraph(t("Report.NoRecords")) : table;

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

    /// <summary>The relative change, e.g. "+4.2%"; a dash when there is nothing to compare with.</summary>
    private static string Change(decimal now, decimal before) =>
        before == 0 ? "—" : ((now - before) / before).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.InvariantCulture) ?? "—";
}
