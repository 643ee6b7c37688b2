using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Lays a <see cref="ReportDocument"/> out on A4 pages with PDFsharp: a header with the library's name, wrapped
/// text that may break between any two CJK characters (and between Latin words), tables whose header repeats on
/// each page and whose rows never split, bar charts, and a "page N of M" footer drawn once the page count is known.
/// </summary>
public sealed class PdfRenderer(TimeProvider time)
{
    private const double Margin = 50;
    private const double FooterHeight = 24;
    private const double LineGap = 4;

    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Accent = XColor.FromArgb(31, 95, 139);
    private static readonly XColor Stripe = XColor.FromArgb(244, 247, 250);
    private static readonly XColor Rule = XColor.FromArgb(200, 208, 216);

    /// <exception cref="MissingGlyphsException">A character of the document is not in the report font.</exception>
    public byte[] Render(ReportDocument document)
    {
        if (ReportFonts.Registered?.MissingCharacters(document.Texts()) is { Length: > 0 } missing)
        {
            throw new MissingGlyphsException(missing);
        }

        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Author;
        pdf.Info.Creator = "BranchNetwork";
        pdf.Info.CreationDate = time.GetLocalNow().DateTime;

        var layout = new Layout(pdf, document.Header);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    layout.Text(h.Text, layout.HeadingFont, Accent, spaceBefore: 10);
                    break;
                case Paragraph p:
                    layout.Text(p.Text, layout.BodyFont, Ink, spaceBefore: 4);
                    break;
                case KeyFigures k:
                    layout.Figures(k);
                    break;
                case Table t:
                    layout.Table(t);
                    break;
                case BarChart c:
                    layout.Chart(c);
                    break;
            }
        }

        layout.Finish();
        var total = pdf.PageCount;
        var font = new XFont(ReportFonts.Family, 8);
        for (var i = 0; i < total; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var page = pdf.Pages[i];
            gfx.DrawString(document.Footer(i + 1, total), font, new XSolidBrush(Ink),
                new XRect(Margin, page.Height.Point - Margin + 8, page.Width.Point - 2 * Margin, 12), XStringFormats.Center);
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    private sealed class Layout : IDisposable
    {
        private readonly PdfDocument pdf;
        private readonly string header;
        private XGraphics? gfx;
        private double y;

        public Layout(PdfDocument pdf, string header)
        {
            this.pdf = pdf;
            this.header = header;
            NewPage();
        }

        public XFont HeadingFont { get; } = new(ReportFonts.Family, 14, XFontStyleEx.Bold);

        public XFont BodyFont { get; } = new(ReportFonts.Family, 10);

        private XFont SmallFont { get; } = new(ReportFonts.Family, 8.5);

        private XFont SmallBold { get; } = new(ReportFonts.Family, 8.5, XFontStyleEx.Bold);

        private XGraphics G => gfx!;

        private double Width => pdf.Pages[^1].Width.Point - 2 * Margin;

        private double Bottom => pdf.Pages[^1].Height.Point - Margin - FooterHeight;

        public void Text(string text, XFont font, XColor color, double spaceBefore)
        {
            y += spaceBefore;
            foreach (var line in Wrap(text, font, Width))
            {
                var height = font.GetHeight();
                Room(height);
                G.DrawString(line, font, new XSolidBrush(color), new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
                y += height + LineGap / 2;
            }
        }

        public void Figures(KeyFigures figures)
        {
            const double tileHeight = 46;
            var perRow = Math.Min(4, figures.Figures.Count);
            var tileWidth = (Width - (perRow - 1) * 8) / perRow;
            y += 6;
            for (var i = 0; i < figures.Figures.Count; i++)
            {
                if (i % perRow == 0)
                {
                    Room(tileHeight + 8);
                    if (i > 0)
                    {
                        y += tileHeight + 8;
                    }
                }

                var x = Margin + i % perRow * (tileWidth + 8);
                var (label, value) = figures.Figures[i];
                G.DrawRectangle(new XPen(Rule, 0.6), new XSolidBrush(Stripe), x, y, tileWidth, tileHeight);
                G.DrawString(value, HeadingFont, new XSolidBrush(Accent), new XRect(x + 8, y + 6, tileWidth - 16, 18), XStringFormats.TopLeft);
                G.DrawString(label, SmallFont, new XSolidBrush(Ink), new XRect(x + 8, y + 28, tileWidth - 16, 12), XStringFormats.TopLeft);
            }

            y += tileHeight + 8;
        }

        public void Table(Table table)
        {
            var widths = table.Columns.Select(c => c.Width / table.Columns.Sum(x => x.Width) * Width).ToArray();
            y += 6;
            Room(2 * RowHeight([.. table.Columns.Select(c => c.Header)], widths, SmallBold));
            DrawHeader(table, widths);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var height = RowHeight(table.Rows[r], widths, SmallFont);
                if (y + height > Bottom)
                {
                    NewPage();
                    DrawHeader(table, widths);
                }

                DrawRow(table.Rows[r], table.Columns, widths, height, SmallFont, r % 2 == 1 ? Stripe : null);
            }

            if (table.Totals is { } totals)
            {
                var height = RowHeight(totals, widths, SmallBold);
                Room(height);
                G.DrawLine(new XPen(Ink, 0.8), Margin, y, Margin + Width, y);
                DrawRow(totals, table.Columns, widths, height, SmallBold, null);
            }

            y += 6;
        }

        public void Chart(BarChart chart)
        {
            const double barHeight = 12;
            var labelWidth = Width * 0.28;
            var max = Math.Max(1, chart.Bars.Max(b => b.Value));
            Text(chart.Title, BodyFont, Accent, spaceBefore: 8);
            foreach (var (label, value) in chart.Bars)
            {
                Room(barHeight + 4);
                G.DrawString(label, SmallFont, new XSolidBrush(Ink), new XRect(Margin, y, labelWidth - 6, barHeight), XStringFormats.CenterLeft);
                var length = (Width - labelWidth - 60) * value / max;
                G.DrawRectangle(new XSolidBrush(Accent), Margin + labelWidth, y + 1, Math.Max(0.5, length), barHeight - 2);
                G.DrawString(value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), SmallFont, new XSolidBrush(Ink),
                    new XRect(Margin + labelWidth + length + 4, y, 56, barHeight), XStringFormats.CenterLeft);
                y += barHeight + 4;
            }
        }

        public void Finish() => Dispose();

        public void Dispose()
        {
            gfx?.Dispose();
            gfx = null;
        }

        private void DrawHeader(Table table, double[] widths)
        {
            var height = RowHeight([.. table.Columns.Select(c => c.Header)], widths, SmallBold);
            DrawRow([.. table.Columns.Select(c => c.Header)], table.Columns, widths, height, SmallBold, XColor.FromArgb(225, 234, 242));
        }

        private void DrawRow(IReadOnlyList<string> cells, IReadOnlyList<Column> columns, double[] widths, double height, XFont font, XColor? fill)
        {
            if (fill is { } color)
            {
                G.DrawRectangle(new XSolidBrush(color), Margin, y, Width, height);
            }

            var x = Margin;
            for (var c = 0; c < columns.Count; c++)
            {
                var lineY = y + 3;
                foreach (var line in Wrap(c < cells.Count ? cells[c] : "", font, widths[c] - 6))
                {
                    var format = columns[c].Align == Align.Right ? XStringFormats.TopRight : XStringFormats.TopLeft;
                    G.DrawString(line, font, new XSolidBrush(Ink), new XRect(x + 3, lineY, widths[c] - 6, font.GetHeight()), format);
                    lineY += font.GetHeight();
                }

                x += widths[c];
            }

            G.DrawLine(new XPen(Rule, 0.4), Margin, y + height, Margin + Width, y + height);
            y += height;
        }

        private double RowHeight(IReadOnlyList<string> cells, double[] widths, XFont font) =>
            6 + font.GetHeight() * cells.Select((cell, c) => Wrap(cell, font, widths[c] - 6).Count).DefaultIfEmpty(1).Max();

        private void Room(double height)
        {
            if (y + height > Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            var font = new XFont(ReportFonts.Family, 8);
            G.DrawString(header, font, new XSolidBrush(Accent), new XRect(Margin, Margin - 24, Width, 12), XStringFormats.TopLeft);
            G.DrawLine(new XPen(Accent, 0.8), Margin, Margin - 10, Margin + Width, Margin - 10);
            y = Margin;
        }

        /// <summary>Breaks text into lines that fit: between any two CJK characters, and at spaces between Latin words.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                foreach (var token in Tokens(paragraph))
                {
                    var candidate = line + token;
                    if (line.Length > 0 && G.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(line.ToString().TrimEnd());
                        line.Clear();
                        candidate = token.TrimStart();
                    }

                    line.Clear().Append(candidate);
                }

                lines.Add(line.ToString());
            }

            return lines;
        }

        /// <summary>A CJK character is a token of its own; Latin words keep together with their following space.</summary>
        private static IEnumerable<string> Tokens(string text)
        {
            var word = new System.Text.StringBuilder();
            foreach (var c in text)
            {
                if (c > 0x2E80)
                {
                    if (word.Length > 0)
                    {
                        yield return word.ToString();
                        word.Clear();
                    }

                    yield return c.ToString();
                    continue;
                }

                word.Append(c);
                if (c == ' ')
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
            }
        }
    }
}
