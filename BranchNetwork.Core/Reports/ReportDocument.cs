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
    IReadOnlyList<ReportBlock> Blocks);

public abstract record ReportBlock;

public sealed record Heading(string Text) : ReportBlock;

public sealed record Paragraph(string Text) : ReportBlock;

public sealed record KeyFigures(IReadOnlyList<(string Label, string Value)> Figures) : ReportBlock;

public enum Align
{
    Left,
    Right,
}

public sealed record Column(string Header, double Width, Align Align = Align.Left);

/// <summary>A table: its header repeats on every page, a row never splits, rows are striped, an optional totals row ends it.</summary>
public sealed record Table(IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string>? Totals = null) : ReportBlock;

/// <summary>Horizontal bars drawn as vectors, one per label.</summary>
public sealed record BarChart(string Title, IReadOnlyList<(string Label, double Value)> Bars) : ReportBlock;
