using System.Text;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Turns a <see cref="LedgerWorkbook"/> into an .xlsx (SpreadCheetah, streamed): a bold title row across the table, a
/// shaded header row frozen with the title, numbers as numbers (0.00 for money), dates as dates (yyyy-mm-dd), subtotal
/// and total rows in bold, the notes and the footer below, and columns wide enough for their Chinese text.
/// </summary>
/// <remarks>
/// Every text is written as an inline string in a cell formatted as Text (@): Excel shows "=HYPERLINK(…)" or "+1+1" as
/// the characters they are and keeps them text when the cell is edited; nothing is ever written as a formula. Markup is
/// escaped by the XML writer, and characters XML cannot hold are dropped.
/// </remarks>
public static class LedgerWriter
{
    /// <summary>宋体 by its English name (SpreadCheetah wants three letters or more; Excel and WPS take either): every Chinese office has it, Calibri has no CJK glyphs.</summary>
    private const string Font = "SimSun";

    private const int MaxSheetName = 31;

    public static async Task<byte[]> WriteAsync(LedgerWorkbook workbook, CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        var options = new SpreadCheetahOptions { DefaultFont = new DefaultFont { Name = Font, Size = 11 }, PreserveStringWhitespace = true };
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(stream, options, ct))
        {
            var styles = new Styles(spreadsheet);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var sheet in workbook.Sheets)
            {
                await WriteSheetAsync(spreadsheet, styles, SheetName(sheet.Name, names), sheet, workbook.Footer, ct);
            }

