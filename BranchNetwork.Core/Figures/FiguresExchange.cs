using System.Globalization;
using System.IO.Compression;
using System.Text;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace BranchNetwork.Core.Figures;

public enum ExchangeFormat
{
    Xlsx,
    Csv,
}

/// <summary>A problem with one cell (or row, or the whole file) of an import.</summary>
public sealed record ImportError(int Row, string? Column, string Code, IReadOnlyList<object> Args);

/// <summary>A report an import left as a draft: a value is flagged and only the entry form can explain it.</summary>
public sealed record ImportDraft(string UnitCode, string UnitName, string BranchCode, Period Period, IReadOnlyList<string> FlaggedIndicators);

/// <param name="Unlisted">Problems found beyond the listed <see cref="Errors"/> (<see cref="ImportLimits.MaxProblems"/>).</param>
public sealed record ImportResult(bool Applied, int Reports, int Values, string? DetectedEncoding, IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportDraft>? Drafts = null, int Unlisted = 0)
{
    public static ImportResult Rejected(params ImportError[] errors) => new(false, 0, 0, null, errors);
}

/// <summary>
/// Excel and CSV in one layout: one row per unit and month (<c>unit_code</c>, <c>unit_name</c>, <c>month</c>,
/// <c>state</c>), then one column per indicator code. An import is checked whole and applied in one transaction, or
/// rejected with every row/column error; exports neutralise text that a spreadsheet would run as a formula.
/// </summary>
public sealed class FiguresExchange(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    CountyClock clock,
    FiguresService figures,
    IOptions<FiguresOptions> options)
{
    public const string UnitCodeColumn = "unit_code";
    public const string UnitNameColumn = "unit_name";
    public const string MonthColumn = "month";
    public const string StateColumn = "state";

    private static readonly string[] FixedColumns = [UnitCodeColumn, UnitNameColumn, MonthColumn, StateColumn];

    public static string ContentType(ExchangeFormat format) => format == ExchangeFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    /// <summary>A year of the caller's reports (every state), one row per unit and month.</summary>
    public async Task<byte[]> ExportAsync(int year, ExchangeFormat format, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicators = await FiguresService.ActiveIndicatorsAsync(db, ct);
        var (from, to) = (new Period(year, 1).Key, new Period(year, 12).Key);
        var units = db.Units.InScopeOf(actor);
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => units.Any(u => u.Id == r.UnitId) && r.PeriodKey >= from && r.PeriodKey <= to)
            .Include(r => r.Unit)
            .Include(r => r.Values)
            .OrderBy(r => r.Unit.Code).ThenBy(r => r.PeriodKey)
            .ToListAsync(ct);
        var rows = reports.Select(r =>
        {
            var row = new Dictionary<string, object?>
            {
                [UnitCodeColumn] = Neutralise(r.Unit.Code),
                [UnitNameColumn] = Neutralise(r.Unit.Name),
                [MonthColumn] = r.Period.ToString(),
                [StateColumn] = r.State.ToString(),
            };
            foreach (var indicator in indicators)
            {
                row[indicator.Code] = r.ValueOf(indicator.Id)?.Value;
            }

            return row;
        }).ToList();
        return ExchangeFile.Write(rows, [.. FixedColumns, .. indicators.Select(i => i.Code)], format);
    }

    /// <summary>An empty sheet in the import layout, with one example row per unit of the caller for the last month.</summary>
    public async Task<byte[]> TemplateAsync(ExchangeFormat format, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicators = await FiguresService.ActiveIndicatorsAsync(db, ct);
        var month = figures.LastFullMonth.ToString();
        var rows = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        return ExchangeFile.Write(
            rows.Select(u => new Dictionary<string, object?> { [UnitCodeColumn] = u.Code, [UnitNameColumn] = Neutralise(u.Name), [MonthColumn] = month, [StateColumn] = null })
                .ToList(),
            [.. FixedColumns, .. indicators.Select(i => i.Code)],
            format);
    }

    /// <summary>Checks a whole file and applies it in one transaction, or applies nothing and lists every problem.</summary>
    /// <param name="approve">Head staff may land the imported reports as approved instead of submitted.</param>
    public async Task<ImportResult> ImportAsync(Stream content, string fileName, bool approve, CancellationToken ct = default)
    {
        var actor = await currentUser.UnitEditorAsync();

        if (approve && !actor.CanEditNetwork)
        {
            throw new AccessDeniedException();
        }

        var (table, encoding, fileError) = await ExchangeFile.ReadAsync(content, fileName, options.Value, ct);
        if (fileError is not null)
        {
            return ImportResult.Rejected(fileError);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await CheckAsync(db, actor, table!, ct);
        if (plan.Problems.Count > 0)
        {
            return new ImportResult(false, 0, 0, encoding, plan.Problems.Listed, Unlisted: plan.Problems.Unlisted);
        }

        var now = clock.UtcNow;
        var drafts = plan.Rows.Where(r => r.IsFlagged).Select(r => new ImportDraft(r.UnitCode, r.UnitName, r.BranchCode, r.Period, r.Flagged)).ToList();
        // A connection lost anywhere in the transaction (the bulk copy, the commit) reaches the user as the retry message;
        // nothing of the import is kept then.
        await db.Database.InTransactionAsync(async () =>
        {
            foreach (var row in plan.Rows.Where(r => r.Existing is not null))
            {
                row.Existing!.ReplaceByImport(row.Values, row.FlagsByIndicator(), approve, actor.Name, now);
            }

            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now,
                UserId = actor.UserId,
                UserName = actor.Name,
                EntityType = AuditEntities.Report,
                EntityKey = Truncate(fileName, AuditEntry.EntityKeyMaxLength),
                Action = AuditActions.Imported,
                Changes = System.Text.Json.JsonSerializer.Serialize(new[]
                {
                    new FieldChange("Reports", null, plan.Rows.Count.ToString(CultureInfo.InvariantCulture)),
                    new FieldChange("Months", null, $"{plan.Rows.Min(r => r.Period)} – {plan.Rows.Max(r => r.Period)}"),
                    new FieldChange("State", null, approve ? nameof(ReportState.Approved) : nameof(ReportState.Submitted)),
                    new FieldChange("Drafts", null, drafts.Count.ToString(CultureInfo.InvariantCulture)),
                }, AuditJson.Default.FieldChangeArray),
            });
            await db.SaveChangesAsync(ct);

            var state = approve ? ReportState.Approved : ReportState.Submitted;
            await FiguresBulkWriter.InsertAsync(db, plan.Rows.Where(r => r.Existing is null).Select(r => r.IsFlagged
                ? new BulkReport(r.UnitId, r.Period.Key, ReportState.Draft, null, null, null, null, null,
                    r.Values.Select(v => (v.Indicator.Id, (decimal?)v.Value, (string?)null)).ToList())
                : new BulkReport(r.UnitId, r.Period.Key, state, now, actor.Name, approve ? now : null, approve ? actor.Name : null, null,
                    r.Values.Select(v => (v.Indicator.Id, (decimal?)v.Value, (string?)null)).ToList(), CheckedUnflagged: true)).ToList(), ct);
        }, ct);
        await db.Database.RefreshPlannerStatisticsAsync(ct);
        return new ImportResult(true, plan.Rows.Count, plan.Rows.Sum(r => r.Values.Count), encoding, [], drafts);
    }

    /// <param name="Flags">Each value's flags, in the order of <paramref name="Values"/>.</param>
    /// <param name="Flagged">The names of the values flagged and not explained, which keep the report a draft.</param>
    private sealed record PlannedRow(int UnitId, string UnitCode, string UnitName, string BranchCode, Period Period, MonthlyReport? Existing,
        IReadOnlyList<(Indicator Indicator, decimal Value)> Values, IReadOnlyList<AnomalyFlag>[] Flags, IReadOnlyList<string> Flagged)
    {
        public bool IsFlagged => Flagged.Count > 0;

        public Dictionary<int, IReadOnlyList<AnomalyFlag>> FlagsByIndicator() => Values.Select((v, i) => (v.Indicator.Id, Flags[i])).ToDictionary(f => f.Id, f => f.Item2);
    }

    private sealed record Plan(List<PlannedRow> Rows, ImportProblems Problems);

    private async Task<Plan> CheckAsync(BranchNetworkDbContext db, Actor actor, ImportTable table, CancellationToken ct)
    {
        var limits = options.Value.Import;
        var errors = new ImportProblems(limits);
        var rows = new List<PlannedRow>();
        void Error(int row, string? column, string code, params object[] args) => errors.Add(row, column, code, args);
        string Echoed(string text) => ExchangeFile.Echo(text, limits);

        var headers = table.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { UnitCodeColumn, MonthColumn })
        {
            if (!headers.Contains(required))
            {
                Error(1, required, ErrorCodes.ImportMissingColumn, required);
            }
        }

        var indicators = (await FiguresService.ActiveIndicatorsAsync(db, ct)).ToDictionary(i => i.Code);
        foreach (var header in headers.Where(h => h.Length > 0 && !FixedColumns.Contains(h) && !indicators.ContainsKey(h)))
        {
            Error(1, header, ErrorCodes.ImportUnknownIndicator, Echoed(header));
        }

        if (errors.Count > 0)
        {
            return new Plan(rows, errors);
        }

        var units = await db.Units.AsNoTracking().InScopeOf(actor).Where(u => u.Kind != UnitKind.HeadLibrary).ToDictionaryAsync(u => u.Code, ct);
        // Each column's place is looked up once, and each kind of unit's indicators listed once, not per row and cell.
        var columnOf = new Dictionary<string, int>();
        for (var c = 0; c < headers.Count; c++)
        {
            columnOf.TryAdd(headers[c], c);
        }

        var (unitColumn, monthColumn) = (columnOf[UnitCodeColumn], columnOf[MonthColumn]);
        var columnsByKind = Enum.GetValues<UnitKind>().ToDictionary(kind => kind, kind => indicators.Values.Where(ind => ind.AppliesToKind(kind))
            .Select(ind => (Indicator: ind, Column: columnOf.GetValueOrDefault(ind.Code, -1))).ToArray());
        var lastFullMonth = figures.LastFullMonth;
        var wanted = new HashSet<(int UnitId, int PeriodKey)>();
        var seen = new Dictionary<(string Unit, int Period), int>();
        var parsed = new List<(int Row, Unit Unit, Period Period, List<(Indicator, decimal)> Values)>(table.Rows.Count);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var rowNumber = i + 2;
            var cells = table.Rows[i];
            string Cell(int column) => column >= 0 && cells.TryGetValue(column, out var v) ? v.Trim() : "";
            if (IsBlank(cells))
            {
                continue;
            }

            var code = Cell(unitColumn).ToUpperInvariant();
            if (!units.TryGetValue(code, out var unit))
            {
                Error(rowNumber, UnitCodeColumn, ErrorCodes.ImportUnknownUnit, Echoed(code));
                continue;
            }

            if (!Period.TryParse(Cell(monthColumn), out var period))
            {
                Error(rowNumber, MonthColumn, ErrorCodes.ImportBadMonth, Echoed(Cell(monthColumn)));
                continue;
            }

            if (period > lastFullMonth)
            {
                Error(rowNumber, MonthColumn, ErrorCodes.ReportFutureMonth, period.ToString());
                continue;
            }

            if (unit.OpenedOn is { } opened && period < Period.Of(opened))
            {
                Error(rowNumber, MonthColumn, ErrorCodes.ReportBeforeOpening, unit.Name, period.ToString());
                continue;
            }

            if (seen.TryGetValue((code, period.Key), out var firstRow))
            {
                Error(rowNumber, MonthColumn, ErrorCodes.ImportDuplicateRow, code, period.ToString(), firstRow);
                continue;
            }

            seen[(code, period.Key)] = rowNumber;
            var applying = columnsByKind[unit.Kind];
            var values = new List<(Indicator, decimal)>(applying.Length);
            foreach (var (indicator, column) in applying)
            {
                var text = Cell(column);
                if (!indicator.Frequency.Includes(period))
                {
                    if (text.Length > 0)
                    {
                        Error(rowNumber, indicator.Code, ErrorCodes.FigureAnnualOnly, indicator.Name);
                    }

                    continue;
                }

                if (text.Length == 0)
                {
                    Error(rowNumber, indicator.Code, ErrorCodes.ImportMissingValue, indicator.NameZh);
                    continue;
                }

                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    Error(rowNumber, indicator.Code, ErrorCodes.FigureNotANumber, Echoed(text));
                    continue;
                }

                if (indicator.ProblemWith(value) is { } problem)
                {
                    Error(rowNumber, indicator.Code, problem.Code, problem.Args);
                    continue;
                }

                values.Add((indicator, value));
            }

            parsed.Add((rowNumber, unit, period, values));
            wanted.Add((unit.Id, period.Key));
        }

        if (errors.Count > 0)
        {
            return new Plan(rows, errors);
        }

        if (parsed.Count == 0)
        {
            Error(0, null, ErrorCodes.ImportEmpty);
            return new Plan(rows, errors);
        }

        var unitIds = parsed.Select(p => p.Unit.Id).Distinct().ToList();
        var keys = parsed.Select(p => p.Period.Key).Distinct().ToList();
        // Most imports bring new months: the reports they replace are loaded whole (tracked, with their values and the
        // indicators these name) only when the file names some. (The query with its includes cost a first import 0.1 s to compile.)
        var found = (await db.MonthlyReports.Where(r => unitIds.Contains(r.UnitId) && keys.Contains(r.PeriodKey))
                .Select(r => new { r.Id, r.UnitId, r.PeriodKey }).ToListAsync(ct))
            .Where(r => wanted.Contains((r.UnitId, r.PeriodKey))).Select(r => r.Id).ToList();
        var existing = found.Count == 0 ? [] : (await db.MonthlyReports
                .Include(r => r.Unit)
                .Include(r => r.Values).ThenInclude(v => v.Indicator)
                .Where(r => found.Contains(r.Id))
                .ToListAsync(ct))
            .ToDictionary(r => (r.UnitId, r.PeriodKey));
        var tracked = found.Count == 0 ? null : await db.Indicators.ToDictionaryAsync(i => i.Id, ct);
        var history = new ImportHistory(unitIds, [.. indicators.Values.Select(i => i.Id)], Period.FromKey(keys.Min()).AddMonths(-Math.Max(12, options.Value.Anomaly.HistoryMonths)),
            Period.FromKey(keys.Max()), await db.Closures.AsNoTracking().ToListAsync(ct));
        await history.LoadAsync(db, ct);
        foreach (var (_, unit, period, values) in parsed)
        {
            foreach (var (indicator, value) in values)
            {
                history.Set(unit.Id, period, indicator.Id, value);
            }
        }

        var codeOf = units.Values.ToDictionary(u => u.Id, u => u.Code);
        foreach (var (row, unit, period, values) in parsed)
        {
            var report = existing.GetValueOrDefault((unit.Id, period.Key));
            if (report?.State == ReportState.Approved)
            {
                Error(row, MonthColumn, ErrorCodes.ReportAlreadyApproved, $"{unit.Name} {period}");
                continue;
            }

            // The entry form's checks: each value against the unit's own history, the file's other months included.
            var planned = new (Indicator Indicator, decimal Value)[values.Count];
            var flags = new IReadOnlyList<AnomalyFlag>[values.Count];
            List<string>? flagged = null;
            for (var v = 0; v < values.Count; v++)
            {
                var (indicator, value) = values[v];
                planned[v] = (tracked?[indicator.Id] ?? indicator, value);
                flags[v] = FiguresService.Flags(options.Value.Anomaly, history.Back(unit.Id, period, indicator.Id), indicator.Frequency, value);
                // A value is flagged and not explained (an import carries no explanations; the entry form keeps them).
                if (flags[v].Count > 0 && report?.ValueOf(indicator.Id)?.Explanation is null)
                {
                    (flagged ??= []).Add(planned[v].Indicator.NameZh);
                }
            }

            var branchCode = unit.Kind == UnitKind.Branch ? unit.Code : unit.ParentId is { } parent && codeOf.TryGetValue(parent, out var parentCode) ? parentCode : unit.Code;
            rows.Add(new PlannedRow(unit.Id, unit.Code, unit.Name, branchCode, period, report, planned, flags, flagged ?? []));
        }

        return new Plan(rows, errors);
    }

    /// <summary>
    /// The saved values and closures of the units an import names, from some months before its first month to its last,
    /// with the file's own values laid over them: by unit, month and indicator in one array, as the checks read them.
    /// </summary>
    private sealed class ImportHistory(List<int> unitIds, int[] indicatorIds, Period first, Period last, List<Closure> closures)
    {
        private readonly List<int> unitIds = unitIds;
        private readonly int[] indicatorIds = indicatorIds;
        private readonly List<Closure> closures = closures;
        private readonly Dictionary<int, int> unitIndex = unitIds.Select((id, i) => (id, i)).ToDictionary(u => u.id, u => u.i);
        private readonly Dictionary<int, int> indicatorIndex = indicatorIds.Select((id, i) => (id, i)).ToDictionary(u => u.id, u => u.i);
        private readonly int months = Months(last) - Months(first) + 1;
        private decimal?[] values = [];
        private MonthClosure?[] closed = [];

        public async Task LoadAsync(BranchNetworkDbContext db, CancellationToken ct)
        {
            values = new decimal?[unitIds.Count * months * indicatorIds.Length];
            closed = new MonthClosure?[unitIds.Count * months];
            var (firstKey, lastKey) = (first.Key, last.Key);
            var saved = (from r in db.MonthlyReports.AsNoTracking()
                         where unitIds.Contains(r.UnitId) && r.PeriodKey >= firstKey && r.PeriodKey <= lastKey
                         from v in r.Values
                         select new { r.UnitId, r.PeriodKey, v.IndicatorId, v.Value }).AsAsyncEnumerable();
            await foreach (var s in saved.WithCancellation(ct))
            {
                Set(s.UnitId, Period.FromKey(s.PeriodKey), s.IndicatorId, s.Value);
            }
        }

        public void Set(int unitId, Period period, int indicatorId, decimal? value)
        {
            if (indicatorIndex.TryGetValue(indicatorId, out var indicator))
            {
                values[Slot(unitIndex[unitId], Months(period) - Months(first)) * indicatorIds.Length + indicator] = value;
            }
        }

        /// <summary>The months before <paramref name="period"/> of one unit and indicator.</summary>
        public MonthsBack Back(int unitId, Period period, int indicatorId) =>
            new(this, unitIndex[unitId], Months(period) - Months(first), indicatorIndex[indicatorId], period);

        private int Slot(int unit, int month) => unit * months + month;

        private static int Months(Period period) => period.Year * 12 + period.Month - 1;

        internal readonly struct MonthsBack(ImportHistory history, int unit, int month, int indicator, Period period) : IMonthsBack
        {
            public MonthClosure ClosureBack(int back)
            {
                var at = month - back;
                if (at < 0 || at >= history.months)
                {
                    return ClosureCalendar.For(history.closures, history.unitIds[unit], period.AddMonths(-back));
                }

                // A unit's closure of a month is the same for each of its values: found once (77,000 values ask it two million times).
                ref var closure = ref history.closed[history.Slot(unit, at)];
                return closure ??= ClosureCalendar.For(history.closures, history.unitIds[unit], period.AddMonths(-back));
            }

            public decimal? ValueBack(int back)
            {
                var at = month - back;
                return at < 0 || at >= history.months ? null : history.values[history.Slot(unit, at) * history.indicatorIds.Length + indicator];
            }
        }
    }

    private static bool IsBlank(Dictionary<int, string> cells)
    {
        foreach (var cell in cells.Values)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;
}
