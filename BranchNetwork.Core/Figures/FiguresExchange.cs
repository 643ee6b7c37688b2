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

    static FiguresExchange() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

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
        return Write(rows, [.. FixedColumns, .. indicators.Select(i => i.Code)], format);
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
        return Write(
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

        var bytes = await ReadBoundedAsync(content, options.Value.MaxImportBytes, ct);
        if (bytes is null)
        {
            return ImportResult.Rejected(new ImportError(0, null, ErrorCodes.ImportTooLarge, [options.Value.MaxImportBytes / 1024 / 1024]));
        }

        if (bytes.Length == 0)
        {
            return ImportResult.Rejected(new ImportError(0, null, ErrorCodes.ImportEmpty, []));
        }

        var limits = options.Value.Import;
        var (table, encoding, fileError) = ReadTable(bytes, fileName, limits);
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
        var drafts = plan.Rows.Where(r => r.IsFlagged).Select(r => new ImportDraft(r.UnitCode, r.UnitName, r.BranchCode, r.Period,
            r.Values.Where(v => r.Flags[v.Indicator.Id].Count > 0 && r.Existing?.ValueOf(v.Indicator.Id)?.Explanation is null).Select(v => v.Indicator.NameZh).ToList()))
            .Where(d => d.FlaggedIndicators.Count > 0)
            .ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in plan.Rows.Where(r => r.Existing is not null))
        {
            row.Existing!.ReplaceByImport(row.Values, row.Flags, approve, actor.Name, now);
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
        await transaction.CommitAsync(ct);
        await db.Database.RefreshPlannerStatisticsAsync(ct);
        return new ImportResult(true, plan.Rows.Count, plan.Rows.Sum(r => r.Values.Count), encoding, [], drafts);
    }

    private sealed record PlannedRow(int UnitId, string UnitCode, string UnitName, string BranchCode, Period Period, MonthlyReport? Existing,
        IReadOnlyList<(Indicator Indicator, decimal Value)> Values, IReadOnlyDictionary<int, IReadOnlyList<AnomalyFlag>> Flags)
    {
        /// <summary>A value is flagged and not explained (an import carries no explanations; the entry form keeps them).</summary>
        public bool IsFlagged => Values.Any(v => Flags[v.Indicator.Id].Count > 0 && Existing?.ValueOf(v.Indicator.Id)?.Explanation is null);
    }

    private sealed record Plan(List<PlannedRow> Rows, Problems Problems);

    /// <summary>Every problem is counted; the first <see cref="ImportLimits.MaxProblems"/> are listed, with file text cut short.</summary>
    private sealed class Problems(ImportLimits limits)
    {
        public List<ImportError> Listed { get; } = [];

        public int Unlisted { get; private set; }

        public int Count => Listed.Count + Unlisted;

        public void Add(int row, string? column, string code, params object[] args)
        {
            if (Listed.Count < limits.MaxProblems)
            {
                Listed.Add(new ImportError(row, column is null ? null : Echo(column, limits), code, args));
            }
            else
            {
                Unlisted++;
            }
        }
    }

    private async Task<Plan> CheckAsync(BranchNetworkDbContext db, Actor actor, ImportTable table, CancellationToken ct)
    {
        var limits = options.Value.Import;
        var errors = new Problems(limits);
        var rows = new List<PlannedRow>();
        void Error(int row, string? column, string code, params object[] args) => errors.Add(row, column, code, args);
        string Echoed(string text) => Echo(text, limits);

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
        var wanted = new HashSet<(int UnitId, int PeriodKey)>();
        var seen = new Dictionary<(string Unit, int Period), int>();
        var parsed = new List<(int Row, Unit Unit, Period Period, List<(Indicator, decimal)> Values)>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var rowNumber = i + 2;
            var cells = table.Rows[i];
            string Cell(string column) => cells.TryGetValue(headers.IndexOf(column), out var v) ? v.Trim() : "";
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var code = Cell(UnitCodeColumn).ToUpperInvariant();
            if (!units.TryGetValue(code, out var unit))
            {
                Error(rowNumber, UnitCodeColumn, ErrorCodes.ImportUnknownUnit, Echoed(code));
                continue;
            }

            if (!Period.TryParse(Cell(MonthColumn), out var period))
            {
                Error(rowNumber, MonthColumn, ErrorCodes.ImportBadMonth, Echoed(Cell(MonthColumn)));
                continue;
            }

            if (period > figures.LastFullMonth)
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
            var values = new List<(Indicator, decimal)>();
            foreach (var indicator in indicators.Values.Where(ind => ind.AppliesToKind(unit.Kind)))
            {
                var text = Cell(indicator.Code);
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

                try
                {
                    indicator.CheckValue(value, indicator.Code);
                    values.Add((indicator, value));
                }
                catch (DomainException e)
                {
                    Error(rowNumber, indicator.Code, e.Code, [.. e.Args]);
                }
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
        var existing = (await db.MonthlyReports
                .Include(r => r.Unit)
                .Include(r => r.Values).ThenInclude(v => v.Indicator)
                .Where(r => unitIds.Contains(r.UnitId) && keys.Contains(r.PeriodKey))
                .ToListAsync(ct))
            .Where(r => wanted.Contains((r.UnitId, r.PeriodKey)))
            .ToDictionary(r => (r.UnitId, r.PeriodKey));
        var tracked = await db.Indicators.ToDictionaryAsync(i => i.Id, ct);
        var history = await HistoryAsync(db, unitIds, Period.FromKey(keys.Min()), Period.FromKey(keys.Max()),
            Math.Max(12, options.Value.Anomaly.HistoryMonths), ct);
        foreach (var (_, unit, period, values) in parsed)
        {
            foreach (var (indicator, value) in values)
            {
                history[(unit.Id, period.Key, indicator.Id)] = value;
            }
        }

        var closures = await db.Closures.AsNoTracking().ToListAsync(ct);
        foreach (var (row, unit, period, values) in parsed)
        {
            var report = existing.GetValueOrDefault((unit.Id, period.Key));
            if (report?.State == ReportState.Approved)
            {
                Error(row, MonthColumn, ErrorCodes.ReportAlreadyApproved, $"{unit.Name} {period}");
                continue;
            }

            // The entry form's checks: each value against the unit's own history, the file's other months included.
            var flags = values.ToDictionary(v => v.Item1.Id, v => FiguresService.Flags(options.Value.Anomaly, closures,
                p => history.TryGetValue((unit.Id, p.Key, v.Item1.Id), out var h) ? h : null, unit.Id, v.Item1.Frequency, v.Item2, period));
            var branchCode = unit.Kind == UnitKind.Branch ? unit.Code : units.Values.FirstOrDefault(u => u.Id == unit.ParentId)?.Code ?? unit.Code;
            rows.Add(new PlannedRow(unit.Id, unit.Code, unit.Name, branchCode, period, report, values.Select(v => (tracked[v.Item1.Id], v.Item2)).ToList(), flags));
        }

        return new Plan(rows, errors);
    }

    /// <summary>Every saved value of some units from <paramref name="months"/> before the first month to the last, for the anomaly checks.</summary>
    private static async Task<Dictionary<(int UnitId, int PeriodKey, int IndicatorId), decimal?>> HistoryAsync(BranchNetworkDbContext db, List<int> unitIds,
        Period first, Period last, int months, CancellationToken ct)
    {
        var (firstKey, lastKey) = (first.AddMonths(-months).Key, last.Key);
        var rows = await (from r in db.MonthlyReports.AsNoTracking()
                          where unitIds.Contains(r.UnitId) && r.PeriodKey >= firstKey && r.PeriodKey <= lastKey
                          from v in r.Values
                          select new { r.UnitId, r.PeriodKey, v.IndicatorId, v.Value }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.UnitId, r.PeriodKey, r.IndicatorId), r => r.Value);
    }

    private sealed record ImportTable(List<string> Headers, List<Dictionary<int, string>> Rows);

    private static (ImportTable? Table, string? Encoding, ImportError? Error) ReadTable(byte[] bytes, string fileName, ImportLimits limits)
    {
        try
        {
            if (bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04)
            {
                return CheckPacking(bytes, limits) is { } packing ? (null, null, packing) : ReadXlsx(bytes, limits);
            }

            if (bytes.Length >= 4 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0)
            {
                return (null, null, new ImportError(0, null, ErrorCodes.ImportOldExcel, []));
            }

            var extension = Path.GetExtension(fileName).ToLowerInvariant();
            if (extension is not (".csv" or ".txt") || bytes.Take(512).Any(b => b == 0))
            {
                return (null, null, new ImportError(0, null, ErrorCodes.ImportWrongType, [Path.GetFileName(fileName)]));
            }

            var (text, encoding) = Decode(bytes);
            if (text is null)
            {
                return (null, null, new ImportError(0, null, ErrorCodes.ImportEncoding, []));
            }

            var (table, error) = ReadCsv(text, limits);
            return (table, encoding, error);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or InvalidOperationException or NotSupportedException or System.Xml.XmlException)
        {
            return (null, null, new ImportError(0, null, ErrorCodes.ImportUnreadable, [Path.GetFileName(fileName)]));
        }
    }

    /// <summary>UTF-8 (with or without BOM); failing that GB18030, which Excel on Chinese Windows writes as "CSV".</summary>
    private static (string? Text, string? Encoding) Decode(byte[] bytes)
    {
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, offset, bytes.Length - offset), null);
        }
        catch (DecoderFallbackException)
        {
            try
            {
                var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                return (gb.GetString(bytes), "GB18030");
            }
            catch (DecoderFallbackException)
            {
                return (null, null);
            }
        }
    }

    /// <summary>
    /// The parts of an .xlsx, before MiniExcel parses any of it: their sum unpacked (as declared, then as actually
    /// inflated, in case the zip's directory lies), how tightly each large one is packed, and the rows and columns its
    /// sheets name. (A sheet may name row 1,000,000 and imply every row before it: MiniExcel took 2.4 s and allocated
    /// 1.2 GB to hand over the first 20,000 of them.)
    /// </summary>
    private static ImportError? CheckPacking(byte[] bytes, ImportLimits limits)
    {
        var tooLarge = new ImportError(0, null, ErrorCodes.ImportUnpackedTooLarge, [(int)(limits.MaxUnpackedBytes / 1024 / 1024)]);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > limits.MaxUnpackedBytes)
        {
            return tooLarge;
        }

        if (zip.Entries.Any(e => e.Length > limits.RatioCheckedFrom && e.Length > limits.MaxCompressionRatio * Math.Max(1, e.CompressedLength)))
        {
            return new ImportError(0, null, ErrorCodes.ImportCompressionRatio, [limits.MaxCompressionRatio]);
        }

        var chunk = new byte[81920];
        var unpacked = 0L;
        foreach (var entry in zip.Entries)
        {
            using var part = entry.Open();
            int read;
            while ((read = part.Read(chunk)) > 0)
            {
                if ((unpacked += read) > limits.MaxUnpackedBytes)
                {
                    return tooLarge;
                }
            }
        }

        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
            .Select(e => CheckSheet(e, limits)).FirstOrDefault(e => e is not null);
    }

    /// <summary>The highest row and column a sheet's XML names (its dimension, its rows, its cells), in one streaming pass.</summary>
    private static ImportError? CheckSheet(ZipArchiveEntry sheet, ImportLimits limits)
    {
        using var reader = System.Xml.XmlReader.Create(sheet.Open(), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
        var (row, column) = (0, 0);
        while (reader.Read())
        {
            if (reader.NodeType != System.Xml.XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "dimension":
                    var (lastColumn, lastRow) = CellReference(reader.GetAttribute("ref")?.Split(':')[^1]);
                    (row, column) = (lastRow ?? 0, lastColumn ?? 0);
                    break;
                case "row":
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    break;
                case "c":
                    column = CellReference(reader.GetAttribute("r")).Column ?? column + 1;
                    break;
                default:
                    continue;
            }

            if (row > limits.MaxRows)
            {
                return new ImportError(0, null, ErrorCodes.ImportTooManyRows, [limits.MaxRows]);
            }

            if (column > limits.MaxColumns)
            {
                return new ImportError(0, null, ErrorCodes.ImportTooManyColumns, [limits.MaxColumns]);
            }
        }

        return null;
    }

    /// <summary>The 1-based column and row of a reference such as <c>XFD1048576</c>; null parts where it has none.</summary>
    private static (int? Column, int? Row) CellReference(string? reference)
    {
        var letters = reference?.TakeWhile(char.IsAsciiLetter).ToArray() ?? [];
        var column = letters.Length is > 0 and <= 3 ? letters.Aggregate(0, (n, l) => (n * 26) + char.ToUpperInvariant(l) - 'A' + 1) : (int?)null;
        var row = int.TryParse(reference.AsSpan(letters.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        return (column, row);
    }

    /// <summary>MiniExcel hands the rows over one at a time; the first that breaks a limit stops the reading.</summary>
    private static (ImportTable? Table, string? Encoding, ImportError? Error) ReadXlsx(byte[] bytes, ImportLimits limits)
    {
        using var stream = new MemoryStream(bytes);
        var table = new TableBuilder(limits);
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            if (!row.Values.All(value => table.Cell(Text(value))) || !table.EndRow())
            {
                return (null, null, table.Refusal);
            }
        }

        return (table.Table, null, null);
    }

    /// <summary>
    /// RFC 4180 CSV (commas, double quotes, CRLF or LF), read a character at a time so that a limit stops it before an
    /// over-long cell or row is built. (MiniExcel's CSV reader builds each line whole, and keeps the buffers of a 5 MB
    /// one: 213 MB still held after the import.)
    /// </summary>
    private static (ImportTable? Table, ImportError? Error) ReadCsv(string text, ImportLimits limits)
    {
        var table = new TableBuilder(limits);
        var cell = new StringBuilder();
        var (quoted, pending) = (false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            pending = true;
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"')
            {
                i++;
            }
            else if (c == '"' && (quoted || cell.Length == 0))
            {
                quoted = !quoted;
                continue;
            }
            else if (!quoted && c is ',' or '\n' or '\r')
            {
                if (!table.Cell(cell.ToString()) || (c != ',' && !table.EndRow()))
                {
                    return (null, table.Refusal);
                }

                cell.Clear();
                pending = c == ',';
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                continue;
            }

            if (!table.Fits(cell.Length + 1))
            {
                return (null, table.Refusal);
            }

            cell.Append(c);
        }

        return pending && (!table.Cell(cell.ToString()) || !table.EndRow()) ? (null, table.Refusal) : (table.Table, null);
    }

    /// <summary>The header and the rows of a file as a reader finds them, refused at the first limit they break.</summary>
    private sealed class TableBuilder(ImportLimits limits)
    {
        private readonly List<Dictionary<int, string>> rows = [];
        private Dictionary<int, string> row = [];
        private List<string>? headers;

        public ImportError? Refusal { get; private set; }

        public ImportTable Table => new(headers ?? [], rows);

        /// <summary>The sheet's number of the row being read (the header is row 1).</summary>
        private int RowNumber => rows.Count + (headers is null ? 1 : 2);

        /// <summary>Whether the row may have one more cell, and a cell of this length.</summary>
        public bool Fits(int length)
        {
            if (row.Count >= limits.MaxColumns)
            {
                Refusal = new ImportError(0, null, ErrorCodes.ImportTooManyColumns, [limits.MaxColumns]);
            }
            else if (length > limits.MaxCellLength)
            {
                Refusal = new ImportError(RowNumber, ColumnName(row.Count), ErrorCodes.ImportCellTooLong, [limits.MaxCellLength]);
            }

            return Refusal is null;
        }

        public bool Cell(string text)
        {
            if (Fits(text.Length))
            {
                row[row.Count] = text;
            }

            return Refusal is null;
        }

        public bool EndRow()
        {
            if (RowNumber > limits.MaxRows)
            {
                Refusal = new ImportError(0, null, ErrorCodes.ImportTooManyRows, [limits.MaxRows]);
                return false;
            }

            if (headers is null)
            {
                headers = [.. row.Values];
            }
            else
            {
                rows.Add(row);
            }

            row = [];
            return true;
        }

        /// <summary>A spreadsheet's name of a column: A … Z, AA …</summary>
        private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName((index / 26) - 1) + (char)('A' + (index % 26));
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static byte[] Write(List<Dictionary<string, object?>> rows, IReadOnlyList<string> columns, ExchangeFormat format)
    {
        using var stream = new MemoryStream();
        if (format == ExchangeFormat.Csv)
        {
            // Excel on Chinese Windows reads UTF-8 CSV correctly only when it starts with a byte-order mark.
            stream.Write(Encoding.UTF8.GetPreamble());
        }

        // MiniExcel takes the columns from the first row, so an empty export still carries the header.
        var data = rows.Count > 0 ? rows : [columns.ToDictionary(c => c, _ => (object?)null)];
        stream.SaveAs(data.Select(r => (IDictionary<string, object?>)r), excelType: format == ExchangeFormat.Xlsx ? ExcelType.XLSX : ExcelType.CSV);
        return stream.ToArray();
    }

    /// <summary>Text that a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static async Task<byte[]?> ReadBoundedAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>Text of the file repeated in a message, cut short so that a huge cell cannot fill the page.</summary>
    private static string Echo(string text, ImportLimits limits) => text.Length > limits.MaxEcho ? text[..limits.MaxEcho] + "…" : text;
}
