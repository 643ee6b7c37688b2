using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using MiniExcelLibs;

namespace BranchNetwork.Tests.Figures;

/// <summary>
/// Files built to exhaust the import (huge cells, zip bombs, endless rows and columns) are refused at the first limit,
/// quickly, and leave no memory behind. The files are made here, small when packed, as an attacker would make them.
/// </summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class ImportLimitsTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Guards, not benchmarks: before the limits the same files took minutes and gigabytes.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    private const long MemoryBound = 50 * 1024 * 1024;

    private static readonly ImportLimits Limits = new();

    private readonly Infrastructure.TestNetwork network = new(seedFigures: true);

    public void Dispose() => network.Dispose();

    [Fact]
    public async Task A_sheet_that_unpacks_past_the_limit_is_refused_before_it_is_parsed()
    {
        // One 30-million-character header cell: about 30 KB packed.
        var file = Xlsx(sheet =>
        {
            sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
            sheet.Write(new string('a', 30_000_000));
            sheet.Write("</t></is></c></row>");
        });

        var result = await MeasuredImportAsync(file);

        Assert.Equal((ErrorCodes.ImportUnpackedTooLarge, 20), Refusal(result));
    }

    [Fact]
    public async Task A_part_that_packs_like_a_zip_bomb_is_refused()
    {
        var file = Xlsx(Header, ("xl/media/image1.png", new byte[5 * 1024 * 1024]));

        var result = await MeasuredImportAsync(file);

        Assert.Equal((ErrorCodes.ImportCompressionRatio, Limits.MaxCompressionRatio), Refusal(result));
    }

    /// <param name="sparse">False: 100,000 rows written (under the unpacked limit); true: row 2 and row 1,000,000 only, the rows between implied.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reading_stops_at_the_first_row_past_the_limit(bool sparse)
    {
        var file = Xlsx(sheet =>
        {
            Header(sheet);
            foreach (var r in sparse ? [2, 1_000_000] : Enumerable.Range(2, 99_999))
            {
                sheet.Write($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>YS-QG</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>2026-02</t></is></c></row>");
            }
        });

        var result = await MeasuredImportAsync(file);

        Assert.Equal((ErrorCodes.ImportTooManyRows, Limits.MaxRows), Refusal(result));
    }

    [Fact]
    public async Task A_CSV_of_endless_rows_is_refused_at_the_row_limit()
    {
        var csv = "unit_code,month\n" + string.Concat(Enumerable.Repeat("YS-QG,2026-02\n", 500_000));

        var result = await MeasuredImportAsync(Encoding.UTF8.GetBytes(csv), "rows.csv");

        Assert.Equal((ErrorCodes.ImportTooManyRows, Limits.MaxRows), Refusal(result));
    }

    [Fact]
    public async Task A_cell_in_the_last_column_of_the_sheet_is_refused_as_too_many_columns()
    {
        var file = Xlsx(sheet =>
        {
            Header(sheet);
            sheet.Write("<row r=\"2\"><c r=\"XFD2\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        });

        var result = await MeasuredImportAsync(file);

        Assert.Equal((ErrorCodes.ImportTooManyColumns, Limits.MaxColumns), Refusal(result));
    }

    [Theory]
    [InlineData("figures.xlsx")]
    [InlineData("figures.csv")]
    public async Task A_cell_past_the_length_limit_is_refused_naming_its_row_and_column(string name)
    {
        // Letters at random pack only about 1.6 times, so this cell passes the unpacked and the packing checks.
        var random = new Random(14);
        var huge = new string(Enumerable.Range(0, 5_000_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var file = name.EndsWith(".csv", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes($"unit_code,month\nYS-QG,2026-02\nYS-QG-01,{huge}\n")
            : Xlsx(sheet =>
            {
                Header(sheet);
                sheet.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>YS-QG</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>2026-02</t></is></c></row>");
                sheet.Write($"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>YS-QG-01</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>{huge}</t></is></c></row>");
            });

        var result = await MeasuredImportAsync(file, name);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "B", ErrorCodes.ImportCellTooLong), (error.Row, error.Column, error.Code));
        Assert.Equal(Limits.MaxCellLength, error.Args[0]);
    }

    [Fact]
    public async Task Problems_past_200_are_counted_and_not_listed()
    {
        var rows = string.Concat(Enumerable.Range(1, 250).Select(i => $"YS-NONE-{i},2026-02\n"));

        var result = await MeasuredImportAsync(Encoding.UTF8.GetBytes("unit_code,month\n" + rows), "figures.csv");

        Assert.False(result.Applied);
        Assert.Equal(Limits.MaxProblems, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCodes.ImportUnknownUnit, e.Code));
        Assert.Equal(50, result.Unlisted);
    }

    [Fact]
    public async Task Text_of_the_file_repeated_in_a_message_is_cut_at_50_characters()
    {
        var longHeader = "h" + new string('x', 900);
        var longCode = "YS-" + new string('Q', 900);

        var header = await MeasuredImportAsync(Encoding.UTF8.GetBytes($"unit_code,month,{longHeader}\nYS-QG,2026-02,1\n"), "figures.csv");
        var code = await MeasuredImportAsync(Encoding.UTF8.GetBytes($"unit_code,month\n{longCode},2026-02\n"), "figures.csv");

        var unknown = Assert.Single(header.Errors);
        Assert.Equal(ErrorCodes.ImportUnknownIndicator, unknown.Code);
        Assert.Equal(longHeader[..50] + "…", unknown.Column);
        Assert.Equal(longHeader[..50] + "…", unknown.Args[0]);
        var unit = Assert.Single(code.Errors);
        Assert.Equal(ErrorCodes.ImportUnknownUnit, unit.Code);
        Assert.Equal(longCode[..50] + "…", unit.Args[0]);
    }

    private FiguresExchange Exchange => (FiguresExchange)network.Services.GetService(typeof(FiguresExchange))!;

    /// <summary>Imports a file, bounding the time it takes and the managed memory still held once it is done.</summary>
    private async Task<ImportResult> MeasuredImportAsync(byte[] file, string name = "figures.xlsx")
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        var result = await Exchange.ImportAsync(new MemoryStream(file), name, approve: false);

        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"{name}: {file.Length:N0} bytes, {watch.ElapsedMilliseconds:N0} ms, {allocated / 1024 / 1024:N0} MB allocated, {held / 1024:N0} KB held after");
        Assert.True(watch.Elapsed < TimeBound, $"took {watch.Elapsed}");
        Assert.True(held < MemoryBound, $"{held:N0} bytes still held after the import");
        return result;
    }

    private static (string Code, object Limit) Refusal(ImportResult result)
    {
        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        return (error.Code, Assert.Single(error.Args));
    }

    private static void Header(TextWriter sheet) =>
        sheet.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>unit_code</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>month</t></is></c></row>");

    /// <summary>A workbook MiniExcel writes, with its sheet replaced by <paramref name="rows"/> and any extra parts added.</summary>
    private static byte[] Xlsx(Action<TextWriter> rows, params (string Name, byte[] Content)[] parts)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["unit_code"] = "YS-QG" } }, excelType: ExcelType.XLSX);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.EndsWith("worksheets/sheet1.xml", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using (var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false)))
            {
                writer.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                rows(writer);
                writer.Write("</sheetData></worksheet>");
            }

            foreach (var (part, content) in parts)
            {
                using var entry = zip.CreateEntry(part, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}

/// <summary>Tests that measure the process's managed memory run alone, so no other test's allocations are counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}
