using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as a Word document (.docx) to be edited in Word or WPS: the same blocks the
/// PDF lays out, in the styles an office works with — the title in 标题 1, each section in 标题 2, running text in
/// 正文 (宋体, first line indented two characters), tables in the grid style 表格 with their header repeated on each
/// page — on A4 with Word's default margins, the header line and a 第 N 页 / 共 M 页 footer of page fields.
/// </summary>
/// <remarks>
/// The heading and body styles carry Word's built-in names ("heading 1", "Normal") under the ids Heading1/Normal:
/// Word and WPS show those as 标题 1 / 正文 in a Chinese UI and treat them as the real headings (navigation pane,
/// table of contents, outline levels). A style saved under the Chinese name would be a look-alike custom style.
/// Charts become the table of their figures: an editable Word chart needs an embedded workbook.
/// </remarks>
public sealed class DocxRenderer(TimeProvider time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string TableStyleId = "ReportTable";
    public const string TableTextStyleId = "TableText";

    /// <summary>A4 in twentieths of a point, with Word's default margins for it (2.54 cm top and bottom, 3.18 cm left and right).</summary>
    private const int PageWidth = 11906, PageHeight = 16838, MarginTopBottom = 1440, MarginSides = 1800;

    private const int TextWidth = PageWidth - 2 * MarginSides;

    private const string Song = "宋体", Hei = "黑体", Latin = "Times New Roman";

    /// <summary>Page numbers asked of the footer text to find where its PAGE and NUMPAGES fields go.</summary>
    private const int PageMark = 1_234_567, PagesMark = 7_654_321;

    /// <summary>
    /// The document as a .docx. Its texts are first made printable as for the PDF (<see cref="ReportDocument.Printable"/>),
    /// so the two files say the same and the note naming a replaced character is in both.
    /// </summary>
    public byte[] Render(ReportDocument document)
    {
        document = document.Printable();
        using var output = new MemoryStream();
        using (var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = document.Title;
            word.PackageProperties.Creator = document.Author;
            word.PackageProperties.Created = time.GetUtcNow().UtcDateTime;
            var main = word.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var header = main.AddNewPart<HeaderPart>();
            header.Header = new W.Header(new W.Paragraph(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = "Header" } }, Run(document.Header)));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new W.Footer(Footer(document));

            var body = new Body();
            var headings = 0;
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case TitleBlock b:
                        body.Append(Paragraph(b.Text, "Heading1", b.Align));
                        headings++;
                        break;
                    case Heading h:
                        // The first heading is the document's title (ReportFrame puts it there); the others open its sections.
                        body.Append(Paragraph(h.Text, headings++ == 0 ? "Heading1" : "Heading2"));
                        break;
                    case Paragraph p:
                        body.Append(Paragraph(p.Text, null, p.Align));
                        break;
                    case Spacer s:
                        body.Append(new W.Paragraph(new ParagraphProperties
                        {
                            SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(s.Height), After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                        }));
                        break;
                    case KeyFigures k:
                        body.Append(Table([.. k.Figures.Select(f => new Column(f.Label, 1, Align.Center))], [[.. k.Figures.Select(f => f.Value)]], null, null, 0));
                        body.Append(Gap());
                        break;
                    case Table t:
                        body.Append(Table(t.Columns, t.Rows, t.Totals, t.Subtotals, t.MinRowHeight));
                        body.Append(Gap());
                        break;
                    case BarChart c:
                        body.Append(Caption(c.Title));
                        body.Append(Table([new Column(c.Title, 2), new Column("", 1, Align.Right)],
                            [.. c.Bars.Select(b => (IReadOnlyList<string>)[b.Label, Figure(b.Value)])], null, null, 0));
                        body.Append(Gap());
                        break;
                    case LineChart c:
                        body.Append(Caption(c.Title));
                        body.Append(Table([new Column("", 1.4), .. c.Series.Select(s => new Column(s.Name, 1, Align.Right))],
                            [.. c.Labels.Select((label, i) => (IReadOnlyList<string>)[label, .. c.Series.Select(s => i < s.Values.Count && s.Values[i] is { } v ? Figure(v) : "—")])],
                            null, null, 0));
                        body.Append(Gap());
                        break;
                    case SignatureBlock s:
                        Signatures(body, s);
                        break;
                }
            }

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTopBottom, Bottom = MarginTopBottom, Left = MarginSides, Right = MarginSides, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The styles: document defaults (宋体 with Times New Roman for Latin, 小四), 正文 with its first-line indent and
    /// 1.5 line spacing, 标题 1 centred and 标题 2 in 黑体 with their outline levels, the 表格 grid, its cells' text, and the page header and footer.
    /// </summary>
    private static Styles Styles()
    {
        static RunFonts Fonts(string eastAsia) => new() { Ascii = Latin, HighAnsi = Latin, EastAsia = eastAsia, ComplexScript = Latin };
        static StyleRunProperties Run(string eastAsia, int halfPoints, bool bold = false)
        {
            var run = new StyleRunProperties { RunFonts = Fonts(eastAsia), FontSize = new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) } };
            if (bold)
            {
                run.Bold = new Bold();
            }

            return run;
        }

        static W.Style ParagraphStyle(string id, string name, string? basedOn, StyleParagraphProperties paragraph, StyleRunProperties run, bool primary = true)
        {
            var style = new W.Style { Type = StyleValues.Paragraph, StyleId = id, StyleName = new StyleName { Val = name } };
            if (basedOn is not null)
            {
                style.BasedOn = new BasedOn { Val = basedOn };
                style.NextParagraphStyle = new NextParagraphStyle { Val = "Normal" };
            }

            if (primary)
            {
                style.PrimaryStyle = new PrimaryStyle();
            }

            style.StyleParagraphProperties = paragraph;
            style.StyleRunProperties = run;
            return style;
        }

        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(Song),
                new FontSize { Val = "24" },
                new FontSizeComplexScript { Val = "24" },
                new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));

        var normal = new W.Style { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true, StyleName = new StyleName { Val = "Normal" }, PrimaryStyle = new PrimaryStyle() };
        normal.StyleParagraphProperties = new StyleParagraphProperties
        {
            WidowControl = new WidowControl(),
            SpacingBetweenLines = new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto },
            Indentation = new Indentation { FirstLineChars = 200, FirstLine = "480" },
            Justification = new Justification { Val = JustificationValues.Both },
        };
        normal.StyleRunProperties = Run(Song, 24);

        // 标题 1 is the document's title, centred; 标题 2 opens a section. Both stay with the paragraph after them.
        W.Style HeadingStyle(int level, string after, JustificationValues justification, int halfPoints) =>
            ParagraphStyle($"Heading{level}", $"heading {level}", "Normal", new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                KeepLines = new KeepLines(),
                SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = after, Line = "240", LineRule = LineSpacingRuleValues.Auto },
                Indentation = NoIndent(),
                Justification = new Justification { Val = justification },
                OutlineLevel = new OutlineLevel { Val = level - 1 },
            }, Run(Hei, halfPoints, bold: true));
        var heading1 = HeadingStyle(1, "240", JustificationValues.Center, 36);
        var heading2 = HeadingStyle(2, "120", JustificationValues.Left, 30);
        var tableText = ParagraphStyle(TableTextStyleId, "表格文字", "Normal", new StyleParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Indentation = NoIndent(),
            Justification = new Justification { Val = JustificationValues.Left },
        }, Run(Song, 21));
        var pageHeader = ParagraphStyle("Header", "header", "Normal", new StyleParagraphProperties
        {
            ParagraphBorders = new ParagraphBorders { BottomBorder = new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "auto" } },
            SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Indentation = NoIndent(),
            Justification = new Justification { Val = JustificationValues.Left },
        }, Run(Song, 18), primary: false);
        var pageFooter = ParagraphStyle("Footer", "footer", "Normal", new StyleParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto },
            Indentation = NoIndent(),
            Justification = new Justification { Val = JustificationValues.Center },
        }, Run(Song, 18), primary: false);

        static T Line<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" };
        var table = new W.Style { Type = StyleValues.Table, StyleId = TableStyleId, StyleName = new StyleName { Val = "表格" }, PrimaryStyle = new PrimaryStyle() };
        table.StyleTableProperties = new StyleTableProperties
        {
            TableBorders = new TableBorders
            {
                TopBorder = Line<TopBorder>(),
                LeftBorder = Line<LeftBorder>(),
                BottomBorder = Line<BottomBorder>(),
                RightBorder = Line<RightBorder>(),
                InsideHorizontalBorder = Line<InsideHorizontalBorder>(),
                InsideVerticalBorder = Line<InsideVerticalBorder>(),
            },
            TableCellMarginDefault = new TableCellMarginDefault
            {
                TopMargin = new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                TableCellLeftMargin = new TableCellLeftMargin { Width = 100, Type = TableWidthValues.Dxa },
                BottomMargin = new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                TableCellRightMargin = new TableCellRightMargin { Width = 100, Type = TableWidthValues.Dxa },
            },
        };

        return new Styles(defaults, normal, heading1, heading2, tableText, pageHeader, pageFooter, table);
    }

    /// <summary>A paragraph in <paramref name="style"/> (正文 when null); centred or right-aligned text loses the first-line indent.</summary>
    private static W.Paragraph Paragraph(string text, string? style, Align align = Align.Left)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        if (align != Align.Left)
        {
            properties.Indentation = NoIndent();
            properties.Justification = new Justification { Val = Justify(align) };
        }

        return new W.Paragraph(properties, Run(text));
    }

    /// <summary>A chart's title above the table of its figures, kept with it.</summary>
    private static W.Paragraph Caption(string text) => new(
        new ParagraphProperties { KeepNext = new KeepNext(), Indentation = NoIndent() },
        Run(text, bold: true));

    /// <summary>Room after a table, so the next paragraph does not touch its bottom line.</summary>
    private static W.Paragraph Gap() => new(new ParagraphProperties
    {
        SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
    });

    /// <summary>
    /// A table in the 表格 style over the text width, columns in the model's proportions; the header row repeats on
    /// each page and no row splits. Totals and subtotals are bold; a row with a least height (a sign-in sheet) keeps it.
    /// </summary>
    private static W.Table Table(IReadOnlyList<Column> columns, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string>? totals,
        IReadOnlySet<int>? subtotals, double minRowHeight)
    {
        var sum = columns.Sum(c => c.Width);
        var widths = columns.Select(c => (int)Math.Round(c.Width / sum * TextWidth)).ToArray();
        var table = new W.Table(new TableProperties
        {
            TableStyle = new TableStyle { Val = TableStyleId },
            TableWidth = new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
        });
        table.Append(new TableGrid([.. widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })]));

        table.Append(Row([.. columns.Select(c => c.Header)], columns, widths, bold: true, shade: "E1EAF2", header: true, 0));
        for (var r = 0; r < rows.Count; r++)
        {
            var subtotal = subtotals?.Contains(r) == true;
            table.Append(Row(rows[r], columns, widths, bold: subtotal, shade: subtotal ? "E8F0E8" : null, header: false, minRowHeight));
        }

        if (totals is not null)
        {
            table.Append(Row(totals, columns, widths, bold: true, shade: null, header: false, 0));
        }

        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, IReadOnlyList<Column> columns, int[] widths, bool bold, string? shade, bool header, double minHeight)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        if (minHeight > 0)
        {
            properties.Append(new TableRowHeight { Val = (uint)Math.Round(minHeight * 20), HeightType = HeightRuleValues.AtLeast });
        }

        var row = new TableRow(properties);
        for (var c = 0; c < columns.Count; c++)
        {
            var cell = new TableCellProperties
            {
                TableCellWidth = new TableCellWidth { Width = widths[c].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center },
            };
            if (shade is not null)
            {
                cell.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = shade };
            }

            var paragraph = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = TableTextStyleId } };
            if (columns[c].Align != Align.Left)
            {
                paragraph.Justification = new Justification { Val = Justify(columns[c].Align) };
            }

            row.Append(new TableCell(cell, new W.Paragraph(paragraph, Run(c < cells.Count ? cells[c] : "", bold))));
        }

        return row;
    }

    /// <summary>Two roles a line, each with its name or an underlined blank to sign on; the seal's place on the right.</summary>
    private static void Signatures(Body body, SignatureBlock block)
    {
        var blank = new string('\u3000', 8);
        for (var i = 0; i < block.Lines.Count; i += 2)
        {
            var paragraph = new W.Paragraph(new ParagraphProperties
            {
                KeepNext = new KeepNext(),
                Tabs = new Tabs(new TabStop { Val = TabStopValues.Left, Position = TextWidth / 2 }),
                SpacingBetweenLines = new SpacingBetweenLines { Before = i == 0 ? "480" : "120" },
                Indentation = NoIndent(),
            });
            foreach (var (role, name) in block.Lines.Skip(i).Take(2))
            {
                if (paragraph.Elements<Run>().Any())
                {
                    paragraph.Append(new Run(new TabChar()));
                }

                paragraph.Append(Run(role + "："));
                paragraph.Append(name is { Length: > 0 } ? Run(name) : Run(blank, underline: true));
            }

            body.Append(paragraph);
        }

        body.Append(Paragraph(block.Seal, null, Align.Right));
    }

    /// <summary>The footer's words with its page number and page count as PAGE and NUMPAGES fields, so Word counts the pages it lays out.</summary>
    private static W.Paragraph Footer(ReportDocument document)
    {
        var paragraph = new W.Paragraph(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = "Footer" } });
        var text = document.Footer(PageMark, PagesMark);
        var page = PageMark.ToString(CultureInfo.InvariantCulture);
        var pages = PagesMark.ToString(CultureInfo.InvariantCulture);
        var at = 0;
        while (at < text.Length)
        {
            var nextPage = text.IndexOf(page, at, StringComparison.Ordinal);
            var nextPages = text.IndexOf(pages, at, StringComparison.Ordinal);
            var next = new[] { nextPage, nextPages }.Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (next < 0)
            {
                paragraph.Append(Run(text[at..]));
                break;
            }

            if (next > at)
            {
                paragraph.Append(Run(text[at..next]));
            }

            var isPage = next == nextPage;
            paragraph.Append(new SimpleField(new Run(new Text("1"))) { Instruction = isPage ? " PAGE " : " NUMPAGES " });
            at = next + (isPage ? page : pages).Length;
        }

        return paragraph;
    }

    /// <summary>A run of text: line breaks as breaks, tabs as tabs, and nothing XML cannot hold (a stray control character is dropped).</summary>
    private static Run Run(string text, bool bold = false, bool underline = false)
    {
        var run = new Run();
        if (bold || underline)
        {
            var properties = new RunProperties();
            if (bold)
            {
                properties.Bold = new Bold();
            }

            if (underline)
            {
                properties.Underline = new Underline { Val = UnderlineValues.Single };
            }

            run.Append(properties);
        }

        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                run.Append(new Break());
            }

            var parts = lines[l].Split('\t');
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    run.Append(new TabChar());
                }

                if (parts[p].Length > 0)
                {
                    run.Append(new Text(XmlSafe(parts[p])) { Space = SpaceProcessingModeValues.Preserve });
                }
            }
        }

        return run;
    }

    private static string XmlSafe(string text)
    {
        static bool Allowed(int c) => c is >= 0x20 and not (0xFFFE or 0xFFFF);
        if (text.All(c => Allowed(c) && !char.IsSurrogate(c)))
        {
            return text;
        }

        // Enumerating runes turns a lone surrogate into U+FFFD, which XML holds.
        var safe = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes().Where(r => Allowed(r.Value)))
        {
            safe.Append(rune.ToString());
        }

        return safe.ToString();
    }

    /// <summary>No first-line indent: 正文 has one, a title, a heading, a table cell or a right-aligned line does not.</summary>
    private static Indentation NoIndent() => new() { FirstLineChars = 0, FirstLine = "0" };

    private static JustificationValues Justify(Align align) => align switch
    {
        Align.Right => JustificationValues.Right,
        Align.Center => JustificationValues.Center,
        _ => JustificationValues.Left,
    };

    private static string Twips(double points) => ((int)Math.Round(points * 20)).ToString(CultureInfo.InvariantCulture);

    private static string Figure(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
