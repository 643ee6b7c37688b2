using System.Globalization;
using System.IO.Compression;
using System.Text;
using BranchNetwork.Core.Common;
using MiniExcelLibs;

namespace BranchNetwork.Core.Figures;

/// <summary>The header and the rows of an uploaded sheet as read (cells by column index; the header is row 1).</summary>
internal sealed record ImportTable(List<string> Headers, List<Dictionary<int, string>> Rows);

/// <summary>Every problem is counted; the first <see cref="ImportLimits.MaxProblems"/> are listed, with file text cut short.</summary>
internal sealed class ImportProblems(ImportLimits limits)
{
    public ImportLimits Limits => limits;

    public List<ImportError> Listed { get; } = [];

    public int Unlisted { get; private set; }

    public int Count => Listed.Count + Unlisted;

    public void Add(int row, string? column, string code, params object[] args)
    {
        if (Listed.Count < limits.MaxProblems)
        {
            Listed.Add(new ImportError(row, column is null ? null : ExchangeFile.Echo(column, limits), code, args));
        }
        else
        {
            Unlisted++;
        }
    }
}

/// <summary>
/// Every import of the portal reads its file here: .xlsx or CSV, within <see cref="FiguresOptions.MaxImportBytes"/> and
/// <see cref="ImportLimits"/>, refused whole at the first limit it breaks; and every export and template is written here.
/// </summary>
internal static class ExchangeFile
{
    static ExchangeFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file as a table, or the one reason it cannot be read (too large, empty, not a spreadsheet…).</summary>
    public static async Task<(ImportTable? Table, string? Encoding, ImportError? Error)> ReadAsync(Stream content, string fileName, FiguresOptions options,
        CancellationToken ct)
    {
        var bytes = await ReadBoundedAsync(content, options.MaxImportBytes, ct);
        if (bytes is null)
        {
            return (null, null, new ImportError(0, null, ErrorCodes.ImportTooLarge, [options.MaxImportBytes / 1024 / 1024]));
        }

        return bytes.Length == 0 ? (null, null, new ImportError(0, null, ErrorCodes.ImportEmpty, [])) : ReadTable(bytes, fileName, options.Import);
    }

    public static byte[] Write(List<Dictionary<string, object?>> rows, IReadOnlyList<string> columns, ExchangeFormat format)
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


    /// <summary>Text of the file repeated in a message, cut short so that a huge cell cannot fill the page.</summary>
    public static string Echo(string text, ImportLimits limits) => text.Length > limits.MaxEcho ? text[..limits.MaxEcho] + "…" : text;

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
        // Read in place: a sheet of ten years names 80,000 cells.
        var text = reference.AsSpan();
        var letters = text.IndexOfAnyExcept(AsciiLetters);
        letters = letters < 0 ? text.Length : letters;
        int? column = null;
        if (letters is > 0 and <= 3)
        {
            column = 0;
            foreach (var l in text[..letters])
            {
                column = (column * 26) + char.ToUpperInvariant(l) - 'A' + 1;
            }
        }

        var row = int.TryParse(text[letters..], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        return (column, row);
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>MiniExcel hands the rows over one at a time; the first that breaks a limit stops the reading.</summary>
    private static (ImportTable? Table, string? Encoding, ImportError? Error) ReadXlsx(byte[] bytes, ImportLimits limits)
    {
        using var stream = new MemoryStream(bytes);
        var table = new TableBuilder(limits);
        // The rows are dictionaries typed as dynamic: cast as objects, not through the C# runtime binder (a first import
        // loaded and compiled the binder for it, and converted each row through a call site).
        foreach (var row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>())
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
}
