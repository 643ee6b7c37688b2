using System.Globalization;
using System.Text;
using BranchNetwork.Core.Reports;
using static System.Net.WebUtility;

namespace BranchNetwork.Bench;

/// <summary>
/// The same <see cref="ReportDocument"/> as an HTML page for Chromium to print: A4 with PdfRenderer's margins, the
/// same CJK font (WenQuanYi Micro Hei, the face PdfRenderer cuts from wqy-microhei.ttc), the table header repeated
/// on each page by <c>thead</c>, rows that never split, stripes, totals once at the end, bars as boxes, and the
/// header and "第 N 页 / 共 M 页" footer as Chromium's print header and footer templates.
/// </summary>
internal static class ReportHtml
{
    public const string Font = "WenQuanYi Micro Hei";

    // PdfRenderer's 50 pt margins (the footer band adds 24 pt at the bottom), in mm: Playwright takes no pt.
    public const string MarginSide = "17.64mm";
    public const string MarginTop = "17.64mm";
    public const string MarginBottom = "26.11mm";

    private const string Style = $$"""
        body { font-family: "{{Font}}"; color: #212121; font-size: 10pt; margin: 0; }
        h1 { font-size: 14pt; color: #1f5f8b; margin: 10pt 0 4pt; }
        p { margin: 4pt 0; }
        .tiles { display: flex; gap: 8pt; margin: 6pt 0 8pt; }
        .tile { flex: 1; height: 46pt; box-sizing: border-box; padding: 6pt 8pt; background: #f4f7fa; border: 0.6pt solid #c8d0d8; }
        .tile b { display: block; font-size: 14pt; color: #1f5f8b; }
        .tile span { font-size: 8.5pt; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; margin: 6pt 0; }
        thead { display: table-header-group; }
        th { background: #e1eaf2; text-align: left; }
        th, td { padding: 3pt; border-bottom: 0.4pt solid #c8d0d8; vertical-align: top; }
        tr { break-inside: avoid; }
        tbody tr:nth-child(even) { background: #f4f7fa; }
        tr.total td { font-weight: bold; border-top: 0.8pt solid #212121; background: none; }
        .r { text-align: right; }
        h2 { font-size: 10pt; color: #1f5f8b; margin: 8pt 0 4pt; font-weight: normal; }
        .bar { display: flex; align-items: center; height: 16pt; font-size: 8.5pt; break-inside: avoid; }
        .bar span { width: 28%; }
        .bar i { display: block; height: 10pt; background: #1f5f8b; margin-right: 4pt; }
        """;

    public static string Page(ReportDocument document)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append($"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{HtmlEncode(document.Title)}</title><style>{Style}</style></head><body>""");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h1>{HtmlEncode(h.Text)}</h1>");
                    break;
                case Paragraph p:
                    html.Append($"<p>{HtmlEncode(p.Text)}</p>");
                    break;
                case KeyFigures k:
                    html.Append("<div class=\"tiles\">");
                    html.AppendJoin("", k.Figures.Select(f => $"<div class=\"tile\"><b>{HtmlEncode(f.Value)}</b><span>{HtmlEncode(f.Label)}</span></div>"));
                    html.Append("</div>");
                    break;
                case Table t:
                    AppendTable(html, t);
                    break;
                case BarChart c:
                    var max = Math.Max(1, c.Bars.Max(b => b.Value));
                    html.Append($"<h2>{HtmlEncode(c.Title)}</h2>");
                    html.AppendJoin("", c.Bars.Select(b => string.Create(CultureInfo.InvariantCulture,
                        $"<div class=\"bar\"><span>{HtmlEncode(b.Label)}</span><i style=\"width:{60 * b.Value / max:0.##}%\"></i>{b.Value:#,0}</div>")));
                    break;
            }
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>Chromium's print header: the document header, in the document font.</summary>
    public static string HeaderTemplate(ReportDocument document) =>
        $"""<div style="font-family:'{Font}';font-size:8pt;color:#1f5f8b;width:100%;box-sizing:border-box;padding:0 {MarginSide}"><div style="padding-bottom:4pt;border-bottom:0.8pt solid #1f5f8b">{HtmlEncode(document.Header)}</div></div>""";

    /// <summary>Chromium's print footer: the document's footer with Chromium's page-number placeholders.</summary>
    public static string FooterTemplate(ReportDocument document)
    {
        // Two numbers no footer text contains stand in for the page and the page count, then become Chromium's spans.
        var footer = HtmlEncode(document.Footer(9_000_001, 9_000_002))
            .Replace("9000001", "<span class=\"pageNumber\"></span>", StringComparison.Ordinal)
            .Replace("9000002", "<span class=\"totalPages\"></span>", StringComparison.Ordinal);
        return $"""<div style="font-family:'{Font}';font-size:8pt;color:#212121;width:100%;text-align:center">{footer}</div>""";
    }

    private static void AppendTable(StringBuilder html, Table table)
    {
        var total = table.Columns.Sum(c => c.Width);
        string Cell(string tag, string text, Column column) =>
            $"<{tag}{(column.Align == Align.Right ? " class=\"r\"" : "")}>{HtmlEncode(text)}</{tag}>";

        html.Append("<table><colgroup>");
        html.AppendJoin("", table.Columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"<col style=\"width:{100 * c.Width / total:0.##}%\">")));
        html.Append("</colgroup><thead><tr>");
        html.AppendJoin("", table.Columns.Select(c => Cell("th", c.Header, c)));
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>").AppendJoin("", row.Select((cell, i) => Cell("td", cell, table.Columns[i]))).Append("</tr>");
        }

        if (table.Totals is { } totals)
        {
            // A last body row, not tfoot: Chromium repeats a tfoot on every page, PdfRenderer prints the totals once.
            html.Append("<tr class=\"total\">").AppendJoin("", totals.Select((cell, i) => Cell("td", cell, table.Columns[i]))).Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
