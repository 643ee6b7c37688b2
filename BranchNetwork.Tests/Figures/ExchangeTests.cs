using System.Globalization;
using System.Text;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BranchNetwork.Tests.Figures;

/// <summary>Excel/CSV import and export: round trips, whole-file checks, nothing half-applied.</summary>
public abstract class ExchangeTests(DatabaseKind kind) : IDisposable
{
    private static readonly Period Month = new(2026, 2);
    private readonly TestNetwork network = new(seedFigures: true, kind: kind);

    static ExchangeTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private FiguresExchange Exchange => (FiguresExchange)network.Services.GetService(typeof(FiguresExchange))!;

    public void Dispose() => network.Dispose();

    private static Dictionary<string, object?> Row(string unit, string month, Func<string, object?>? value = null)
    {
        var row = new Dictionary<string, object?> { ["unit_code"] = unit, ["month"] = month };
        var reportsAnnual = !Period.TryParse(month, out var period) || IndicatorFrequency.Annual.Includes(period);
        foreach (var (code, definition) in StandardIndicators.All)
        {
            row[code] = definition.Frequency == IndicatorFrequency.Annual && !reportsAnnual ? null : value is null ? 10 : value(code);
        }

        return row;
    }

    /// <summary>A row that repeats the unit's own previous month: values no anomaly check flags.</summary>
    private Dictionary<string, object?> Plausible(string unit, string month)
    {
        using var db = network.Database.CreateDbContext();
        var previous = Period.TryParse(month, out var p) ? p.Previous.Key : 0;
        var values = db.MonthlyReports.Where(r => r.Unit.Code == unit.ToUpperInvariant() && r.PeriodKey == previous).SelectMany(r => r.Values)
            .Select(v => new { v.Indicator.Code, v.Value }).ToDictionary(v => v.Code, v => v.Value);
        return Row(unit, month, code => values.TryGetValue(code, out var v) ? v : 0);
    }

