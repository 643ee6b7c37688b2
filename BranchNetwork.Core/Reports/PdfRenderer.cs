using System.Reflection;
using BranchNetwork.Core.Common;
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

    /// <summary>
    /// The least size a table cell or a name in the signature block shrinks to before it wraps: 7 pt, a little under
    /// 六号 (7.5 pt), is still read easily on a printed A4 page in WenQuanYi Micro Hei.
    /// </summary>
    private const double MinimumFontSize = 7;

    private const double FontSizeStep = 0.5;

    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Accent = XColor.FromArgb(31, 95, 139);
    private static readonly XColor Stripe = XColor.FromArgb(244, 247, 250);
    private static readonly XColor Rule = XColor.FromArgb(200, 208, 216);
    private static readonly XColor SubtotalGround = XColor.FromArgb(232, 240, 232);
    private static readonly XColor HeaderGround = XColor.FromArgb(225, 234, 242);
    private static readonly XColor[] SeriesColours = [Accent, XColor.FromArgb(214, 120, 40), XColor.FromArgb(60, 150, 90), XColor.FromArgb(150, 80, 160)];

    /// <summary>
    /// Every constructor of PDFsharp's objects, held for as long as the process runs. PDFsharp makes a document's
    /// catalogue, pages, resources and arrays by looking a constructor up and invoking it; the runtime keeps what it
    /// found of a type in a cache that a garbage collection drops while nothing else holds one of its members, and after
    /// each drop the next invoke emits and JIT-compiles its stub again: 1.7 methods a report, each of them its own JIT,
    /// after hundreds of warm renders (reports bench; none while these are held).
    /// </summary>
    private static readonly ConstructorInfo[] PdfObjectConstructors = typeof(PdfItem).Assembly.GetTypes()
        .Where(t => typeof(PdfItem).IsAssignableFrom(t))
        .SelectMany(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        .ToArray();

    /// <summary>
    /// The document as a PDF. A character the font has no glyph for (a record saved before the save-time check, see
    /// <see cref="ReportGlyphs"/>) is printed as □ and the report ends with a note naming the texts that held one:
    /// one record never costs the whole network its report.
    /// </summary>
    public byte[] Render(ReportDocument document)
    {
        GC.KeepAlive(PdfObjectConstructors);
        document = document.Printable();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Author;
        pdf.Info.Creator = "BranchNetwork";
        pdf.Info.CreationDate = time.GetLocalNow().DateTime;
        pdf.Language = document.Language;
        // A browser's viewer shows the report's title in its tab rather than the file name.
        pdf.ViewerPreferences.DisplayDocTitle = true;
        // PdfStreams compresses the streams after the save: PDFsharp's own zlib streams lack their checksum.
        pdf.Options.NoCompression = true;
        pdf.Options.CompressContentStreams = false;

        var layout = new Layout(pdf, document.Header);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case TitleBlock b:
                    layout.Text(b.Text, layout.TitleFont, Accent, spaceBefore: 4, b.Align);
                    break;
                case Heading h:
                    layout.Heading(h.Text);
                    break;
                case Paragraph p:
                    layout.Text(p.Text, layout.BodyFont, Ink, spaceBefore: 4, p.Align);
                    break;
                case Spacer s:
                    layout.Space(s.Height);
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
                case LineChart c:
                    layout.Chart(c);
                    break;
                case SignatureBlock s:
                    layout.Signatures(s);
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

        using var output = new PooledBuffer(1 << 20);
        pdf.Save(output, false);
        return PdfStreams.Compress(output.Written);
    }

    private sealed class Layout : IDisposable
    {
        private readonly PdfDocument pdf;
        private readonly string header;
        private readonly Dictionary<(double Size, bool Bold), XFont> smaller = [];
        private XGraphics? gfx;
        private double y;

        public Layout(PdfDocument pdf, string header)
        {
            this.pdf = pdf;
            this.header = header;
            NewPage();
        }

        public XFont TitleFont { get; } = new(ReportFonts.Family, 20, XFontStyleEx.Bold);

        private XFont HeadingFont { get; } = new(ReportFonts.Family, 14, XFontStyleEx.Bold);

        public XFont BodyFont { get; } = new(ReportFonts.Family, 10);

        private XFont SmallFont { get; } = new(ReportFonts.Family, 8.5);

        private XFont SmallBold { get; } = new(ReportFonts.Family, 8.5, XFontStyleEx.Bold);

        private XGraphics G => gfx!;

        private double Width => pdf.Pages[^1].Width.Point - 2 * Margin;

        private double Bottom => pdf.Pages[^1].Height.Point - Margin - FooterHeight;

        public void Text(string text, XFont font, XColor color, double spaceBefore, Align align = Align.Left)
        {
            y += spaceBefore;
            foreach (var line in Wrap(text, font, Width))
            {
                var height = font.GetHeight();
                Room(height);
                G.DrawString(line, font, new XSolidBrush(color), new XRect(Margin, y, Width, height), Format(align));
                y += height + LineGap / 2;
            }
        }

        /// <summary>A heading, on the next page when this one has no room for a few lines under it: a heading never ends a page.</summary>
        public void Heading(string text)
        {
            const double spaceBefore = 10;
            Room(spaceBefore + HeadingFont.GetHeight() + 3 * SmallFont.GetHeight() + 12);
            Text(text, HeadingFont, Accent, spaceBefore);
        }

        public void Space(double height)
        {
            y += height;
            Room(0);
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

        /// <summary>Two roles a row, each followed by its name or a line to sign on; the seal's place to the right; kept on one page.</summary>
        public void Signatures(SignatureBlock block)
        {
            const double rowHeight = 26;
            var rows = (block.Lines.Count + 1) / 2;
            y += 14;
            Room(rows * rowHeight + 4);
            var half = (Width - 90) / 2;
            var pen = new XPen(Ink, 0.5);
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var (role, name) = block.Lines[i];
                var x = Margin + i % 2 * half;
                var top = y + i / 2 * rowHeight;
                var label = role + "：";
                var labelWidth = G.MeasureString(label, BodyFont).Width;
                G.DrawString(label, BodyFont, new XSolidBrush(Ink), new XRect(x, top, labelWidth, 14), XStringFormats.TopLeft);
                if (name is { Length: > 0 })
                {
                    // A long name (an account's display name with its e-mail) shrinks, then wraps, rather than run into the next role.
                    var fitted = Fit(name, BodyFont, half - labelWidth - 12);
                    var lineY = top + 14 - fitted.Height;
                    foreach (var line in fitted.Lines)
                    {
                        G.DrawString(line, fitted.Font, new XSolidBrush(Ink), new XRect(x + labelWidth + 2, lineY, half - labelWidth - 12, fitted.Font.GetHeight()), XStringFormats.TopLeft);
                        lineY += fitted.Font.GetHeight();
                    }
                }

                G.DrawLine(pen, x + labelWidth, top + 15, x + half - 16, top + 15);
            }

            var seal = Margin + Width - 80;
            G.DrawEllipse(new XPen(Rule, 0.6) { DashStyle = XDashStyle.Dash }, seal, y - 4, 70, 50);
            G.DrawString(block.Seal, SmallFont, new XSolidBrush(Ink), new XRect(seal, y + 14, 70, 14), XStringFormats.Center);
            y += Math.Max(rows * rowHeight, 50) + 4;
        }

        public void Table(Table table)
        {
            var widths = table.Columns.Select(c => c.Width / table.Columns.Sum(x => x.Width) * Width).ToArray();
            y += 6;
            var header = FitHeader(table.Columns, widths);
            var headerHeight = RowHeight(header);
            Room(headerHeight + Math.Max(table.MinRowHeight, headerHeight));
            DrawRow(header, table.Columns, widths, headerHeight, HeaderGround, table.Ruled);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var subtotal = table.Subtotals?.Contains(r) == true;
                var cells = FitRow(table.Rows[r], widths, subtotal ? SmallBold : SmallFont);
                var height = Math.Max(table.MinRowHeight, RowHeight(cells));
                if (y + height > Bottom)
                {
                    NewPage();
                    DrawRow(header, table.Columns, widths, headerHeight, HeaderGround, table.Ruled);
                }

                DrawRow(cells, table.Columns, widths, height, subtotal ? SubtotalGround : r % 2 == 1 && !table.Ruled ? Stripe : null, table.Ruled);
            }

            if (table.Totals is { } totals)
            {
                var cells = FitRow(totals, widths, SmallBold);
                var height = RowHeight(cells);
                Room(height);
                G.DrawLine(new XPen(Ink, 0.8), Margin, y, Margin + Width, y);
                DrawRow(cells, table.Columns, widths, height, null, table.Ruled);
            }

            y += 6;
        }

        /// <summary>
        /// One bar a label, 16 pt apart; closer, down to 12 pt, when that keeps the chart on the page its table ends on
        /// (a chart of 13 branches alone on a last page reads as left over); a chart too long for any page runs on.
        /// </summary>
        public void Chart(BarChart chart)
        {
            const double widest = 16, closest = 12;
            var labelWidth = Width * 0.28;
            var max = Math.Max(1, chart.Bars.Max(b => b.Value));
            var titleHeight = 8 + BodyFont.GetHeight() + LineGap / 2;
            var pitch = Math.Clamp(Math.Floor((Bottom - y - titleHeight) / chart.Bars.Count * 10) / 10, closest, widest);
            KeepTogether(titleHeight + chart.Bars.Count * pitch);
            if (y == Margin)
            {
                pitch = widest;
            }

            Text(chart.Title, BodyFont, Accent, spaceBefore: 8);
            var barHeight = pitch - 4;
            foreach (var (label, value) in chart.Bars)
            {
                Room(pitch);
                G.DrawString(label, SmallFont, new XSolidBrush(Ink), new XRect(Margin, y, labelWidth - 6, pitch), XStringFormats.CenterLeft);
                var length = (Width - labelWidth - 60) * value / max;
                G.DrawRectangle(new XSolidBrush(Accent), Margin + labelWidth, y + 3, Math.Max(0.5, length), barHeight - 2);
                G.DrawString(value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), SmallFont, new XSolidBrush(Ink),
                    new XRect(Margin + labelWidth + length + 4, y, 56, pitch), XStringFormats.CenterLeft);
                y += pitch;
            }
        }

        /// <summary>Lines over a grid with the value axis from 0 to a rounded maximum, a point per label, and a legend.</summary>
        public void Chart(LineChart chart)
        {
            const double plotHeight = 150;
            const double axisWidth = 48;
            KeepTogether(BodyFont.GetHeight() + 12 + plotHeight + 40);
            Text(chart.Title, BodyFont, Accent, spaceBefore: 8);
            var top = y + 4;
            var left = Margin + axisWidth;
            var plotWidth = Width - axisWidth - 8;
            var highest = chart.Series.SelectMany(s => s.Values).Max() ?? 0;
            var max = highest > 0 ? RoundNumber.Up(highest) : 1;
            var step = chart.Labels.Count > 1 ? plotWidth / (chart.Labels.Count - 1) : plotWidth;
            double X(int i) => chart.Labels.Count > 1 ? left + i * step : left + plotWidth / 2;
            double Y(double value) => top + plotHeight - plotHeight * value / max;

            for (var tick = 0; tick <= 4; tick++)
            {
                var value = max * tick / 4;
                G.DrawLine(new XPen(Rule, tick == 0 ? 0.8 : 0.4), left, Y(value), left + plotWidth, Y(value));
                G.DrawString(value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), SmallFont, new XSolidBrush(Ink),
                    new XRect(Margin, Y(value) - 6, axisWidth - 6, 12), XStringFormats.CenterRight);
            }

            for (var i = 0; i < chart.Labels.Count; i++)
            {
                G.DrawString(chart.Labels[i], SmallFont, new XSolidBrush(Ink), new XRect(X(i) - 20, top + plotHeight + 3, 40, 12), XStringFormats.TopCenter);
            }

            for (var s = 0; s < chart.Series.Count; s++)
            {
                var colour = SeriesColours[s % SeriesColours.Length];
                var values = chart.Series[s].Values;
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i] is not { } value)
                    {
                        continue;
                    }

                    // A month without figures is a gap in the line, not a fall to zero.
                    if (i > 0 && values[i - 1] is { } previous)
                    {
                        G.DrawLine(new XPen(colour, 1.4), X(i - 1), Y(previous), X(i), Y(value));
                    }

                    G.DrawEllipse(new XSolidBrush(colour), X(i) - 1.8, Y(value) - 1.8, 3.6, 3.6);
                }

                var legendX = left + s * 130;
                G.DrawRectangle(new XSolidBrush(colour), legendX, top + plotHeight + 20, 10, 4);
                G.DrawString(chart.Series[s].Name, SmallFont, new XSolidBrush(Ink), new XRect(legendX + 14, top + plotHeight + 16, 112, 12), XStringFormats.TopLeft);
            }

            y = top + plotHeight + 36;
        }

        public void Finish() => Dispose();

        public void Dispose()
        {
            gfx?.Dispose();
            gfx = null;
        }

        private static XStringFormat Format(Align align) => align switch
        {
            Align.Right => XStringFormats.TopRight,
            Align.Center => XStringFormats.TopCenter,
            _ => XStringFormats.TopLeft,
        };

        /// <summary>
        /// A row's cells from the top of its text, which stands in the middle of a row taller than it (a row to sign in);
        /// a cell printed smaller than its neighbours stands in the middle of their first line; a ruled row boxes each cell.
        /// </summary>
        private void DrawRow(Cell[] cells, IReadOnlyList<Column> columns, double[] widths, double height, XColor? fill, bool ruled)
        {
            if (fill is { } color)
            {
                G.DrawRectangle(new XSolidBrush(color), Margin, y, Width, height);
            }

            var top = y + (height - cells.Max(c => c.Height)) / 2;
            var firstLine = cells.Max(c => c.Font.GetHeight());
            var x = Margin;
            for (var c = 0; c < columns.Count; c++)
            {
                var font = cells[c].Font;
                var lineY = top + (firstLine - font.GetHeight()) / 2;
                foreach (var line in cells[c].Lines)
                {
                    G.DrawString(line, font, new XSolidBrush(Ink), new XRect(x + 3, lineY, widths[c] - 6, font.GetHeight()), Format(columns[c].Align));
                    lineY += font.GetHeight();
                }

                x += widths[c];
            }

            if (ruled)
            {
                var pen = new XPen(Ink, 0.5);
                G.DrawRectangle(pen, Margin, y, Width, height);
                x = Margin;
                foreach (var width in widths[..^1])
                {
                    x += width;
                    G.DrawLine(pen, x, y, x, y + height);
                }
            }
            else
            {
                G.DrawLine(new XPen(Rule, 0.4), Margin, y + height, Margin + Width, y + height);
            }

            y += height;
        }

        private static double RowHeight(Cell[] cells) => 6 + cells.Max(c => c.Height);

        /// <summary>A cell's text as it is printed: its lines, in one font.</summary>
        private sealed record Cell(XFont Font, List<string> Lines)
        {
            public double Height => Lines.Count * Font.GetHeight();
        }

        /// <summary>
        /// The header row in one size for all its cells: the largest, down to <see cref="MinimumFontSize"/>, at which
        /// every header fits on one line; else the largest at which each wraps between its words (<see cref="LineBreaks.Words"/>);
        /// only a header with a word wider than its column at the least size breaks inside it.
        /// </summary>
        private Cell[] FitHeader(IReadOnlyList<Column> columns, double[] widths)
        {
            var headers = columns.Select(c => c.Header).ToList();
            foreach (var font in Sizes(SmallBold))
            {
                if (headers.Select((h, c) => OnOneLine(h, font, widths[c] - 6)).All(fits => fits))
                {
                    return [.. headers.Select(h => new Cell(font, [h]))];
                }
            }

            foreach (var font in Sizes(SmallBold))
            {
                if (headers.Select((h, c) => WordsFit(h, font, widths[c] - 6)).All(fits => fits))
                {
                    return [.. headers.Select((h, c) => new Cell(font, Wrap(h, font, widths[c] - 6, LineBreaks.Words)))];
                }
            }

            var least = Sizes(SmallBold).Last();
            return [.. headers.Select((h, c) => new Cell(least, Wrap(h, least, widths[c] - 6, WordsFit(h, least, widths[c] - 6) ? LineBreaks.Words : null)))];
        }

        private Cell[] FitRow(IReadOnlyList<string> cells, double[] widths, XFont font) =>
            [.. widths.Select((width, c) => Fit(c < cells.Count ? cells[c] : "", font, width - 6))];

        /// <summary>
        /// A body cell (or a name) in a width: on one line, shrunk down to <see cref="MinimumFontSize"/> if it must; else
        /// wrapped in its own size between its words when that takes no more lines than wrapping between any two CJK
        /// characters, as running text does (a list of checklist items), so a short label never breaks inside a word.
        /// </summary>
        private Cell Fit(string text, XFont font, double width)
        {
            foreach (var sized in Sizes(font))
            {
                if (OnOneLine(text, sized, width))
                {
                    return new Cell(sized, [text]);
                }
            }

            var anywhere = Wrap(text, font, width);
            return WordsFit(text, font, width) && Wrap(text, font, width, LineBreaks.Words) is var atWords && atWords.Count <= anywhere.Count
                ? new Cell(font, atWords)
                : new Cell(font, anywhere);
        }

        private bool OnOneLine(string text, XFont font, double width) => !text.Contains('\n') && G.MeasureString(text, font).Width <= width;

        private bool WordsFit(string text, XFont font, double width) =>
            text.Split('\n').SelectMany(LineBreaks.Words).All(word => G.MeasureString(word.Trim(), font).Width <= width);

        /// <summary>The font, then the same a half point smaller each, down to <see cref="MinimumFontSize"/>.</summary>
        private IEnumerable<XFont> Sizes(XFont font)
        {
            yield return font;
            for (var size = font.Size - FontSizeStep; size >= MinimumFontSize; size -= FontSizeStep)
            {
                var key = (size, font.Bold);
                if (!smaller.TryGetValue(key, out var smallerFont))
                {
                    smallerFont = new XFont(ReportFonts.Family, size, font.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
                    smaller[key] = smallerFont;
                }

                yield return smallerFont;
            }
        }

        private void Room(double height)
        {
            if (y + height > Bottom)
            {
                NewPage();
            }
        }

        /// <summary>Starts a new page when a block that would fit on one page does not fit on what is left of this one.</summary>
        private void KeepTogether(double height)
        {
            if (height < Bottom - Margin)
            {
                Room(height);
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

        /// <summary>Breaks text into lines that fit, between the tokens the rule makes (<see cref="LineBreaks"/>).</summary>
        private List<string> Wrap(string text, XFont font, double width, Func<string, List<string>>? tokens = null)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                foreach (var token in (tokens ?? LineBreaks.Characters)(paragraph))
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
    }
}
