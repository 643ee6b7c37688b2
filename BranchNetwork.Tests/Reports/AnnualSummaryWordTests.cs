using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paragraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using Style = DocumentFormat.OpenXml.Wordprocessing.Style;
using ReportTable = BranchNetwork.Core.Reports.Table;
using WordTable = DocumentFormat.OpenXml.Wordprocessing.Table;

namespace BranchNetwork.Tests.Reports;

/// <summary>
/// The year's work summary as a .docx, opened again with the OpenXML SDK: the same headings and tables as the PDF,
/// in the styles Word and WPS know, valid by the SDK's validator.
/// </summary>
public abstract class AnnualSummaryWordTests : IDisposable
{
    private readonly TestNetwork network;

    protected AnnualSummaryWordTests(DatabaseKind kind)
    {
        network = new(seedFigures: true, kind: kind);
        Assert.NotNull(ReportFonts.Register(null));
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private AnnualSummaryReport Report => network.Services.GetRequiredService<AnnualSummaryReport>();

    private async Task SeedAsync()
    {
        await network.Services.GetRequiredService<DemoTraining>().SeedAsync();
        await network.Services.GetRequiredService<DemoActivities>().SeedAsync();
        await network.Services.GetRequiredService<DemoResources>().SeedAsync();
    }

    private static string? StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static List<string> Cells(TableRow row) => row.Elements<TableCell>().Select(c => c.InnerText).ToList();

    /// <summary>Keeps the .docx in the test output, for a person to open in Word or WPS.</summary>
    private static void KeepForReview(string name, byte[] docx)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-output")).FullName;
        File.WriteAllBytes(Path.Combine(folder, $"{name}.docx"), docx);
    }

