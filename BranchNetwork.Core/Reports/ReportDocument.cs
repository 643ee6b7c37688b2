using System.Globalization;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// A report described as blocks, independent of the PDF engine: report code says what is on the page and
/// <see cref="PdfRenderer"/> lays it out (so the engine can be swapped without touching the reports).
/// </summary>
/// <param name="Replaced">
/// The note a report ends with when some of its texts held characters the font cannot print, from the stand-in and
/// the list of those texts (<see cref="PdfRenderer"/> replaces them rather than refuse the report).
/// </param>
public sealed record ReportDocument(
    string Title,
    string Author,
    string Header,
    Func<int, int, string> Footer,
    IReadOnlyList<ReportBlock> Blocks,
    Func<string, string, string>? Replaced = null)
{
    /// <summary>The language the report is written in (a BCP 47 tag: zh-CN, en): the reader's, as the report texts are.</summary>
    public string Language { get; init; } = CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "zh-CN";

    /// <summary>
    /// The document with every text the pages carry passed through <paramref name="text"/>, which also learns where
    /// the text stands (see <see cref="TextPlace"/>).
    /// </summary>
    public ReportDocument MapTexts(Func<string, TextPlace, string> text)
    {
        string? section = null;
        string Map(string value, string? label = null) => text(value, new TextPlace(section, label));
        string? ColumnOf(Table t, int column) => column < t.Columns.Count ? t.Columns[column].Header : null;
        var blocks = new List<ReportBlock>(Blocks.Count);
        foreach (var block in Blocks)
        {
            blocks.Add(block switch
            {
                TitleBlock b => b with { Text = Map(b.Text) },
                Heading h => h with { Text = Map(h.Text) },
                Paragraph p => p with { Text = Map(p.Text) },
                KeyFigures k => k with { Figures = k.Figures.Select(f => (Map(f.Label), Map(f.Value, f.Label))).ToList() },
                Table t => t with
                {
                    Columns = t.Columns.Select(c => c with { Header = Map(c.Header) }).ToList(),
                    Rows = t.Rows.Select(r => (IReadOnlyList<string>)r.Select((cell, i) => Map(cell, ColumnOf(t, i))).ToList()).ToList(),
                    Totals = t.Totals?.Select((cell, i) => Map(cell, ColumnOf(t, i))).ToList(),
                },
                BarChart c => c with { Title = Map(c.Title), Bars = c.Bars.Select(b => (Map(b.Label, c.Title), b.Value)).ToList() },
                LineChart c => c with
                {
                    Title = Map(c.Title),
                    Labels = c.Labels.Select(l => Map(l, c.Title)).ToList(),
                    Series = c.Series.Select(s => (Map(s.Name, c.Title), s.Values)).ToList(),
                },
                SignatureBlock s => s with { Lines = s.Lines.Select(l => (Map(l.Role), l.Name is null ? null : Map(l.Name, l.Role))).ToList(), Seal = Map(s.Seal) },
                _ => block,
            });
            if (block is Heading heading)
            {
                section = heading.Text;
            }
        }

        return this with { Header = text(Header, default), Footer = (page, of) => text(Footer(page, of), default), Blocks = blocks };
    }

    /// <summary>How long a quoted running text may be in the note before it is cut to the clause around the stand-in.</summary>
    private const int NoteQuoteLength = 40;

    /// <summary>
    /// The document with each character the report font cannot print replaced by <see cref="ReportGlyphs.Mark"/> and,
    /// when there were any, the note that says where: every renderer prints the same words (the .docx says what the PDF says).
    /// </summary>
    public ReportDocument Printable()
    {
        var mark = ReportGlyphs.Mark;
        var named = new List<string>();
        var printable = MapTexts((text, place) =>
        {
            var replaced = ReportGlyphs.Replace(text);
            if (!ReferenceEquals(replaced, text))
            {
                var what = place.Label is null ? Excerpt(replaced, mark) : $"{place.Label}“{replaced}”";
                named.Add(place.Section is null ? what : $"{place.Section}：{what}");
            }

            return replaced;
        });
        if (named.Count == 0)
        {
            return printable;
        }

        // The footer is mapped lazily, page by page, so it could not be named here; it holds no record's text.
        var list = string.Join("；", named.Distinct());
        var note = Replaced?.Invoke(mark, list) ?? $"{mark}: {list}";
        return printable with { Blocks = [.. printable.Blocks, new Paragraph(ReportGlyphs.Replace(note))] };
    }

    /// <summary>
    /// Where in a running text the stand-in is: the quoted name (“…□…”) when the text quotes one, else the clause
    /// around it, so the note names a record rather than repeat a paragraph.
    /// </summary>
    private static string Excerpt(string text, string mark)
    {
        if (text.Length <= NoteQuoteLength)
        {
            return text;
        }

        var at = text.IndexOf(mark, StringComparison.Ordinal);
        var open = text.LastIndexOf('“', at);
        var close = text.IndexOf('”', at);
        if (open >= 0 && close > at && text.IndexOf('”', open) == close)
        {
            return text[open..(close + 1)];
        }

        const string clauseEnds = "，；。：\n";
        var start = text.LastIndexOfAny(clauseEnds.ToCharArray(), at) + 1;
        var end = text.IndexOfAny(clauseEnds.ToCharArray(), at);
        var clause = text[start..(end < 0 ? text.Length : end)].Trim();
        return clause.Length <= NoteQuoteLength ? clause : clause[..NoteQuoteLength] + "…";
    }
}

