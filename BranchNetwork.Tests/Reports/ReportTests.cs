using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Training;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Reports;

/// <summary>The PDF layer and the network monthly report, read back with PdfPig.</summary>
public abstract class ReportTests : IDisposable
{
    private const string Wqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
    private readonly TestNetwork network;

    protected ReportTests(DatabaseKind kind)
    {
        network = new(seedFigures: true, kind: kind);
        Assert.True(File.Exists(Wqy), $"The report tests need {ReportFonts.DebianPackage}: run the README's test command, which installs it.");
        Assert.NotNull(ReportFonts.Register(null));
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    public void Dispose() => network.Dispose();

    /// <summary>The portal's own words, in the current UI culture.</summary>
    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    /// <summary>Keeps the PDF and a PNG of its first page in the test output, for a person to look at.</summary>
    internal static void KeepForReview(string name, byte[] pdf)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-output")).FullName;
        var file = Path.Combine(folder, $"{name}.pdf");
        File.WriteAllBytes(file, pdf);
        using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(folder, name)])
            { RedirectStandardError = true })!;
        render.WaitForExit();
        Assert.True(File.Exists(Path.Combine(folder, $"{name}.png")), $"pdftoppm could not render {name}.pdf: {render.StandardError.ReadToEnd()}");
    }

    private T Report<T>() where T : notnull => network.Services.GetRequiredService<T>();

    [Fact]
    public void A_face_cut_from_the_collection_is_a_standalone_TrueType_font()
    {
        var face = ReportFonts.ExtractFace(File.ReadAllBytes(Wqy), 0)!;

        Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(face));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        Assert.InRange(tables, 8, 40);
        var lastOffset = BinaryPrimitives.ReadInt32BigEndian(face.AsSpan(12 + 16 * (tables - 1) + 8));
        Assert.InRange(lastOffset, 12 + 16 * tables, face.Length);
    }

    [Fact]
    public void Anything_but_TrueType_is_not_taken_for_a_font()
    {
        Assert.Null(ReportFonts.ExtractFace("OTTO and then some CFF"u8.ToArray(), 0));
        Assert.Null(ReportFonts.ExtractFace([1, 2, 3], 0));
    }

    [Fact]
    public async Task The_network_monthly_report_prints_Chinese_every_unit_totals_and_page_numbers()
    {
        var pdf = (await Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 1), Text))!;
        KeepForReview("network-monthly", pdf);

        using var db = network.Database.CreateDbContext();
        var visits = db.MonthlyReports.Where(r => r.PeriodKey == 202601).SelectMany(r => r.Values)
            .Where(v => v.Indicator.Code == "visits").AsEnumerable().Sum(v => v.Value ?? 0);
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))).ToList();
        var all = string.Concat(pages);
        Assert.True(visits > 10_000);
        Assert.Contains(visits.ToString("#,0", CultureInfo.InvariantCulture), all);
        Assert.All(document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct(),
            font => Assert.Matches("^[A-Z]{6}\\+", font));
        Assert.Contains("2026-01全网月报汇总", all.Replace(" ", ""));
        Assert.Contains("火岗村服务点", all);
        Assert.Contains("秤架瑶族乡", all);
        Assert.Contains("合计", all);
        Assert.Contains("阳山县图书馆", all);
        Assert.All(pages.Where(p => p.Contains("小计")), p => Assert.Contains("单位状态", p.Replace(" ", "")));
        Assert.Contains($"第1页/共{pages.Count}页", pages[0].Replace(" ", ""));
        Assert.Equal("2026-01 全网月报汇总", document.Information.Title);
    }

    [Fact]
    public async Task The_network_monthly_report_totals_each_branch_with_its_service_points_and_compares_with_the_same_month_last_year()
    {
        var pdf = (await Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 1), Text))!;

        using var db = network.Database.CreateDbContext();
        decimal Visits(int periodKey, string codePrefix) => db.MonthlyReports.Where(r => r.PeriodKey == periodKey && r.Unit.Code.StartsWith(codePrefix)
                && r.State == ReportState.Approved)
            .SelectMany(r => r.Values).Where(v => v.Indicator.Code == "visits").AsEnumerable().Sum(v => v.Value ?? 0);
        static string Change(decimal now, decimal before) => ((now - before) / before).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
        string Number(decimal value) => value.ToString("#,0", CultureInfo.InvariantCulture);
        var qigong = Visits(202601, "YS-QG");
        var qigongLastYear = Visits(202501, "YS-QG");
        var network2026 = Visits(202601, "YS-");
        var network2025 = Visits(202501, "YS-");
        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");

        Assert.True(qigong > 1_000 && qigongLastYear > 1_000);
        Assert.Contains($"小计已审核4/4{Number(qigong)}", all);
        Assert.Contains(Change(qigong, qigongLastYear), all);
        Assert.Contains("与去年同月（2025-01）比较", all);
        Assert.Contains($"到馆人次{Number(network2026)}{Number(network2025)}{Change(network2026, network2025)}", all);
    }

    [Fact]
    public async Task The_network_monthly_chart_of_branches_stands_whole_on_the_page_where_the_table_ends()
    {
        var pdf = (await Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 1), Text))!;

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)).Replace(" ", "")).ToList();
        var chart = pages.FindIndex(p => p.Contains("各分馆到馆人次"));
        Assert.True(chart >= 0);
        Assert.Contains("合计已审核", pages[chart]);
        var afterChart = pages[chart][pages[chart].IndexOf("各分馆到馆人次", StringComparison.Ordinal)..];
        Assert.Equal(13, afterChart.Split("镇分馆").Length - 1 + afterChart.Split("乡分馆").Length - 1);
    }

    [Fact]
    public async Task A_month_that_has_not_ended_gives_no_report_and_a_branch_worker_gets_none()
    {
        Assert.Null(await Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 3), Text));

        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 1), Text));
    }

    [Fact]
    public async Task A_unit_s_annual_report_lists_its_twelve_months_and_stays_inside_the_reader_s_scope()
    {
        var pdf = (await Report<UnitAnnualReport>().RenderAsync("ys-qg", 2025, Text))!;
        KeepForReview("unit-annual", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
        Assert.Contains("2025年度报表", all.Replace(" ", ""));
        Assert.Contains("2025-01", all);
        Assert.Contains("2025-12", all);
        Assert.Null(await Report<UnitAnnualReport>().RenderAsync("YS-QG", 2027, Text));
        Assert.Null(await Report<UnitAnnualReport>().RenderAsync("YS-NOPE", 2025, Text));

        network.ActAsBranchWorker("YS-QG");
        Assert.NotNull(await Report<UnitAnnualReport>().RenderAsync("YS-QG", 2025, Text));
        Assert.Null(await Report<UnitAnnualReport>().RenderAsync("YS-LB", 2025, Text));
    }

    [Fact]
    public async Task A_unit_s_annual_report_carries_its_profile_chart_checklist_resources_training_and_activities()
    {
        await network.Services.GetRequiredService<DemoTraining>().SeedAsync();
        await network.Services.GetRequiredService<DemoActivities>().SeedAsync();
        await network.Services.GetRequiredService<DemoResources>().SeedAsync();
        var activities = await network.Services.GetRequiredService<ActivityService>().YearAsync(new ActivityFilter(2026, UnitCode: "YS-QG"));
        var resources = (await network.Services.GetRequiredService<ResourcesService>().ItemsAsync()).Where(r => r.UnitCode == "YS-QG").ToList();
        var checklist = (await network.Services.GetRequiredService<ProgrammeService>().ChecklistAsync("YS-QG"))!;

        var pdf = (await Report<UnitAnnualReport>().RenderAsync("YS-QG", 2026, Text))!;
        KeepForReview("unit-annual-sections", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.All(["基本资料", "逐月主要指标", "逐月到馆人次", "挂牌与达标", "资源", "业务培训", "阅读推广活动"], section => Assert.Contains(section, all));
        Assert.Contains("乡镇七拱镇", all);
        Assert.Contains($"达标检查{checklist.Count(c => c.Met)}/{checklist.Count}项达标", all);
        Assert.NotEmpty(activities);
        Assert.All(activities, a => Assert.Contains(a.Details.Title.Replace(" ", ""), all));
        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.Contains(r.Details.Name.Replace(" ", ""), all));
        Assert.Contains("20262025", all);
    }

    [Fact]
    public async Task The_plaque_report_counts_plaqued_units_and_dates_each_one()
    {
        var pdf = await Report<PlaquesReport>().RenderAsync(Text);
        KeepForReview("plaques", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("共52个分馆和服务点，已挂牌52个。", all);
        Assert.Contains("火岗村服务点", all);
    }

    [Fact]
    public async Task The_plaque_report_gives_each_unit_s_checklist_status_and_the_items_it_still_misses()
    {
        await network.Services.GetRequiredService<DemoResources>().SeedAsync();
        var programme = network.Services.GetRequiredService<ProgrammeService>();
        var item = (await programme.ChecklistAsync("YS-QG-01"))!.First(c => !c.IsMeasured);
        await programme.SetAsync("YS-QG-01", item.ItemId, item.Version, met: true, "阅览室已按标准布置", photo: null);
        var checklist = (await programme.ChecklistAsync("YS-QG-01"))!;
        var unit = (await network.Services.GetRequiredService<BranchNetwork.Core.Network.NetworkService>().GetAsync("YS-QG-01"))!;

        var pdf = await Report<PlaquesReport>().RenderAsync(Text);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        var missing = string.Join("、", checklist.Where(c => !c.Met).Select(c => c.Item));
        Assert.True(checklist.Count > 1);
        Assert.Contains($"{unit.Profile.Name}YS-QG-01服务点{unit.PlaquedOn:yyyy-MM-dd}{checklist.Count(c => c.Met)}/{checklist.Count}{missing}".Replace(" ", ""), all);
        Assert.Contains($"达标检查共{checklist.Count}项", all);
    }

    [Fact]
    public async Task A_certificate_names_the_person_the_session_and_the_credited_hours_and_only_for_someone_who_attended()
    {
        await network.Services.GetRequiredService<DemoTraining>().SeedAsync();
        var training = network.Services.GetRequiredService<TrainingService>();
        var summary = (await training.SessionsAsync(2020)).First(s => s.Attended > 0);
        var session = (await training.SessionAsync(summary.Id))!;
        var attendee = session.Attendees.First(a => a.Attended);

        var pdf = (await Report<CertificateReport>().RenderAsync(session.Id, attendee.StaffMemberId, Text))!;
        KeepForReview("certificate", pdf);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        var all = string.Concat(document.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("培训证明", all);
        Assert.Contains($"兹证明{attendee.Name}（{attendee.UnitName}）", all);
        Assert.Contains($"“{session.Details.Title.Replace(" ", "")}”培训", all);
        Assert.Contains($"认定学时{attendee.CreditedHours.ToString("#,0.##", CultureInfo.InvariantCulture)}学时", all);
        // Set as Chinese is set: no spaces around the name, the organiser or the hours; no portal header; room for the seal.
        var asPrinted = string.Concat(document.GetPage(1).GetWords().Select(w => w.Text + " "));
        Assert.DoesNotContain($"兹证明 {attendee.Name}", asPrinted);
        Assert.DoesNotContain("总分馆管理平台", all);
        Assert.Contains("（盖章）", all);
        Assert.Null(await Report<CertificateReport>().RenderAsync(session.Id, 999_999, Text));
        Assert.Null(await Report<CertificateReport>().RenderAsync(999_999, attendee.StaffMemberId, Text));
        if (session.Attendees.FirstOrDefault(a => !a.Attended) is { } absent)
        {
            Assert.Null(await Report<CertificateReport>().RenderAsync(session.Id, absent.StaffMemberId, Text));
        }

        network.ActAsBranchWorker(attendee.UnitCode == "YS-QG" ? "YS-LB" : "YS-QG");
        Assert.Null(await Report<CertificateReport>().RenderAsync(session.Id, attendee.StaffMemberId, Text));
    }

    [Fact]
    public async Task The_training_report_lists_the_year_s_sessions_and_the_hours_the_database_holds()
    {
        await network.Services.GetRequiredService<DemoTraining>().SeedAsync();
        var hours = await network.Services.GetRequiredService<TrainingService>().HoursAsync(2020);

        var pdf = (await Report<TrainingReport>().RenderAsync(2020, Text))!;
        KeepForReview("training", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.True(hours.Total > 800);
        Assert.Contains($"{hours.People.Count}人获得学时，合计{hours.Total.ToString("0.#", CultureInfo.InvariantCulture)}学时。", all);
        Assert.Contains("欧阳晓红", all);
        Assert.Null(await Report<TrainingReport>().RenderAsync(2099, Text));
    }

    [Fact]
    public async Task A_reader_who_chose_English_gets_the_report_in_English()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");

        var pdf = (await Report<MonthlyFiguresReport>().NetworkAsync(new Period(2026, 1), Text))!;

        KeepForReview("network-monthly-en", pdf);
        using var document = PdfDocument.Open(pdf);
        var first = string.Concat(document.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("Networkmonthlysummary2026-01", first);
        Assert.Contains("Visits", first);
        Assert.Contains($"Page1of{document.NumberOfPages}", first);
        Assert.Contains("七拱镇", string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
    }

    [Fact]
    public async Task The_year_s_work_summary_is_drafted_in_the_five_sections_from_the_data()
    {
        await network.Services.GetRequiredService<DemoTraining>().SeedAsync();
        await network.Services.GetRequiredService<DemoActivities>().SeedAsync();
        await network.Services.GetRequiredService<DemoResources>().SeedAsync();
        var hours = await network.Services.GetRequiredService<TrainingService>().HoursAsync(2020);
        var series = await network.Services.GetRequiredService<ActivityService>().SeriesTotalsAsync(2020);

        var pdf = (await Report<AnnualSummaryReport>().RenderAsync(2020, Text))!;

        KeepForReview("annual-summary", pdf);
        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.All(["一、服务数据", "二、人员培训", "三、阅读推广活动", "四、基础设施与经费", "五、总分馆制建设"], section => Assert.Contains(section, all));
        Assert.Contains($"合计{hours.Total.ToString("#,0.##", CultureInfo.InvariantCulture)}学时", all);
        Assert.Contains("共418,000元", all);
        Assert.Contains("已建成乡镇分馆13个、村级服务点39个，其中52个已统一挂牌", all);
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.Contains(s.Series.Replace(" ", ""), all));
        Assert.Null(await Report<AnnualSummaryReport>().RenderAsync(2099, Text));

        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Report<AnnualSummaryReport>().RenderAsync(2020, Text));
    }

    [Fact]
    public void The_font_s_character_map_covers_Chinese_and_Latin_and_names_a_character_it_lacks()
    {
        Assert.True(ReportFonts.Registered!.Covers('阳'));
        Assert.Null(ReportGlyphs.Unprintable("阳山县图书馆秤架瑶族乡分馆 Page 1 of 2 ¥150,000 （第 1 页）\n"));
        Assert.Equal("😀", ReportGlyphs.Unprintable("阳山😀县"));
        Assert.Equal("❤️", ReportGlyphs.Unprintable("爱❤️书"));
        Assert.Equal("□", ReportGlyphs.Mark);
        Assert.Equal("阳山□县□", ReportGlyphs.Replace("阳山😀县👨‍👩‍👧"));
    }

    [Fact]
    public void Long_Chinese_text_wraps_inside_the_page_and_tables_split_between_rows()
    {
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[$"第{i}行服务点", i.ToString(CultureInfo.InvariantCulture)]).ToList();
        var document = new ReportDocument("测试", "测试", "页眉", (p, n) => $"第 {p} 页 / 共 {n} 页",
        [
            new Paragraph(string.Concat(Enumerable.Repeat("阳山县图书馆总分馆制建设稳步推进，", 30))),
            new Table([new Column("单位", 3), new Column("数量", 1, Align.Right)], rows, ["合计", "7260"]),
        ]);

        var pdf = new PdfRenderer(TimeProvider.System).Render(document);

        using var read = PdfDocument.Open(pdf);
        var pages = read.GetPages().ToList();
        Assert.True(pages.Count >= 3);
        Assert.All(pages, p => Assert.All(p.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, p.Width)));
        Assert.All(pages.Skip(1), p => Assert.Contains("单位", string.Concat(p.Letters.Select(l => l.Value))));
        var rowsSeen = pages.SelectMany(p => string.Concat(p.Letters.Select(l => l.Value)).Split("服务点")).Count(s => s.Contains('第'));
        Assert.True(rowsSeen >= 120);
    }

    [Fact]
    public void A_report_asked_again_is_the_same_file_and_one_with_other_words_prints_its_own()
    {
        // The second render takes its font streams compressed from the first (PdfStreams keeps them by their bytes).
        var renderer = new PdfRenderer(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestNetwork.Now));
        ReportDocument Of(string text) => new("测试", "测试", "页眉", (p, n) => $"{p}/{n}",
            [new Paragraph(text), new Table([new Column("单位", 3), new Column("数量", 1, Align.Right)], [["七拱镇分馆", "1,234"]], ["合计", "1,234"])]);

        var first = renderer.Render(Of("阳山县图书馆总分馆月报"));
        var again = renderer.Render(Of("阳山县图书馆总分馆月报"));
        var other = renderer.Render(Of("连州市图书馆流动服务点年报"));

        // PDFsharp names each subset with six random capitals ("ABCDEF+") and each file with a new identifier (the XMP
        // uuid, the trailer's /ID); all else, the compressed fonts included, is byte for byte the same.
        string Unnamed(byte[] pdf) => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.Latin1.GetString(pdf),
            "/[A-Z]{6}\\+|uuid:[0-9a-f-]{36}|<[0-9A-Fa-f]{32}>", "?");
        Assert.Equal(first.Length, again.Length);
        Assert.Equal(Unnamed(first), Unnamed(again));
        using var read = PdfDocument.Open(other);
        Assert.Contains("连州市图书馆流动服务点年报", string.Concat(read.GetPage(1).Letters.Select(l => l.Value)));
        Assert.DoesNotContain("阳山", string.Concat(read.GetPage(1).Letters.Select(l => l.Value)));
    }

    [Theory]
    [InlineData("读者活动场次", "4", 40, "读者活动|场次|4")]
    [InlineData("读者活动场次", "4", 52, "读者活动场次|4")]
    [InlineData("状态", "已完成", 28, "状态|已完成")]
    [InlineData("Programmes held", "12", 50, "Programmes|held|12")]
    [InlineData("Visits vs last year", "+12.5%", 56, "Visits vs|last year|+12.5%")]
    public void A_header_or_a_label_too_wide_for_its_column_shrinks_then_breaks_only_between_words(string header, string cell, double columnWidth, string lines)
    {
        // The table's other column is empty and there is no page header or footer: every letter on the page is the column's.
        var table = new Table([new Column(header, columnWidth), new Column("", 495 - columnWidth)], [[cell, ""]]);
        var pdf = new PdfRenderer(TimeProvider.System).Render(new ReportDocument("测试", "测试", "", (_, _) => "", [table]));

        using var read = PdfDocument.Open(pdf);
        var letters = read.GetPage(1).Letters.Where(l => l.Value != " ").ToList();
        var printed = letters.GroupBy(l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(g => g.Key)
            .Select(line => string.Concat(line.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)));
        Assert.Equal(lines.Replace(" ", ""), string.Join("|", printed));
        Assert.All(letters, l => Assert.InRange(l.BoundingBox.Right, 50, 50 + columnWidth - 2));
        Assert.All(letters, l => Assert.InRange(l.PointSize, 7, 8.5));
    }

    [Fact]
    public void No_line_starts_with_closing_punctuation_or_ends_with_opening_punctuation()
    {
        // Shifting the same sentence by one character at a time puts a line end at every position of it at least once.
        var paragraphs = Enumerable.Range(0, 6)
            .Select(shift => new Paragraph(new string('书', shift) + string.Concat(Enumerable.Repeat("分馆（服务点）开放，读者满意。", 12))))
            .ToList();
        var pdf = new PdfRenderer(TimeProvider.System).Render(new ReportDocument("测试", "测试", "页眉", (p, n) => $"{p}/{n}", paragraphs));

        using var read = PdfDocument.Open(pdf);
        var lines = read.GetPages().SelectMany(p => p.Letters.GroupBy(l => (p.Number, Math.Round(l.StartBaseLine.Y)))
            .Select(line => string.Concat(line.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)))).Where(l => l.Contains("分馆")).ToList();
        Assert.True(lines.Count >= 18);
        Assert.All(lines, line => Assert.DoesNotMatch("^[。，）]", line));
        Assert.All(lines, line => Assert.DoesNotMatch("（$", line));
    }
}

public sealed class ReportTestsOnSqlite() : ReportTests(DatabaseKind.Sqlite);

public sealed class ReportTestsOnPostgreSql() : ReportTests(DatabaseKind.PostgreSql);
