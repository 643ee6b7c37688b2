using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BranchNetwork.Tests.Reports;

/// <summary>The ledgers (台账) written by <see cref="LedgerWriter"/> and read back with MiniExcel, every sheet, against SQL and the services.</summary>
public abstract class LedgerTests : IDisposable
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly TestNetwork network;

    protected LedgerTests(DatabaseKind kind)
    {
        network = new(seedFigures: true, kind: kind);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private T Get<T>() where T : notnull => network.Services.GetRequiredService<T>();

    private async Task SeedDemoAsync()
    {
        await Get<DemoTraining>().SeedAsync();
        await Get<DemoActivities>().SeedAsync();
        await Get<DemoResources>().SeedAsync();
    }

    /// <summary>A written workbook: each sheet's rows as MiniExcel reads them (A, B, C… per row; row 1 the title, row 2 the headers).</summary>
    private sealed record Read(byte[] Bytes, Dictionary<string, List<object?[]>> Sheets)
    {
        public List<object?[]> Sheet(string name) => Sheets[name];

        public static object?[] Row(List<object?[]> sheet, Func<object?[], bool> which) => sheet.Single(which);

        public static string?[] Headers(List<object?[]> sheet) => sheet[1].Select(c => c?.ToString()).ToArray();
    }

    private static async Task<Read> WriteAsync(LedgerWorkbook? workbook)
    {
        Assert.NotNull(workbook);
        var bytes = await LedgerWriter.WriteAsync(workbook);
        var sheets = new Dictionary<string, List<object?[]>>();
        foreach (var name in new MemoryStream(bytes).GetSheetNames())
        {
            sheets[name] = new MemoryStream(bytes).Query(sheetName: name).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        }

        return new Read(bytes, sheets);
    }

    private static decimal Number(object? cell) => Convert.ToDecimal(cell, CultureInfo.InvariantCulture);

    private static int Column(List<object?[]> sheet, string header) => Array.IndexOf(Read.Headers(sheet), header) is var at and >= 0 ? at
        : throw new KeyNotFoundException($"No column {header}: {string.Join(", ", Read.Headers(sheet))}");

    [Fact]
    public async Task The_figures_ledger_has_a_year_sheet_and_a_sheet_per_ended_month_with_approved_branch_subtotals_only()
    {
        await network.MarkAsync("YS-QG-01", new Period(2025, 6), ReportState.Submitted);

        var read = await WriteAsync(await Get<FiguresLedger>().BuildAsync(2025, Text));

        using var db = network.Database.CreateDbContext();
        var qigong = await db.Units.Where(u => u.Code == "YS-QG").Select(u => new { u.Id, u.Name }).SingleAsync();
        decimal Visits(int fromKey, int toKey, bool approvedOnly) => db.MonthlyReports
            .Where(r => (r.UnitId == qigong.Id || r.Unit.ParentId == qigong.Id) && r.PeriodKey >= fromKey && r.PeriodKey <= toKey
                && (r.State == ReportState.Approved || (!approvedOnly && r.State == ReportState.Submitted)))
            .SelectMany(r => r.Values).Where(v => v.Indicator.Code == "visits").AsEnumerable().Sum(v => v.Value ?? 0);
        Assert.Equal(["2025年", .. Enumerable.Range(1, 12).Select(m => $"{m}月")], read.Sheets.Keys);
        var june = read.Sheet("6月");
        var visits = Column(june, "到馆人次（人次）");
        var subtotal = Read.Row(june, r => r[0] as string == $"小计（{qigong.Name}）");
        Assert.Equal(Visits(202506, 202506, approvedOnly: true), Number(subtotal[visits]));
        Assert.True(Visits(202506, 202506, approvedOnly: false) > Visits(202506, 202506, approvedOnly: true));
        Assert.Equal("已审核 3/4", subtotal[2]);
        var provisional = Read.Row(june, r => r[1] as string == "YS-QG-01");
        Assert.Equal(("待审核", null), (provisional[2], provisional[visits]));
        Assert.Contains(june, r => r[0] is string note && note.StartsWith("另有 1 个单位的月报待审核", StringComparison.Ordinal));
        Assert.Contains(june, r => r[0] is string note && note.StartsWith("本表只计已审核的月报", StringComparison.Ordinal));

        var year = read.Sheet("2025年");
        Assert.Equal(Visits(202501, 202512, approvedOnly: true), Number(Read.Row(year, r => r[0] as string == $"小计（{qigong.Name}）")[visits]));
        var total = Read.Row(year, r => r[0] as string == "合计");
        Assert.Equal(db.MonthlyReports.Where(r => r.PeriodKey >= 202501 && r.PeriodKey <= 202512 && r.State == ReportState.Approved)
            .SelectMany(r => r.Values).Where(v => v.Indicator.Code == "visits").AsEnumerable().Sum(v => v.Value ?? 0), Number(total[visits]));
        Assert.Equal("制表：测试员 (tester@test.local)，2026年3月2日", year[^1][0]);
    }

    [Fact]
    public async Task The_training_ledger_counts_hours_per_unit_and_person_as_the_training_service_does()
    {
        await SeedDemoAsync();
        var hours = await Get<TrainingService>().HoursAsync(2020);
        var sessions = await Get<TrainingService>().SessionsAsync(2020);

        var read = await WriteAsync(await Get<TrainingLedger>().BuildAsync(2020, Text));

        Assert.Equal(["培训场次", "个人学时", "各单位学时"], read.Sheets.Keys);
        var units = read.Sheet("各单位学时");
        Assert.Equal(["单位", "编码", "参训人数", "学时"], Read.Headers(units));
        Assert.True(hours.Units.Count > 3);
        Assert.All(hours.Units, u => Assert.Equal(u.Hours, Number(Read.Row(units, r => r[1] as string == u.UnitCode && r[0] as string == u.UnitName)[3])));
        Assert.Equal(hours.Total, Number(Read.Row(units, r => r[0] as string == "合计")[3]));
        var people = read.Sheet("个人学时");
        Assert.Equal(hours.People.Count, people.Count(r => r[0] is string && r[2] is string code && hours.People.Any(p => p.UnitCode == code && p.Name == (string)r[0]!)));
        var list = read.Sheet("培训场次");
        Assert.Equal(sessions.Count, list.Count(r => r[2] is DateTime));
        Assert.Equal(sessions.Sum(s => s.Attended), Number(Read.Row(list, r => r[0] as string == $"合计（{sessions.Count} 场）")[7]));
    }

    [Fact]
    public async Task The_deliveries_grants_plaques_and_activities_ledgers_close_with_the_services_totals()
    {
        await SeedDemoAsync();
        var resources = Get<ResourcesService>();
        var year = (await resources.GrantTotalsAsync()).Select(g => g.Year).Max();

        var deliveries = await WriteAsync(await Get<DeliveriesLedger>().BuildAsync(2020, Text));
        var grants = await WriteAsync(await Get<GrantsLedger>().BuildAsync(year, Text));
        var plaques = await WriteAsync(await Get<PlaquesLedger>().BuildAsync(Text));
        var activities = await WriteAsync(await Get<ActivitiesLedger>().BuildAsync(2020, Text));

        var standard = await resources.StandardAsync(2020);
        var standardSheet = deliveries.Sheet("配送标准");
        Assert.All(standard, s => Assert.Equal((s.Volumes, s.NewVolumes, s.Meets ? "达标" : "未达标"),
            Read.Row(standardSheet, r => r[1] as string == s.BranchCode) is var row ? ((int)Number(row[2]), (int)Number(row[3]), row[5] as string) : default));
        var list = deliveries.Sheet("2020年配送");
        Assert.All(standard, s => Assert.Equal(s.Volumes, Number(Read.Row(list, r => r[0] as string == $"小计（{s.BranchName}）")[3])));

        var sheet = grants.Sheet($"{year}年经费");
        Assert.Equal("金额（元）", Read.Headers(sheet)[2]);
        var totals = (await resources.GrantTotalsAsync()).Where(g => g.Year == year).ToList();
        Assert.All(totals, g => Assert.Equal(g.Amount, Number(Read.Row(sheet, r => r[0] as string == $"小计（{g.Source}）")[2])));
        Assert.Equal(totals.Sum(g => g.Amount), Number(Read.Row(sheet, r => r[0] as string == "合计")[2]));

        var checklists = await Get<ProgrammeService>().ChecklistsAsync(network.Clock.Today.Year);
        var units = plaques.Sheet("挂牌与达标");
        Assert.All(checklists, c => Assert.Equal((c.Value.Count(i => i.Met), c.Value.Count),
            Read.Row(units, r => r[1] as string == c.Key && r[0] is string name && !name.StartsWith("小计", StringComparison.Ordinal)) is var row
                ? ((int)Number(row[5]), (int)Number(row[6])) : default));
        Assert.Equal(checklists.Values.Sum(c => c.Count(i => i.Met)), Number(Read.Row(units, r => r[0] as string == "合计")[5]));

        var participants = (await Get<ActivityService>().ListAsync(new ActivityFilter(2020), Core.Common.PageRequest.First)).Participants;
        var log = activities.Sheet("2020年活动");
        Assert.Equal(participants, Number(Read.Row(log, r => r[0] as string == "合计")[8]));
        Assert.Equal(participants, log.Where(r => r[0] is string s && s.StartsWith("小计", StringComparison.Ordinal)).Sum(r => Number(r[8])));
    }

    [Fact]
    public async Task Formula_like_text_and_markup_are_stored_as_text_never_as_formulas()
    {
        const string Position = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        const string Title = "+1+1";
        const string Note = "<script>alert(1)</script>";
        await SeedDemoAsync();
        var training = Get<TrainingService>();
        var member = (await training.StaffAsync()).First();
        await training.UpdateStaffAsync(member.Id, member.Version, new StaffProfile(member.Name, Position, member.Title, member.Phone, member.IsActive));
        await Get<ActivityService>().AddAsync("YS-QG-01", new ActivityDetails(new DateOnly(2026, 2, 3), Title, ActivityCategory.Lecture, 12, Note: Note));

        var staff = await WriteAsync(await Get<StaffLedger>().BuildAsync(Text));
        var activities = await WriteAsync(await Get<ActivitiesLedger>().BuildAsync(2026, Text));

        Assert.Contains(staff.Sheet("人员名册"), r => r[3] as string == Position);
        Assert.Contains(activities.Sheet("2026年活动"), r => r[3] as string == Title && r[9] as string == Note);
        foreach (var (bytes, text) in new[] { (staff.Bytes, Position), (activities.Bytes, Title), (activities.Bytes, Note) })
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var formats = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open()).Root!.Element(Main + "cellXfs")!.Elements(Main + "xf").ToList();
            var cells = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
                .SelectMany(e => XDocument.Load(e.Open()).Descendants(Main + "c")).ToList();
            Assert.DoesNotContain(cells, c => c.Element(Main + "f") is not null);
            var cell = Assert.Single(cells, c => c.Value == text);
            Assert.Equal("inlineStr", (string?)cell.Attribute("t"));
            // Formatted as Text (@, number format 49): Excel keeps it text even when the cell is edited.
            Assert.Equal("49", (string?)formats[(int?)cell.Attribute("s") ?? 0].Attribute("numFmtId"));
        }
    }

    [Fact]
    public async Task Dates_are_dates_money_has_two_decimals_and_the_header_is_frozen_under_a_bold_title()
    {
        var workbook = new LedgerWorkbook(
        [
            new LedgerSheet("测试/[表]:*?", "标题", [new("日期", LedgerFormat.Date), new("金额", LedgerFormat.Money), new("名称")],
                [LedgerRow.Item(new DateOnly(2020, 6, 18), 1234.5m, "阅读\u0001推广"), LedgerRow.Total("合计", 1234.5m, null)]),
        ], "制表：某人，2026年3月2日");

        var read = await WriteAsync(workbook);

        var (name, rows) = Assert.Single(read.Sheets);
        Assert.Equal("测试表", name);
        Assert.Equal([new DateTime(2020, 6, 18), 1234.5m, "阅读推广"], rows[2].Select(c => c is double d ? (decimal)d : c));
        using var zip = new ZipArchive(new MemoryStream(read.Bytes));
        var styles = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open()).Root!;
        var formats = styles.Element(Main + "numFmts")!.Elements().ToDictionary(f => (string)f.Attribute("numFmtId")!, f => (string)f.Attribute("formatCode")!);
        var xfs = styles.Element(Main + "cellXfs")!.Elements(Main + "xf").ToList();
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).Root!;
        string FormatOf(XElement cell) => formats.GetValueOrDefault((string)xfs[(int)cell.Attribute("s")!].Attribute("numFmtId")!, "");
        var data = sheet.Descendants(Main + "row").ElementAt(2).Elements(Main + "c").ToList();
        Assert.Equal(("yyyy-mm-dd", "#,##0.00"), (FormatOf(data[0]), FormatOf(data[1])));
        Assert.Null(data[0].Attribute("t"));
        Assert.Equal("2", (string?)sheet.Descendants(Main + "pane").Single().Attribute("ySplit"));
        Assert.Equal("A1:C1", (string?)sheet.Descendants(Main + "mergeCell").First().Attribute("ref"));
        var fonts = styles.Element(Main + "fonts")!.Elements().ToList();
        var title = sheet.Descendants(Main + "c").First();
        Assert.NotNull(fonts[(int)xfs[(int)title.Attribute("s")!].Attribute("fontId")!].Element(Main + "b"));
        Assert.Equal("制表：某人，2026年3月2日", rows[^1][0]);
    }

    [Fact]
    public async Task Headers_are_English_when_the_reader_reads_English()
    {
        await SeedDemoAsync();
        CultureInfo.CurrentUICulture = new CultureInfo("en");

        var staff = await WriteAsync(await Get<StaffLedger>().BuildAsync(Text));
        var training = await WriteAsync(await Get<TrainingLedger>().BuildAsync(2020, Text));

        var roster = staff.Sheet("Staff");
        Assert.Equal(["Unit", "Code", "Name", "Position", "Professional title", "Phone", "State"], Read.Headers(roster));
        Assert.StartsWith("Prepared by: ", roster[^1][0] as string);
        Assert.Equal(["Sessions", "Hours by person", "Hours by unit"], training.Sheets.Keys);
        Assert.Equal("Total", Read.Row(training.Sheet("Hours by unit"), r => r[0] as string == "Total")[0]);
    }

    [Fact]
    public async Task A_branch_workers_ledgers_hold_only_their_branch()
    {
        await SeedDemoAsync();
        network.ActAsBranchWorker("YS-QG");
        using var db = network.Database.CreateDbContext();
        var qigong = await db.Units.Where(u => u.Code == "YS-QG").Select(u => u.Id).SingleAsync();
        var own = await db.Units.Where(u => u.Id == qigong || u.ParentId == qigong).Select(u => u.Code).ToListAsync();
        var codes = await db.Units.Select(u => u.Code).ToListAsync();

        var ledgers = new[]
        {
            await Get<FiguresLedger>().BuildAsync(2025, Text), await Get<ActivitiesLedger>().BuildAsync(2020, Text),
            await Get<TrainingLedger>().BuildAsync(2020, Text), await Get<DeliveriesLedger>().BuildAsync(2020, Text),
            await Get<GrantsLedger>().BuildAsync(2020, Text), await Get<StaffLedger>().BuildAsync(Text), await Get<ResourcesLedger>().BuildAsync(Text),
            await Get<PlaquesLedger>().BuildAsync(Text),
        };

        var seen = new HashSet<string>();
        foreach (var ledger in ledgers)
        {
            var read = await WriteAsync(ledger);
            seen.UnionWith(read.Sheets.Values.SelectMany(s => s).SelectMany(r => r).OfType<string>().Where(codes.Contains));
        }

        Assert.Contains("YS-QG-01", seen);
        Assert.Empty(seen.Except(own));
    }

    [Fact]
    public async Task A_year_not_begun_has_no_ledger()
    {
        Assert.Null(await Get<FiguresLedger>().BuildAsync(2027, Text));
        Assert.Null(await Get<FiguresLedger>().BuildAsync(1999, Text));
        Assert.Null(await Get<TrainingLedger>().BuildAsync(2027, Text));
        Assert.Null(await Get<ActivitiesLedger>().BuildAsync(2027, Text));
        Assert.Null(await Get<DeliveriesLedger>().BuildAsync(2027, Text));
        Assert.Null(await Get<GrantsLedger>().BuildAsync(2027, Text));
        Assert.NotNull(await Get<FiguresLedger>().BuildAsync(2026, Text));
        Assert.NotNull(await Get<GrantsLedger>().BuildAsync(2026, Text));
    }
}

public sealed class LedgerTestsOnSqlite() : LedgerTests(DatabaseKind.Sqlite);

public sealed class LedgerTestsOnPostgreSql() : LedgerTests(DatabaseKind.PostgreSql);