            await spreadsheet.FinishAsync(ct);
        }

        return stream.ToArray();
    }

    private static async Task WriteSheetAsync(Spreadsheet spreadsheet, Styles styles, string name, LedgerSheet sheet, string footer, CancellationToken ct)
    {
        var columns = Math.Max(1, sheet.Columns.Count);
        var worksheet = new WorksheetOptions { FrozenRows = 2 };
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            worksheet.Column(c + 1).Width = Width(sheet, c);
        }

        await spreadsheet.StartWorksheetAsync(name, worksheet, ct);
        var last = ColumnName(columns);
        await spreadsheet.AddRowAsync([new Cell(Clean(sheet.Title), styles.Title)], new RowOptions { Height = 24 }, ct);
        spreadsheet.MergeCells($"A1:{last}1");
        await spreadsheet.AddRowAsync(sheet.Columns.Select(c => new Cell(Clean(c.Header), styles.Header)).ToArray(), ct);
        foreach (var row in sheet.Rows)
        {
            var cells = new Cell[columns];
            for (var c = 0; c < columns; c++)
            {
                var format = c < sheet.Columns.Count ? sheet.Columns[c].Format : LedgerFormat.Text;
                cells[c] = CellOf(c < row.Cells.Count ? row.Cells[c] : null, styles.For(row.Kind, format));
            }

            await spreadsheet.AddRowAsync(cells, ct);
        }

        foreach (var line in (sheet.Notes ?? []).Append(footer))
        {
            // A blank row sets the notes and the footer off the table.
            if (line == footer)
            {
                await spreadsheet.AddRowAsync(Array.Empty<Cell>(), ct);
            }

            var at = spreadsheet.NextRowNumber;
            await spreadsheet.AddRowAsync([new Cell(Clean(line), line == footer ? styles.Footer : styles.Note)], ct);
            spreadsheet.MergeCells($"A{at}:{last}{at}");
        }
    }

    private static Cell CellOf(object? value, StyleId style) => value switch
    {
        null => new Cell((string?)null, style),
        string text => new Cell(Clean(text), style),
        int number => new Cell(number, style),
        long number => new Cell(number, style),
        decimal number => new Cell(number, style),
        double number => new Cell(number, style),
        DateOnly date => new Cell(date.ToDateTime(TimeOnly.MinValue), style),
        DateTime date => new Cell(date, style),
        _ => throw new ArgumentException($"A ledger cell holds text, a number or a date, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>The text without what XML 1.0 cannot carry: control characters but tab, line feed and return, lone surrogates, U+FFFE/U+FFFF.</summary>
    internal static string Clean(string text)
    {
        static bool Fits(string s, int i) => s[i] switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' or '\uFFFE' or '\uFFFF' => false,
            var c when char.IsHighSurrogate(c) => i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]),
            var c when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(s[i - 1]),
            _ => true,
        };

        for (var i = 0; i < text.Length; i++)
        {
            if (!Fits(text, i))
            {
                var clean = new StringBuilder(text.Length);
                for (var j = 0; j < text.Length; j++)
                {
                    if (Fits(text, j))
                    {
                        clean.Append(text[j]);
                    }
                }

                return clean.ToString();
            }
        }

        return text;
    }

    /// <summary>A sheet name Excel takes: no []:*?/\, at most 31 characters, unique in the workbook.</summary>
    internal static string SheetName(string wanted, HashSet<string> taken)
    {
        var name = new string(Clean(wanted).Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim('\'', ' ');
        name = name.Length == 0 ? "Sheet" : name[..Math.Min(MaxSheetName, name.Length)];
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = name[..Math.Min(name.Length, MaxSheetName - suffix.Length)] + suffix;
        }

        return candidate;
    }

    /// <summary>Wide enough for the header and the longest of the first rows (a CJK character takes two widths), within 8–60.</summary>
    private static double Width(LedgerSheet sheet, int column)
    {
        var widest = sheet.Rows.Take(500).Select(r => column < r.Cells.Count ? Shown(r.Cells[column], sheet.Columns[column].Format) : 0)
            .Append(Shown(sheet.Columns[column].Header, LedgerFormat.Text)).Max();
        return Math.Clamp(widest + 2, 8, 60);
    }

    private static int Shown(object? value, LedgerFormat format) => value switch
    {
        null => 0,
        string text => text.Sum(c => c >= 0x2E80 ? 2 : 1),
        DateOnly or DateTime => 10,
        _ when format == LedgerFormat.Money => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:#,0.00}", value).Length,
        _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:#,0.##}", value).Length,
    };

    private static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + (number - 1) % 26) + name;
        }

        return name;
    }

    /// <summary>The workbook's styles, made once each: one per row kind and column format.</summary>
    private sealed class Styles(Spreadsheet spreadsheet)
    {
        private static readonly System.Drawing.Color HeaderFill = System.Drawing.Color.FromArgb(0xDD, 0xEB, 0xF7);
        private static readonly System.Drawing.Color SubtotalFill = System.Drawing.Color.FromArgb(0xF2, 0xF2, 0xF2);
        private static readonly System.Drawing.Color TotalFill = System.Drawing.Color.FromArgb(0xD9, 0xD9, 0xD9);

        private readonly Dictionary<(LedgerRowKind, LedgerFormat), StyleId> made = [];

        public StyleId Title { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });

        public StyleId Header { get; } = spreadsheet.AddStyle(new Style
        {
            Font = { Bold = true },
            Fill = { Color = HeaderFill },
            Alignment = { WrapText = true, Vertical = VerticalAlignment.Center },
            Border = { Bottom = { BorderStyle = BorderStyle.Thin } },
            Format = NumberFormat.Standard(StandardNumberFormat.Text),
        });

        public StyleId Note { get; } = spreadsheet.AddStyle(new Style { Font = { Italic = true }, Format = NumberFormat.Standard(StandardNumberFormat.Text) });

        public StyleId Footer { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Text) });

        public StyleId For(LedgerRowKind kind, LedgerFormat format)
        {
            if (made.TryGetValue((kind, format), out var id))
            {
                return id;
            }

            var style = new Style
            {
                Format = format switch
                {
                    LedgerFormat.Count => NumberFormat.Custom("#,##0"),
                    LedgerFormat.Number => NumberFormat.Custom("#,##0.0#"),
                    LedgerFormat.Money => NumberFormat.Custom("#,##0.00"),
                    LedgerFormat.Percent => NumberFormat.Custom("0.0%"),
                    LedgerFormat.Plain => NumberFormat.Custom("0"),
                    LedgerFormat.Date => NumberFormat.Custom("yyyy-mm-dd"),
                    _ => NumberFormat.Standard(StandardNumberFormat.Text),
                },
            };
            if (kind != LedgerRowKind.Item)
            {
                style.Font.Bold = true;
                style.Fill.Color = kind == LedgerRowKind.Total ? TotalFill : SubtotalFill;
                style.Border.Top.BorderStyle = BorderStyle.Thin;
            }

            return made[(kind, format)] = spreadsheet.AddStyle(style);
        }
    }
}