/// <summary>Where a text of a report stands: under which heading, and what it is (a cell's column, a figure's label, a signature's role; null for running text).</summary>
public readonly record struct TextPlace(string? Section, string? Label);

public abstract record ReportBlock;

/// <summary>A document's title in large type (a certificate's, centred).</summary>
public sealed record TitleBlock(string Text, Align Align = Align.Left) : ReportBlock;

public sealed record Heading(string Text) : ReportBlock;

public sealed record Paragraph(string Text, Align Align = Align.Left) : ReportBlock;

/// <summary>Empty vertical space, in points.</summary>
public sealed record Spacer(double Height) : ReportBlock;

public sealed record KeyFigures(IReadOnlyList<(string Label, string Value)> Figures) : ReportBlock;

public enum Align
{
    Left,
    Right,
    Center,
}

public sealed record Column(string Header, double Width, Align Align = Align.Left);

/// <summary>
/// A table: its header repeats on every page, a row never splits, rows are striped, an optional totals row ends it.
/// Rows whose index is in <paramref name="Subtotals"/> are printed in bold on a tinted ground (a branch's subtotal).
/// </summary>
/// <param name="MinRowHeight">
/// The least height of a body row, in points: a form filled in by pen on paper (a sign-in sheet's 签名 cells) needs
/// rows of about 10 mm (28 pt) whatever their text; 0 fits each row to its text.
/// </param>
/// <param name="Ruled">Every cell boxed, no stripes: a form to write on, rather than figures to read.</param>
public sealed record Table(
    IReadOnlyList<Column> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string>? Totals = null,
    IReadOnlySet<int>? Subtotals = null,
    double MinRowHeight = 0,
    bool Ruled = false) : ReportBlock;

/// <summary>Horizontal bars drawn as vectors, one per label.</summary>
public sealed record BarChart(string Title, IReadOnlyList<(string Label, double Value)> Bars) : ReportBlock;

/// <summary>One or more series over the same labels (months, years) drawn as vector lines with a value axis and a legend; a null value is a gap.</summary>
public sealed record LineChart(string Title, IReadOnlyList<string> Labels, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> Series) : ReportBlock;

/// <summary>
/// The block a report for the bureau ends with (制表人 / 审核人 / 负责人 / 日期 / 盖章): each role with the name the
/// portal knows, or a line to sign on; the seal's place at the right.
/// </summary>
public sealed record SignatureBlock(IReadOnlyList<(string Role, string? Name)> Lines, string Seal) : ReportBlock;
