using System.Text.Json;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Figures;

/// <summary>
/// Monthly figures: entry (value by value, so nothing typed is lost), submission with completeness and anomaly
/// checks, review, corrections by revision, the deadline board. Scoped like the roster: a branch worker reports for
/// their branch and its service points; head-library staff and administrators review; observers read.
/// </summary>
public sealed class FiguresService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock,
    IOptions<FiguresOptions> options)
{
    private FiguresOptions Options => options.Value;

    /// <summary>The latest month that can be reported: the one before the current month.</summary>
    public Period LastFullMonth => Period.Of(clock.Today).Previous;

    public DateOnly DueOn(Period period) => period.AddMonths(1).FirstDay.AddDays(Math.Clamp(Options.DueDay, 1, 28) - 1);

    public async Task<IReadOnlyList<IndicatorInfo>> ActiveIndicatorsAsync(CancellationToken ct = default)
    {
        await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ActiveIndicatorsAsync(db, ct)).Select(IndicatorInfo.Of).ToList();
    }

    /// <summary>The branches the caller may open the entry form for.</summary>
    public async Task<IReadOnlyList<UnitRef>> BranchesAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Units.InScopeOf(actor).Where(u => u.Kind == UnitKind.Branch).OrderBy(u => u.Code)
            .Select(u => new UnitRef(u.Code, u.Name, u.Kind, u.Status)).ToListAsync(ct);
    }

    /// <summary>The branch whose entry form holds a unit: the branch itself, or a service point's branch. Null outside the caller's scope.</summary>
    public async Task<string?> BranchOfAsync(string unitCode, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = Normalize(unitCode);
        return await db.Units.InScopeOf(actor).Where(u => u.Code == code)
            .Select(u => u.Kind == UnitKind.Branch ? u.Code : u.Kind == UnitKind.ServicePoint ? u.Parent!.Code : null)
            .FirstOrDefaultAsync(ct);
    }

    /// <returns>Null when the branch does not exist or lies outside the caller's scope.</returns>
    public async Task<EntrySheet?> EntryAsync(string branchCode, Period period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = Normalize(branchCode);
        var branch = await db.Units.AsNoTracking().InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code && u.Kind == UnitKind.Branch, ct);
        if (branch is null)
        {
            return null;
        }

        var units = await db.Units.AsNoTracking().InScopeOf(actor)
            .Where(u => u.Id == branch.Id || u.ParentId == branch.Id)
            .OrderBy(u => u.Code)
            .ToListAsync(ct);
        var indicators = await ActiveIndicatorsAsync(db, ct);
        var facts = await FactsAsync(db, units.Select(u => u.Id).ToList(), period, ct);
        var activities = await ActivityService.ByUnitAsync(db, units.Select(u => u.Id).ToList(), period, ct);
        var returns = await ReturnsAsync(db, facts.Reports.Values.Select(r => r.Id).ToList(), ct);

        var rows = units.Select(unit =>
        {
            var report = facts.Reports.GetValueOrDefault((unit.Id, period.Key));
            var closure = ClosureCalendar.For(facts.Closures, unit.Id, period);
            var returned = report is null ? [] : returns[report.Id].ToList();
            var open = report?.State == ReportState.Returned ? returned.LastOrDefault() : null;
            // The annual figures of a December report come after the month's own, under their heading.
            var cells = indicators.Where(i => i.IsDueIn(unit.Kind, period)).OrderBy(i => i.Frequency).Select(indicator =>
            {
                var own = facts.Value(unit.Id, period, indicator.Id);
                return new EntryCell(
                    indicator.Code,
                    own?.Value,
                    own?.Explanation,
                    facts.Value(unit.Id, period.Previous, indicator.Id)?.Value,
                    facts.Value(unit.Id, period.SameMonthLastYear, indicator.Id)?.Value,
                    FlagsFor(facts, unit.Id, indicator.Id, own?.Value, period),
                    open?.Notes.FirstOrDefault(n => n.IndicatorId == indicator.Id)?.Text);
            }).ToList();
            return new EntryUnit(unit.Code, unit.Name, unit.Kind, report?.State, report?.Revision ?? 1, report?.Version ?? 0, report?.Comment,
                closure, IsReportable(unit, period), cells, activities.GetValueOrDefault(unit.Id), returned.Count);
        }).ToList();

        return new EntrySheet(period, branch.Code, branch.Name, DueOn(period), indicators.Select(IndicatorInfo.Of).ToList(), rows);
    }

    /// <summary>Saves one value of a unit's month (creating the draft report on the first value).</summary>
    public async Task<SavedValue> SaveValueAsync(string unitCode, Period period, string indicatorCode, decimal? value, string? explanation,
        int expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await ReportingUnitAsync(db, actor, unitCode, period, ct);
        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == indicatorCode && i.IsActive, ct);
        if (indicator is null || !indicator.AppliesToKind(unit.Kind))
        {
            throw new DomainException(ErrorCodes.IndicatorNotFound, indicatorCode, indicatorCode);
        }

        if (!indicator.IsDueIn(unit.Kind, period))
        {
            throw new DomainException(ErrorCodes.FigureAnnualOnly, indicatorCode, indicator.Name);
        }

        var report = await db.MonthlyReports.Include(r => r.Values).ThenInclude(v => v.Indicator)
            .FirstOrDefaultAsync(r => r.UnitId == unit.Id && r.PeriodKey == period.Key, ct);
        if (report is null)
        {
            if (expectedVersion != 0)
            {
                throw Conflict(unit, period, null, value);
            }

            report = MonthlyReport.Start(unit, period);
            db.MonthlyReports.Add(report);
        }
        else if (report.Version != expectedVersion)
        {
            throw Conflict(unit, period, report.ValueOf(indicator.Id)?.Value, value);
        }

        // Sent again (a resend after a drop, a second click): nothing changes, so nothing is written or audited.
        var unchanged = report.IsEditable && Holds(report.ValueOf(indicator.Id), value, explanation);
        if (!unchanged)
        {
            report.SetValue(indicator, value, explanation);
            await SaveAsync(db, unit, period, value, ct);
        }

        var facts = await FactsAsync(db, [unit.Id], period, ct);
        return new SavedValue(report.Version, report.State, FlagsFor(facts, unit.Id, indicator.Id, value, period));
    }

    /// <summary>
    /// Saves a value typed against an earlier state of its report (the quick entry page's queue, kept in the browser while
    /// the line was down). Other values of the report may have changed meanwhile: the value is saved on the report as it
    /// is now. When someone changed this value since it was typed (it no longer reads <paramref name="typedOver"/>), nothing
    /// is written and the outcome carries theirs, to choose between. A value the report already holds is not written again,
    /// so a resend after an answer lost on the line saves once.
    /// </summary>
    /// <param name="typedAgainstVersion">The report's version the value was typed against (0: no report yet).</param>
    /// <param name="typedOver">The value the field held on the server when the worker typed.</param>
    public async Task<TypedValueOutcome> SaveTypedValueAsync(string unitCode, Period period, string indicatorCode, decimal? value, string? explanation,
        int typedAgainstVersion, decimal? typedOver, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var actor = await currentUser.UnitEditorAsync();
            TypedValueOutcome? settled;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var unit = await ReportingUnitAsync(db, actor, unitCode, period, ct);
                var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == indicatorCode && i.IsActive, ct);
                var report = await db.MonthlyReports.AsNoTracking().Include(r => r.Values)
                    .FirstOrDefaultAsync(r => r.UnitId == unit.Id && r.PeriodKey == period.Key, ct);
                var held = indicator is null ? null : report?.ValueOf(indicator.Id);
                settled = report is null || indicator is null ? null
                    : Holds(held, value, explanation)
                        ? new TypedValueOutcome(true, report.Version, report.State, FlagsFor(await FactsAsync(db, [unit.Id], period, ct), unit.Id, indicator.Id, value, period))
                    : report.IsEditable && report.Version != typedAgainstVersion && held?.Value != typedOver
                        ? new TypedValueOutcome(false, report.Version, report.State, [], held?.Value, held?.Explanation)
                    : null;
                typedAgainstVersion = report?.Version ?? 0;
            }

            if (settled is not null)
            {
                return settled;
            }

            try
            {
                var saved = await SaveValueAsync(unitCode, period, indicatorCode, value, explanation, typedAgainstVersion, ct);
                return new TypedValueOutcome(true, saved.Version, saved.State, saved.Flags);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Someone saved between the read and the write: look again at what they saved.
            }
        }
    }

    /// <summary>Submits a unit's month: every indicator filled, every flagged value explained.</summary>
    public async Task<int> SubmitAsync(string unitCode, Period period, int expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await ReportingUnitAsync(db, actor, unitCode, period, ct);
        var report = await LoadReportAsync(db, unit, period, expectedVersion, ct);
        var indicators = (await ActiveIndicatorsAsync(db, ct)).Where(i => i.IsDueIn(unit.Kind, period)).ToList();

        var missing = indicators.Where(i => report.ValueOf(i.Id)?.Value is null).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(ErrorCodes.ReportIncomplete, null, missing.Count, new BilingualList(missing));
        }

        var facts = await FactsAsync(db, [unit.Id], period, ct);
        var flags = indicators.ToDictionary(i => i.Id, i => FlagsFor(facts, unit.Id, i.Id, report.ValueOf(i.Id)!.Value, period));
        var unexplained = indicators
            .Where(i => flags[i.Id].Count > 0 && report.ValueOf(i.Id)!.Explanation is null)
            .Select(i => i.Name)
            .ToList();
        if (unexplained.Count > 0)
        {
            throw new DomainException(ErrorCodes.ReportNeedsExplanation, null, new BilingualList(unexplained));
        }

        report.Submit(actor.Name, clock.UtcNow, flags);
        await SaveAsync(db, unit, period, null, ct);
        return report.Version;
    }

    /// <summary>Takes a submitted report that nobody reviewed yet back to a draft, for its unit's editors.</summary>
    public async Task<int> WithdrawAsync(string unitCode, Period period, int expectedVersion, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await ReportingUnitAsync(db, actor, unitCode, period, ct);
        var report = await LoadReportAsync(db, unit, period, expectedVersion, ct);
        report.Withdraw();
        await SaveAsync(db, unit, period, null, ct);
        return report.Version;
    }

    /// <summary>Opens an approved report for correction (a new revision); it is reviewed again after submission.</summary>
    public async Task<int> StartCorrectionAsync(string unitCode, Period period, int expectedVersion, string reason, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await ReportingUnitAsync(db, actor, unitCode, period, ct);
        var report = await LoadReportAsync(db, unit, period, expectedVersion, ct);
        report.StartCorrection(reason, actor.Name, clock.UtcNow);
        await SaveAsync(db, unit, period, null, ct);
        return report.Version;
    }

    /// <summary>A report's approved revisions that corrections superseded and its returns, oldest first; empty outside the caller's scope.</summary>
    public async Task<ReportHistory> HistoryAsync(string unitCode, Period period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = Normalize(unitCode);
        var units = db.Units.InScopeOf(actor).Where(u => u.Code == code);
        var report = await db.MonthlyReports.AsNoTracking()
            .Where(r => units.Any(u => u.Id == r.UnitId) && r.PeriodKey == period.Key)
            .Select(r => new { r.Id, r.State })
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return ReportHistory.Empty;
        }

        var revisions = await db.ReportRevisions.AsNoTracking().Where(r => r.ReportId == report.Id).OrderBy(r => r.Revision).ToListAsync(ct);
        var returns = (await ReturnsAsync(db, [report.Id], ct))[report.Id].ToList();
        return new ReportHistory(
            revisions.Select(r => new RevisionRecord(
                r.Revision,
                JsonSerializer.Deserialize<Dictionary<string, decimal?>>(r.ValuesJson) ?? [],
                r.ApprovedAtUtc, r.ApprovedBy, r.Reason, r.SupersededBy, r.SupersededAtUtc)).ToList(),
            returns.Select((r, i) => ReturnRecord.Of(r, isOpen: report.State == ReportState.Returned && i == returns.Count - 1)).ToList());
    }

    /// <summary>
    /// One page of the submitted reports, oldest month first, with their flags and explanations. The filters run in
    /// SQL and only the page's reports are loaded and checked: a queue of 6,000 reports renders as fast as one of 20.
    /// </summary>
    public async Task<ReviewQueue> ReviewQueueAsync(ReviewFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await Queue(db, actor, filter)
            .OrderBy(r => r.PeriodKey).ThenBy(r => r.Unit.Code).ThenBy(r => r.Id)
            .Select(r => r.Id)
            .ToPageAsync(page, ct);
        var reports = await WithValues(db.MonthlyReports.AsNoTracking()).Where(r => ids.Items.Contains(r.Id)).ToListAsync(ct);
        var items = await ToReviewItemsAsync(db, reports, ct);
        var returns = await ReturnsAsync(db, ids.Items.ToList(), ct);
        var byId = reports.Zip(items).ToDictionary(x => x.First.Id, x => x.Second with
        {
            LastReturn = returns[x.First.Id].LastOrDefault(r => r.Revision == x.First.Revision) is { } last ? ReturnRecord.Of(last, isOpen: false) : null,
        });
        var flagged = filter.FlaggedOnly ? ids.Total : await Queue(db, actor, filter with { FlaggedOnly = true }).CountAsync(ct);
        return new ReviewQueue(ids.Map(id => byId[id]), flagged);
    }

    /// <summary>The years with reports in the caller's scope, newest first, and always the year of the last full month.</summary>
    public async Task<IReadOnlyList<int>> ReportYearsAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = db.Units.InScopeOf(actor);
        var years = await db.MonthlyReports.Where(r => units.Any(u => u.Id == r.UnitId)).Select(r => r.PeriodKey / 100).Distinct().ToListAsync(ct);
        return years.Append(LastFullMonth.Year).Distinct().OrderDescending().ToList();
    }

    public Task<int> ApproveAsync(string unitCode, Period period, int expectedVersion, CancellationToken ct = default) =>
        ReviewAsync(unitCode, period, expectedVersion, (report, actor) => report.Approve(actor.Name, clock.UtcNow), ct);

    /// <param name="notes">The reviewer's comments on single values of the report, by indicator code (optional).</param>
    public Task<int> ReturnAsync(string unitCode, Period period, int expectedVersion, string comment, IReadOnlyDictionary<string, string?>? notes = null,
        CancellationToken ct = default) =>
        ReviewAsync(unitCode, period, expectedVersion, (report, actor) => report.Return(comment, notes ?? new Dictionary<string, string?>(), actor.Name, clock.UtcNow), ct);

    /// <summary>How many reports one transaction of <see cref="ApproveAllUnflaggedAsync"/> checks.</summary>
    public const int ApprovalBatchSize = 200;

    /// <summary>
    /// Approves every submitted report of the filtered queue without a flagged value (flags as the review page shows
    /// them, new ones included), the whole queue and not a page of it. It runs in batches of
    /// <paramref name="batchSize"/> reports, each its own transaction: a stopped run keeps the batches done and
    /// nothing of the batch it was in; running it again carries on.
    /// </summary>
    /// <param name="progress">Told after each batch.</param>
    public async Task<ApprovalProgress> ApproveAllUnflaggedAsync(ReviewFilter filter, Func<ApprovalProgress, Task>? progress = null,
        int batchSize = ApprovalBatchSize, CancellationToken ct = default)
    {
        var actor = await currentUser.NetworkEditorAsync();
        var size = Math.Clamp(batchSize, 1, 1000);
        int total;
        await using (var count = await dbFactory.CreateDbContextAsync(ct))
        {
            total = await Queue(count, actor, filter).CountAsync(ct);
        }

        var done = new ApprovalProgress(total, 0, 0);
        // Keyset on (month, id): the flagged reports stay in the queue, so an offset would skip some; and a batch
        // holds few months, so the history for the checks is read a few times per batch, not once per report.
        var (afterPeriod, afterId) = (0, 0);
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Database.InTransactionAsync(async () =>
            {
                var reports = await WithValues(Queue(db, actor, filter))
                    .Where(r => r.PeriodKey > afterPeriod || (r.PeriodKey == afterPeriod && r.Id > afterId))
                    .OrderBy(r => r.PeriodKey).ThenBy(r => r.Id)
                    .Take(size)
                    .ToListAsync(ct);
                if (reports.Count == 0)
                {
                    return null;
                }

                var items = await ToReviewItemsAsync(db, reports, ct);
                var clean = reports.Zip(items).Where(x => !x.Second.IsFlagged).Select(x => x.First).ToList();
                foreach (var report in clean)
                {
                    report.Approve(actor.Name, clock.UtcNow);
                }

                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException e) when (e.Entries.FirstOrDefault()?.Entity is MonthlyReport changed)
                {
                    // Someone reviewed a report of this batch meanwhile: the batch is rolled back, the earlier ones stay.
                    throw Conflict(changed.Unit, changed.Period, null, null);
                }

                return new ApprovalBatch(reports[^1].PeriodKey, reports[^1].Id, reports.Count, clean.Count);
            }, ct);
            if (batch is null)
            {
                return done;
            }

            (afterPeriod, afterId) = (batch.LastPeriod, batch.LastId);
            done = done with { Checked = done.Checked + batch.Checked, Approved = done.Approved + batch.Approved };
            if (progress is not null)
            {
                await progress(done);
            }
        }
    }

    private sealed record ApprovalBatch(int LastPeriod, int LastId, int Checked, int Approved);

    /// <summary>The submitted reports that match the review filters, within the caller's scope.</summary>
    private static IQueryable<MonthlyReport> Queue(BranchNetworkDbContext db, Actor actor, ReviewFilter filter)
    {
        var units = db.Units.InScopeOf(actor);
        var query = db.MonthlyReports.Where(r => r.State == ReportState.Submitted && units.Any(u => u.Id == r.UnitId));
        if (!string.IsNullOrWhiteSpace(filter.BranchCode))
        {
            var code = Normalize(filter.BranchCode);
            query = query.Where(r => r.Unit.Code == code || (r.Unit.Parent != null && r.Unit.Parent.Code == code));
        }

        if (filter.Month is { } month)
        {
            query = query.Where(r => r.PeriodKey == month.Key);
        }

        if (filter.FlaggedOnly)
        {
            // Flagged when submitted: the submitter saw a flag (kept with the value) and had to explain it. Values
            // submitted before flags were kept carry only the explanation. Flags that later months raise only now
            // are computed per report and shown on the page, but cannot be filtered on in SQL.
            query = query.Where(r => r.Values.Any(v => v.Explanation != null || (v.SubmittedFlags != null && v.SubmittedFlags != NoFlags)));
        }

        return query;
    }

    private static readonly string NoFlags = ReportValue.FormatFlags([]);

    private static IQueryable<MonthlyReport> WithValues(IQueryable<MonthlyReport> reports) =>
        reports.Include(r => r.Unit).ThenInclude(u => u.Parent).Include(r => r.Values).ThenInclude(v => v.Indicator);

    /// <summary>The deadline board: the caller's reporting units × the months of a year.</summary>
    public async Task<IReadOnlyList<BoardRow>> BoardAsync(int year, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().InScopeOf(actor)
            .Where(u => u.Kind != UnitKind.HeadLibrary)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, ParentCode = u.Parent != null ? u.Parent.Code : null })
            .ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var (from, to) = (new Period(year, 1).Key, new Period(year, 12).Key);
        var reports = (await db.MonthlyReports.AsNoTracking()
                .Where(r => ids.Contains(r.UnitId) && r.PeriodKey >= from && r.PeriodKey <= to)
                .Select(r => new { r.UnitId, r.PeriodKey, r.State, r.SubmittedAtUtc })
                .ToListAsync(ct))
            .ToDictionary(r => (r.UnitId, r.PeriodKey));
        var today = clock.Today;
        var counted = await CountedFigures.LoadAsync(db, db.Units.InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary),
            new Period(year, 1), new Period(year, 12), [], ct);

        return units.Select(u => new BoardRow(u.Code, u.Name, u.Kind, u.ParentCode, Enumerable.Range(1, 12).Select(month =>
        {
            var period = new Period(year, month);
            var due = DueOn(period);
            switch (counted.StandingOf(u.Id, period))
            {
                case MonthStanding.NotDue:
                    return new BoardCell(period, BoardState.NotOpen, false);
                case MonthStanding.Closed:
                    return new BoardCell(period, BoardState.Closed, false);
            }

            if (!reports.TryGetValue((u.Id, period.Key), out var report) || report.State == ReportState.Draft && report.SubmittedAtUtc is null)
            {
                var state = period > LastFullMonth ? BoardState.NotDue
                    : report is not null ? BoardState.Draft
                    : today > due ? BoardState.Overdue : BoardState.Missing;
                return new BoardCell(period, state, state == BoardState.Overdue || (state == BoardState.Draft && today > due));
            }

            var late = report.SubmittedAtUtc is { } at ? DateOnly.FromDateTime(clock.ToLocal(at)) > due : today > due;
            var shown = report.State switch
            {
                ReportState.Submitted => BoardState.Submitted,
                ReportState.Returned => BoardState.Returned,
                ReportState.Approved => BoardState.Approved,
                _ => BoardState.Draft,
            };
            return new BoardCell(period, shown, late);
        }).ToList())).ToList();
    }

    /// <summary>The caller's months with a unit not yet submitted, oldest first (within the last two years).</summary>
    public async Task<IReadOnlyList<Period>> OutstandingAsync(CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = LastFullMonth;
        var first = last.AddMonths(-23);
        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary && u.Status != UnitStatus.Closed)
            .Select(u => new { u.Id, u.OpenedOn }).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToList();
        var done = (await db.MonthlyReports.AsNoTracking()
                .Where(r => ids.Contains(r.UnitId) && r.PeriodKey >= first.Key && (r.State == ReportState.Submitted || r.State == ReportState.Approved))
                .Select(r => new { r.UnitId, r.PeriodKey })
                .ToListAsync(ct))
            .Select(r => (r.UnitId, r.PeriodKey))
            .ToHashSet();
        return Period.Range(first, last)
            .Where(p => units.Any(u => (u.OpenedOn is null || p >= Period.Of(u.OpenedOn.Value)) && !done.Contains((u.Id, p.Key))))
            .ToList();
    }

    /// <summary>The anomaly flags of every value of a month across the caller's scope (the bench runs this for the network).</summary>
    public async Task<int> CountFlagsAsync(Period period, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Units.AsNoTracking().InScopeOf(actor).Select(u => u.Id).ToListAsync(ct);
        var facts = await FactsAsync(db, ids, period, ct);
        return facts.Values.Where(v => v.Key.PeriodKey == period.Key)
            .Sum(v => FlagsFor(facts, v.Key.UnitId, v.Key.IndicatorId, v.Value.Value, period).Count);
    }

    internal static async Task<List<Indicator>> ActiveIndicatorsAsync(BranchNetworkDbContext db, CancellationToken ct) =>
        await db.Indicators.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync(ct);

    private async Task<int> ReviewAsync(string unitCode, Period period, int expectedVersion, Action<MonthlyReport, Actor> review, CancellationToken ct)
    {
        var actor = await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = Normalize(unitCode);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == code, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, null, unitCode);
        var report = await LoadReportAsync(db, unit, period, expectedVersion, ct);
        review(report, actor);
        await SaveAsync(db, unit, period, null, ct);
        return report.Version;
    }

    /// <returns>One item per report, in the order of <paramref name="reports"/>.</returns>
    private async Task<List<ReviewItem>> ToReviewItemsAsync(BranchNetworkDbContext db, List<MonthlyReport> reports, CancellationToken ct)
    {
        var items = new Dictionary<MonthlyReport, ReviewItem>();
        foreach (var byPeriod in reports.GroupBy(r => r.PeriodKey))
        {
            var period = Period.FromKey(byPeriod.Key);
            var facts = await FactsAsync(db, byPeriod.Select(r => r.UnitId).Distinct().ToList(), period, ct);
            foreach (var r in byPeriod)
            {
                items[r] = new ReviewItem(
                    r.Unit.Code,
                    r.Unit.Name,
                    r.Unit.Parent?.Name,
                    period,
                    r.Revision,
                    r.Version,
                    r.SubmittedAtUtc,
                    r.SubmittedBy,
                    r.SubmittedAtUtc is { } at && DateOnly.FromDateTime(clock.ToLocal(at)) > DueOn(period),
                    r.Values.OrderBy(v => v.Indicator.SortOrder)
                        .Select(v => ReviewValue.Of(v, FlagsFor(facts, r.UnitId, v.IndicatorId, v.Value, period),
                            facts.Value(r.UnitId, period.Previous, v.IndicatorId)?.Value, facts.Value(r.UnitId, period.SameMonthLastYear, v.IndicatorId)?.Value))
                        .ToList());
            }
        }

        return reports.Select(r => items[r]).ToList();
    }

    /// <summary>The returns of some reports by report id, oldest first, each with its comments on single values.</summary>
    private static async Task<ILookup<int, ReportReturn>> ReturnsAsync(BranchNetworkDbContext db, List<int> reportIds, CancellationToken ct) =>
        (await db.ReportReturns.AsNoTracking()
            .Where(r => reportIds.Contains(r.ReportId))
            .Include(r => r.Notes).ThenInclude(n => n.Indicator)
            .OrderBy(r => r.ReturnedAtUtc).ThenBy(r => r.Id)
            .ToListAsync(ct))
        .ToLookup(r => r.ReportId);

    /// <summary>A branch or service point in the caller's scope, for a month it can report.</summary>
    private async Task<Unit> ReportingUnitAsync(BranchNetworkDbContext db, Actor actor, string unitCode, Period period, CancellationToken ct)
    {
        var code = Normalize(unitCode);
        var unit = await db.Units.InScopeOf(actor).FirstOrDefaultAsync(u => u.Code == code && u.Kind != UnitKind.HeadLibrary, ct)
            ?? throw new DomainException(ErrorCodes.UnitNotFound, null, unitCode);
        if (period > LastFullMonth)
        {
            throw new DomainException(ErrorCodes.ReportFutureMonth, null, period.ToString());
        }

        if (!IsReportable(unit, period))
        {
            throw new DomainException(ErrorCodes.ReportBeforeOpening, null, unit.Name, period.ToString());
        }

        return unit;
    }

    private static bool Holds(ReportValue? held, decimal? value, string? explanation) =>
        held is not null && held.Value == value && held.Explanation == (string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim());

    private static bool IsReportable(Unit unit, Period period) => unit.OpenedOn is not { } opened || period >= Period.Of(opened);

    private static async Task<MonthlyReport> LoadReportAsync(BranchNetworkDbContext db, Unit unit, Period period, int expectedVersion, CancellationToken ct)
    {
        var report = await db.MonthlyReports.Include(r => r.Values).ThenInclude(v => v.Indicator)
                .FirstOrDefaultAsync(r => r.UnitId == unit.Id && r.PeriodKey == period.Key, ct)
            ?? throw new DomainException(ErrorCodes.ReportNotFound, null, unit.Name, period.ToString());
        if (report.Version != expectedVersion)
        {
            throw Conflict(unit, period, null, null);
        }

        return report;
    }

    private static async Task SaveAsync(BranchNetworkDbContext db, Unit unit, Period period, decimal? mine, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseProvider.IsUniqueViolation(e))
        {
            // Someone saved between our read and our write, or two people started the same month's report at once.
            throw Conflict(unit, period, null, mine);
        }
    }

    /// <summary>The second of two editors learns both values: the one saved meanwhile, and theirs (not saved).</summary>
    private static ConcurrencyConflictException Conflict(Unit unit, Period period, decimal? theirs, decimal? mine) =>
        new(ErrorCodes.ReportChangedMeanwhile, unit.Name, period.ToString(), Text(theirs), Text(mine));

    private static string Text(decimal? value) => value?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private IReadOnlyList<AnomalyFlag> FlagsFor(Facts facts, int unitId, int indicatorId, decimal? value, Period period) =>
        Flags(Options.Anomaly, facts.Closures, p => facts.Value(unitId, p, indicatorId)?.Value, unitId,
            facts.AnnualIndicatorIds.Contains(indicatorId) ? IndicatorFrequency.Annual : IndicatorFrequency.Monthly, value, period);

    /// <summary>The anomaly flags of one value against the unit's own history of that indicator (<paramref name="history"/> of a month).</summary>
    internal static IReadOnlyList<AnomalyFlag> Flags(AnomalyOptions anomaly, IReadOnlyList<Closure> closures, Func<Period, decimal?> history, int unitId,
        IndicatorFrequency frequency, decimal? value, Period period) =>
        Flags(anomaly, new MonthsBefore(period, p => ClosureCalendar.For(closures, unitId, p), history), frequency, value);

    /// <summary>
    /// The same, with the unit's months read from <paramref name="months"/>: an import reads them from arrays it fills
    /// once (77,000 values, each reading 25 months: through delegates and dictionaries this was a third of the import).
    /// </summary>
    internal static IReadOnlyList<AnomalyFlag> Flags<TMonths>(AnomalyOptions anomaly, in TMonths months, IndicatorFrequency frequency, decimal? value)
        where TMonths : struct, IMonthsBack
    {
        if (frequency == IndicatorFrequency.Annual)
        {
            // A year-end figure has one predecessor, last year's; a closed December does not empty the shelves.
            return AnomalyRules.CheckSorting(value, [], months.ValueBack(MonthsBack.LastYear), MonthClosure.Open, anomaly);
        }

        var length = Math.Max(0, anomaly.HistoryMonths);
        var trailing = length <= 64 ? stackalloc decimal[length] : new decimal[length];
        var count = 0;
        for (var back = 1; back <= anomaly.HistoryMonths; back++)
        {
            if (months.ClosureBack(back) == MonthClosure.Open && months.ValueBack(back) is { } earlier)
            {
                trailing[count++] = earlier;
            }
        }

        return AnomalyRules.CheckSorting(value, trailing[..count], months.ValueBack(MonthsBack.LastYear), months.ClosureBack(0), anomaly);
    }

    /// <summary>A unit's months before <paramref name="Period"/> through two lookups by month (the entry form's and the review's checks).</summary>
    private readonly record struct MonthsBefore(Period Period, Func<Period, MonthClosure> ClosureOf, Func<Period, decimal?> ValueOf) : IMonthsBack
    {
        public MonthClosure ClosureBack(int back) => ClosureOf(Period.AddMonths(-back));

        public decimal? ValueBack(int back) => ValueOf(Period.AddMonths(-back));
    }

    /// <summary>Everything the checks need about some units around a month, loaded in four small queries.</summary>
    private async Task<Facts> FactsAsync(BranchNetworkDbContext db, List<int> unitIds, Period period, CancellationToken ct)
    {
        var firstKey = period.AddMonths(-Math.Max(12, Options.Anomaly.HistoryMonths)).Key;
        var rows = await (from r in db.MonthlyReports.AsNoTracking()
                          where unitIds.Contains(r.UnitId) && r.PeriodKey >= firstKey && r.PeriodKey <= period.Key
                          from v in r.Values
                          select new { r.UnitId, r.PeriodKey, v.IndicatorId, v.Value, v.Explanation })
            .ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().ToListAsync(ct);
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => unitIds.Contains(r.UnitId) && r.PeriodKey == period.Key)
            .Select(r => new ReportHead(r.Id, r.UnitId, r.PeriodKey, r.State, r.Revision, r.Version, r.Comment))
            .ToListAsync(ct);
        var annual = await db.Indicators.AsNoTracking().Where(i => i.Frequency == IndicatorFrequency.Annual).Select(i => i.Id).ToListAsync(ct);
        return new Facts(
            rows.ToDictionary(r => (r.UnitId, r.PeriodKey, r.IndicatorId), r => new CellFact(r.Value, r.Explanation)),
            reports.ToDictionary(r => (r.UnitId, r.PeriodKey)),
            closures,
            [.. annual]);
    }

    private static string Normalize(string code) => code.Trim().ToUpperInvariant();

    private sealed record CellFact(decimal? Value, string? Explanation);

    private sealed record ReportHead(int Id, int UnitId, int PeriodKey, ReportState State, int Revision, int Version, string? Comment);

    private sealed record Facts(
        Dictionary<(int UnitId, int PeriodKey, int IndicatorId), CellFact> Values,
        Dictionary<(int UnitId, int PeriodKey), ReportHead> Reports,
        List<Closure> Closures,
        HashSet<int> AnnualIndicatorIds)
    {
        public CellFact? Value(int unitId, Period period, int indicatorId) => Values.GetValueOrDefault((unitId, period.Key, indicatorId));
    }
}