    private static MemoryStream Xlsx(params Dictionary<string, object?>[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r), excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream Csv(string text, Encoding encoding) => new(encoding.GetBytes(text));

    private static string CsvText(params Dictionary<string, object?>[] rows) =>
        string.Join(",", rows[0].Keys) + "\n" + string.Join("\n", rows.Select(r => string.Join(",", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));

    private Task<ImportResult> ImportAsync(Stream file, string name = "figures.xlsx", bool approve = false) => Exchange.ImportAsync(file, name, approve);

    private async Task<int> ReportCountAsync()
    {
        await using var db = network.Database.CreateDbContext();
        return db.MonthlyReports.Count();
    }

    [Fact]
    public async Task A_good_file_lands_whole_as_submitted_reports()
    {
        var point = Plausible("ys-qg-01", "2026-02");
        var result = await ImportAsync(Xlsx(Plausible("YS-QG", "2026-02"), point));

        Assert.True(result.Applied, string.Join("; ", result.Errors.Select(e => e.Code)));
        Assert.Equal((2, 24), (result.Reports, result.Values));
        Assert.Empty(result.Drafts!);
        var sheet = (await network.Figures.EntryAsync("YS-QG", Month))!;
        Assert.Equal(ReportState.Submitted, sheet.Units.Single(u => u.UnitCode == "YS-QG-01").State);
        Assert.All(sheet.Units.Single(u => u.UnitCode == "YS-QG-01").Cells, c => Assert.Equal(Convert.ToDecimal(point[c.IndicatorCode]), c.Value));
        var queued = (await network.Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single(r => r.UnitCode == "YS-QG");
        Assert.False(queued.IsFlagged);
    }

    [Fact]
    public async Task An_import_with_a_value_the_entry_form_would_flag_lands_that_report_as_a_draft_and_lists_it()
    {
        var flagged = Plausible("YS-QG-02", "2026-02");
        flagged["visits"] = Convert.ToDecimal(flagged["visits"]) * 10;
        var result = await ImportAsync(Xlsx(Plausible("YS-QG", "2026-02"), flagged), approve: true);

        Assert.True(result.Applied);
        var draft = Assert.Single(result.Drafts!);
        Assert.Equal(("YS-QG-02", "YS-QG", Month), (draft.UnitCode, draft.BranchCode, draft.Period));
        Assert.Equal(["到馆人次"], draft.FlaggedIndicators);
        var sheet = (await network.Figures.EntryAsync("YS-QG", Month))!;
        Assert.Equal(ReportState.Draft, sheet.Units.Single(u => u.UnitCode == "YS-QG-02").State);
        Assert.Equal(ReportState.Approved, sheet.Units.Single(u => u.UnitCode == "YS-QG").State);
        Assert.Contains(sheet.Units.Single(u => u.UnitCode == "YS-QG-02").Cells, c => c.IndicatorCode == "visits" && c.Flags.Count > 0 && c.Explanation is null);
    }

    [Fact]
    public async Task Head_staff_may_land_an_import_as_approved_but_a_branch_worker_may_not()
    {
        Assert.True((await ImportAsync(Xlsx(Plausible("YS-QG", "2026-02")), approve: true)).Applied);
        Assert.Equal(ReportState.Approved, (await network.Figures.EntryAsync("YS-QG", Month))!.Units[0].State);

        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => ImportAsync(Xlsx(Row("YS-QG-01", "2026-02")), approve: true));
    }

    [Fact]
    public async Task An_annual_figure_outside_December_is_refused_and_a_December_row_needs_its_annual_figures()
    {
        var january = Row("YS-QG-01", "2026-01");
        january["holdings"] = 2_600;
        var december = Row("YS-QG-02", "2025-12");
        december["valid_cards"] = null;

        var result = await ImportAsync(Xlsx(january, december));

        Assert.False(result.Applied);
        Assert.Equal([(2, "holdings", ErrorCodes.FigureAnnualOnly), (3, "valid_cards", ErrorCodes.ImportMissingValue)],
            result.Errors.Select(e => (e.Row, e.Column!, e.Code)));
    }

    [Fact]
    public async Task One_bad_row_rejects_the_whole_file_and_lists_every_problem()
    {
        var before = await ReportCountAsync();

        var result = await ImportAsync(Xlsx(
            Row("YS-QG", "2026-02"),
            Row("YS-XX-01", "2026-02"),
            Row("YS-QG-01", "2026-02", c => c == "visits" ? -5 : c == "loans" ? "很多" : c == "programs" ? 2.5 : c == "exhibitions" ? 1_000_000 : 1),
            Row("YS-QG-02", "2026-13"),
            Row("YS-QG-03", "2030-01"),
            Row("YS-QG", "2026-02"),
            Row("YS-TP-01", "2019-05"),
            Row("YS-QL-01", "2026-01")));

        Assert.False(result.Applied);
        Assert.Equal(before, await ReportCountAsync());
        var codes = result.Errors.Select(e => (e.Row, e.Column, e.Code)).ToList();
        Assert.Contains((3, "unit_code", ErrorCodes.ImportUnknownUnit), codes);
        Assert.Contains((4, "visits", ErrorCodes.FigureBelowMinimum), codes);
        Assert.Contains((4, "loans", ErrorCodes.FigureNotANumber), codes);
        Assert.Contains((4, "programs", ErrorCodes.FigureNotWhole), codes);
        Assert.Contains((4, "exhibitions", ErrorCodes.FigureAboveMaximum), codes);
        Assert.Contains((5, "month", ErrorCodes.ImportBadMonth), codes);
        Assert.Contains((6, "month", ErrorCodes.ReportFutureMonth), codes);
        Assert.Contains((7, "month", ErrorCodes.ImportDuplicateRow), codes);
        Assert.Contains((8, "month", ErrorCodes.ReportBeforeOpening), codes);
    }

    [Fact]
    public async Task An_approved_month_is_not_overwritten_by_an_import()
    {
        var result = await ImportAsync(Xlsx(Row("YS-QL-01", "2026-01")));

        Assert.False(result.Applied);
        Assert.Equal(ErrorCodes.ReportAlreadyApproved, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task An_unknown_indicator_column_or_a_missing_column_is_named()
    {
        var extra = Row("YS-QG", "2026-02");
        extra["visitors_total"] = 5;
        var noMonth = Row("YS-QG", "2026-02");
        noMonth.Remove("month");

        Assert.Equal(ErrorCodes.ImportUnknownIndicator, Assert.Single((await ImportAsync(Xlsx(extra))).Errors).Code);
        Assert.Equal(ErrorCodes.ImportMissingColumn, Assert.Single((await ImportAsync(Xlsx(noMonth))).Errors).Code);
    }

    [Fact]
    public async Task A_blank_value_is_refused_because_imported_reports_are_submitted()
    {
        var result = await ImportAsync(Xlsx(Row("YS-QG", "2026-02", c => c == "visits" ? null : 3)));

        Assert.Equal((ErrorCodes.ImportMissingValue, "visits"), (Assert.Single(result.Errors).Code, result.Errors[0].Column));
    }

    [Fact]
    public async Task A_branch_worker_cannot_import_for_another_branch()
    {
        network.ActAsBranchWorker("YS-QG");

        var result = await ImportAsync(Xlsx(Row("YS-QL-02", "2026-02")));

        Assert.Equal(ErrorCodes.ImportUnknownUnit, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task A_UTF8_CSV_with_or_without_BOM_imports()
    {
        var text = CsvText(Row("YS-QG-01", "2026-02"));

        var result = await ImportAsync(Csv(text, new UTF8Encoding(true)), "figures.csv");

        Assert.True(result.Applied, string.Join("; ", result.Errors.Select(e => $"{e.Row}:{e.Column}:{e.Code}")));
        Assert.Null(result.DetectedEncoding);
    }

    [Fact]
    public async Task A_GBK_CSV_from_Chinese_Excel_is_detected_and_imported()
    {
        var row = Row("YS-QG-01", "2026-02");
        row["unit_name"] = "火岗村服务点";

        var result = await ImportAsync(Csv(CsvText(row), Encoding.GetEncoding("GB18030")), "七拱镇.csv");

        Assert.True(result.Applied, string.Join("; ", result.Errors.Select(e => $"{e.Row}:{e.Column}:{e.Code}")));
        Assert.Equal("GB18030", result.DetectedEncoding);
    }

    [Fact]
    public async Task Bytes_that_are_no_known_encoding_are_explained() =>
        Assert.Equal(ErrorCodes.ImportEncoding,
            Assert.Single((await ImportAsync(new MemoryStream([0x75, 0x6E, 0x69, 0x74, 0x80, 0x0A, 0xFF, 0x80]), "x.csv")).Errors).Code);

    [Theory]
    [InlineData("report.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, ErrorCodes.ImportWrongType)]
    [InlineData("report.xls", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1 }, ErrorCodes.ImportOldExcel)]
    [InlineData("broken.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, ErrorCodes.ImportUnreadable)]
    [InlineData("empty.csv", new byte[0], ErrorCodes.ImportEmpty)]
    public async Task Files_that_are_not_figures_are_refused_by_their_content(string name, byte[] content, string expected) =>
        Assert.Equal(expected, Assert.Single((await ImportAsync(new MemoryStream(content), name)).Errors).Code);

    [Fact]
    public async Task A_50_MB_file_is_refused_without_reading_it_all()
    {
        var huge = new MemoryStream(new byte[50 * 1024 * 1024]);

        var result = await ImportAsync(huge, "huge.csv");

        Assert.Equal(ErrorCodes.ImportTooLarge, Assert.Single(result.Errors).Code);
        Assert.True(huge.Position < 50 * 1024 * 1024);
    }

    [Fact]
    public async Task A_year_exported_to_Excel_holds_the_figures_of_the_database()
    {
        network.ActAsBranchWorker("YS-QG");

        var bytes = await Exchange.ExportAsync(2025, ExchangeFormat.Xlsx);

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(4 * 12, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("YS-QG", (string)r["unit_code"]!));
        var june = rows.Single(r => (string)r["unit_code"]! == "YS-QG-01" && (string)r["month"]! == "2025-06");
        var sheet = (await network.Figures.EntryAsync("YS-QG", new Period(2025, 6)))!;
        var visits = sheet.Units.Single(u => u.UnitCode == "YS-QG-01").Cells.Single(c => c.IndicatorCode == "visits").Value;
        Assert.Equal((double)visits!.Value, Convert.ToDouble(june["visits"], CultureInfo.InvariantCulture));
        Assert.Equal("Approved", june["state"]);
    }

    [Fact]
    public async Task An_exported_CSV_imports_back_unchanged()
    {
        var csv = await Exchange.ExportAsync(2025, ExchangeFormat.Csv);
        var text = Encoding.UTF8.GetString(csv);
        Assert.StartsWith("\uFEFF", text);
        Assert.Contains("unit_code,unit_name,month,state,visits", text);

        // Approved months cannot be overwritten: re-importing the export is refused row by row, and says so.
        var result = await ImportAsync(new MemoryStream(csv), "2025.csv");
        Assert.False(result.Applied);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCodes.ReportAlreadyApproved, e.Code));
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("火岗村服务点", "火岗村服务点")]
    public void Text_a_spreadsheet_would_run_is_neutralised(string text, string expected) =>
        Assert.Equal(expected, FiguresExchange.Neutralise(text));

    [Fact]
    public async Task An_import_of_many_months_flags_each_value_as_the_entry_form_does_with_the_files_earlier_months_and_the_closures()
    {
        using var bare = new TestNetwork(seedFigures: false, kind: kind);
        await bare.Indicators.SeedStandardAsync();
        var closures = bare.Services.GetRequiredService<ClosureService>();
        await closures.AddAsync("YS-QG-01", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), "装修");
        await closures.AddAsync(null, new DateOnly(2025, 9, 10), new DateOnly(2025, 9, 20), "停电");
        // Steady values with zeros and spikes among them: every kind of flag, and months of history that the file itself brings.
        var random = new Random(20);
        var months = Period.Range(new Period(2024, 11), new Period(2026, 2)).ToList();
        var units = new[] { "YS-QG", "YS-QG-01" };
        var rows = months.SelectMany(m => units.Select(u => Row(u, m.ToString(), code =>
        {
            var top = Math.Min(StandardIndicators.All.Single(i => i.Code == code).Definition.Maximum, 5_000m);
            return random.Next(8) switch { 0 => 0m, 1 => top, _ => Math.Round(top / 10 + random.Next(10)) };
        }))).ToArray();

        var result = await ((FiguresExchange)bare.Services.GetService(typeof(FiguresExchange))!).ImportAsync(Xlsx(rows), "months.xlsx", approve: false);

        Assert.True(result.Applied, string.Join("; ", result.Errors.Select(e => $"{e.Row} {e.Column} {e.Code}")));
        var names = (await bare.Indicators.ListAsync()).ToDictionary(i => i.Code, i => i.NameZh);
        var (flaggedValues, flaggedInClosedMonth) = (0, 0);
        foreach (var month in months)
        {
            var sheet = (await bare.Figures.EntryAsync("YS-QG", month))!;
            foreach (var unit in units)
            {
                var entry = sheet.Units.Single(u => u.UnitCode == unit);
                var byEntryForm = entry.Cells.Where(c => c.Flags.Count > 0).Select(c => names[c.IndicatorCode]).Order().ToList();
                var byImport = result.Drafts!.SingleOrDefault(d => d.UnitCode == unit && d.Period == month)?.FlaggedIndicators.Order().ToList() ?? [];
                Assert.True(byEntryForm.SequenceEqual(byImport), $"{unit} {month}: the entry form flags [{string.Join(", ", byEntryForm)}], the import [{string.Join(", ", byImport)}]");
                Assert.Equal(byImport.Count > 0 ? ReportState.Draft : ReportState.Submitted, entry.State);
                flaggedValues += byImport.Count;
                flaggedInClosedMonth += entry.Closure == MonthClosure.Closed ? byImport.Count : 0;
            }
        }

        // The file holds enough of each to tell a wrong check from a right one.
        Assert.InRange(flaggedValues, 40, 400);
        Assert.InRange(flaggedInClosedMonth, 1, 12);
    }

    [Fact]
    public async Task A_unit_named_like_a_formula_is_exported_harmlessly()
    {
        var unit = (await network.Service.GetAsync("YS-QG-03"))!;
        await network.Service.UpdateProfileAsync("YS-QG-03", unit.Version, unit.Profile with { Name = "=HYPERLINK(\"http://x\")" });

        var text = Encoding.UTF8.GetString(await Exchange.ExportAsync(2025, ExchangeFormat.Csv));

        Assert.DoesNotContain(",=HYPERLINK", text);
        Assert.Contains("'=HYPERLINK", text);
    }
}

public sealed class ExchangeTestsOnSqlite() : ExchangeTests(DatabaseKind.Sqlite);

public sealed class ExchangeTestsOnPostgreSql() : ExchangeTests(DatabaseKind.PostgreSql);
