namespace BranchNetwork.Core.Reports;

/// <summary>
/// A report described as blocks, independent of the PDF engine: report code says what is on the page and
/// <see cref="PdfRenderer"/> lays it out (so the engine can be swapped without touching the reports).
/// </summary>
public sealed record ReportDocument(
    string Title,
    string Author,
    string Header,
    Func<int, int, string> Footer,
    IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>Every text the pages will carry (the footer with sample numbers).</summary>
    public IEnumerable<string> Texts() =>
        new[] { Title, Header, Footer(1, 2) }.Concat(Blocks.SelectMany(block => block switch
        {
            TitleBlock b => [b.Text],
            Heading h => [h.Text],
            Paragraph p => [p.Text],
            KeyFigures k => k.Figures.SelectMany(f => new[] { f.Label, f.Value }),
            Table t => t.Columns.Select(c => c.Header).Concat(t.Rows.SelectMany(r => r)).Concat(t.Totals ?? []),
            BarChart c => c.Bars.Select(b => b.Label).Prepend(c.Title),
            LineChart c => c.Labels.Concat(c.Series.Select(s => s.Name)).Prepend(c.Title),
            SignatureBlock s => s.Lines.SelectMany(l => new[] { l.Role, l.Name ?? "" }).Append(s.Seal),
            _ => [],
        }));
}

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
public sealed record Table(
    IReadOnlyList<Column> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string>? Totals = null,
    IReadOnlySet<int>? Subtotals = null) : ReportBlock;

/// <summary>Horizontal bars drawn as vectors, one per label.</summary>
public sealed record BarChart(string Title, IReadOnlyList<(string Label, double Value)> Bars) : ReportBlock;

/// <summary>One or more series over the same labels (months, years) drawn as vector lines with a value axis and a legend; a null value is a gap.</summary>
public sealed record LineChart(string Title, IReadOnlyList<string> Labels, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> Series) : ReportBlock;

/// <summary>
/// The block a report for the bureau ends with (制表人 / 审核人 / 负责人 / 日期 / 盖章): each role with the name the
/// portal knows, or a line to sign on; the seal's place at the right.
/// </summary>
public sealed record SignatureBlock(IReadOnlyList<(string Role, string? Name)> Lines, string Seal) : ReportBlock;

/// <summary>The report font has no glyph for these characters: rather than print boxes, the report is refused.</summary>
public sealed class MissingGlyphsException(string characters)
    : Exception($"The report font has no glyph for: {characters}")
{
    public string Characters { get; } = characters;
}