    [Fact]
    public async Task The_Word_summary_has_the_PDF_s_headings_in_heading_styles_and_its_tables_with_repeated_headers()
    {
        await SeedAsync();
        var summary = (await Report.DocumentAsync(2020, Text))!;

        var docx = (await Report.WordAsync(2020, Text))!;
        var pdf = (await Report.RenderAsync(2020, Text))!;
        KeepForReview("annual-summary", docx);

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = word.MainDocumentPart!.Document!.Body!;
        var headings = body.Elements<Paragraph>().Where(p => StyleOf(p) is "Heading1" or "Heading2").Select(p => (StyleOf(p), p.InnerText)).ToList();
        var expected = summary.Blocks.OfType<Heading>().Select((h, i) => ((string?)(i == 0 ? "Heading1" : "Heading2"), h.Text)).ToList();
        Assert.Equal(expected, headings);
        Assert.Equal(["阳山县图书馆2020年度工作总结（数据初稿）", "一、服务数据", "二、人员培训", "三、阅读推广活动", "四、基础设施与经费", "五、总分馆制建设"],
            headings.Select(h => h.InnerText.Replace(" ", "")));
        using (var read = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var printed = string.Concat(read.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
            Assert.All(headings, h => Assert.Contains(h.InnerText.Replace(" ", ""), printed));
        }

        // One Word table per table of the summary (and one for its key figures), header first, every row there.
        var tables = body.Elements<WordTable>().ToList();
        var modelTables = summary.Blocks.Where(b => b is ReportTable or KeyFigures).ToList();
        Assert.Equal(modelTables.Count, tables.Count);
        foreach (var (model, table) in modelTables.OfType<ReportTable>().Zip(tables.Where((_, i) => modelTables[i] is ReportTable)))
        {
            var rows = table.Elements<TableRow>().ToList();
            Assert.Equal(model.Columns.Select(c => c.Header), Cells(rows[0]));
            Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
            Assert.Equal(1 + model.Rows.Count + (model.Totals is null ? 0 : 1), rows.Count);
            Assert.Equal(model.Rows.Select(r => r.ToList()), rows.Skip(1).Take(model.Rows.Count).Select(Cells));
            Assert.Equal(DocxRenderer.TableStyleId, table.GetFirstChild<TableProperties>()?.TableStyle?.Val?.Value);
        }

        var service = tables.Single(t => Cells(t.Elements<TableRow>().First()).SequenceEqual(["指标", "2020", "2019（可比）", "同比"]));
        Assert.Equal(1 + 5, service.Elements<TableRow>().Count());
        Assert.Equal("到馆人次", Cells(service.Elements<TableRow>().ElementAt(1))[0]);

        var text = body.InnerText;
        Assert.Contains("制表人：", text);
        Assert.Contains(summary.Blocks.OfType<SignatureBlock>().Single().Seal, text);
        var errors = new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_styles_are_the_ones_Word_and_WPS_name_正文_标题_1_标题_2_on_A4_with_page_fields_in_the_footer()
    {
        var docx = (await Report.WordAsync(2020, Text))!;

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = word.MainDocumentPart!;
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal("Normal", styles["Normal"].StyleName!.Val!.Value);
        Assert.True(styles["Normal"].Default?.Value);
        Assert.Equal("宋体", styles["Normal"].StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("Times New Roman", styles["Normal"].StyleRunProperties!.RunFonts!.Ascii!.Value);
        Assert.Equal(("heading 1", 0), (styles["Heading1"].StyleName!.Val!.Value, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value));
        Assert.Equal(("heading 2", 1), (styles["Heading2"].StyleName!.Val!.Value, styles["Heading2"].StyleParagraphProperties!.OutlineLevel!.Val!.Value));
        Assert.Equal("表格", styles[DocxRenderer.TableStyleId].StyleName!.Val!.Value);
        Assert.Equal(StyleValues.Table, styles[DocxRenderer.TableStyleId].Type!.Value);
        Assert.NotNull(styles[DocxRenderer.TableStyleId].StyleTableProperties!.TableBorders!.InsideVerticalBorder);

        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        Assert.Equal((11906u, 16838u), (section.GetFirstChild<PageSize>()!.Width!.Value, section.GetFirstChild<PageSize>()!.Height!.Value));
        Assert.Equal("阳山县图书馆 · 总分馆管理平台", main.HeaderParts.Single().Header!.InnerText);
        var footer = main.FooterParts.Single().Footer!;
        Assert.Equal([" PAGE ", " NUMPAGES "], footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!));
        Assert.StartsWith("第", footer.InnerText);
        Assert.Equal("阳山县图书馆2020年度工作总结（数据初稿）", word.PackageProperties.Title?.Replace(" ", ""));
    }

    [Fact]
    public async Task A_series_holding_an_emoji_reads_as_in_the_PDF_with_the_note_that_names_it()
    {
        await SeedAsync();
        await using (var db = network.Database.CreateDbContext())
        {
            await db.Activities.Where(a => a.Series == DemoActivities.PictureBooks).ExecuteUpdateAsync(s => s.SetProperty(a => a.Series, "绘本😀"));
        }

        var docx = (await Report.WordAsync(2020, Text))!;

        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText.Replace(" ", "")).ToList();
        Assert.DoesNotContain(paragraphs, p => p.Contains("😀"));
        Assert.Contains(paragraphs, p => p.Contains("“绘本□”"));
        var lead = Text("Report.Replaced", "□", "")[..^1].Replace(" ", "");
        Assert.Contains("三、阅读推广活动：“绘本□”", paragraphs.Last(p => p.StartsWith(lead, StringComparison.Ordinal)));
        Assert.Empty(new OpenXmlValidator().Validate(word));
    }

    [Fact]
    public async Task A_year_not_begun_has_no_Word_summary_and_a_branch_worker_gets_none()
    {
        Assert.Null(await Report.WordAsync(2099, Text));

        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<BranchNetwork.Core.Common.AccessDeniedException>(() => Report.WordAsync(2020, Text));
    }
}

public sealed class AnnualSummaryWordTestsOnSqlite() : AnnualSummaryWordTests(DatabaseKind.Sqlite);

public sealed class AnnualSummaryWordTestsOnPostgreSql() : AnnualSummaryWordTests(DatabaseKind.PostgreSql);
