using System.Data;
using System.Globalization;
using System.Text;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Statistics;

/// <summary>
/// The annual statistical return on the demo: every filled field against SQL over approved reports, the staff roster,
/// the activity log, unit profiles and grants; provisional figures kept out; overrides; the PDF and workbook read back.
/// </summary>
public sealed class StatisticsReturnTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public StatisticsReturnTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        network.User.Actor = Actor.System;
        Get<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        Get<DemoActivities>().SeedAsync().GetAwaiter().GetResult();
        Get<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
    }

    public void Dispose() => network.Dispose();

    private T Get<T>() where T : notnull => network.Services.GetRequiredService<T>();

    private StatisticsReturnService Statistics => Get<StatisticsReturnService>();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private static string Approved(int year, string code, bool december) =>
        $"""
        SELECT SUM(v.Value) FROM ReportValues v JOIN MonthlyReports r ON r.Id = v.ReportId JOIN Indicators i ON i.Id = v.IndicatorId
        WHERE r.State = {(int)ReportState.Approved} AND i.Code = '{code}' AND r.PeriodKey BETWEEN {(december ? year * 100 + 12 : year * 100 + 1)} AND {year * 100 + 12}
        """;

    /// <summary>The SQL each filled field of the return must equal, written out by hand (a field added to the form without a line here fails the test).</summary>
    private static Dictionary<string, string> Expected(int year)
    {
        var open = $"Status NOT IN (0, 1, 4) AND (OpenedOn IS NULL OR OpenedOn <= '{year}-12-31')";
        var activities = $"FROM Activities WHERE VoidedAtUtc IS NULL AND Date BETWEEN '{year}-01-01' AND '{year}-12-31'";
        return new()
        {
            ["01"] = $"SELECT COUNT(*) FROM Units WHERE {open}",
            ["02"] = $"SELECT COUNT(*) FROM Units WHERE {open} AND Kind = 0",
            ["03"] = $"SELECT COUNT(*) FROM Units WHERE {open} AND Kind = 1",
            ["04"] = $"SELECT COUNT(*) FROM Units WHERE {open} AND Kind = 2",
            ["05"] = "SELECT COUNT(*) FROM StaffMembers WHERE IsActive = 1",
            ["06"] = "SELECT COUNT(*) FROM StaffMembers WHERE IsActive = 1 AND Title IN (3, 4)",
            ["07"] = "SELECT COUNT(*) FROM StaffMembers WHERE IsActive = 1 AND Title = 2",
            ["08"] = "SELECT COUNT(*) FROM StaffMembers WHERE IsActive = 1 AND Title = 1",
            ["09"] = Approved(year, "holdings", december: true),
            ["10"] = Approved(year, "items_added", december: false),
            ["12"] = Approved(year, "valid_cards", december: true),
            ["13"] = Approved(year, "visits", december: false),
            ["14"] = Approved(year, "borrowers", december: false),
            ["15"] = Approved(year, "loans", december: false),
            ["16"] = $"SELECT COUNT(*) {activities}",
            ["17"] = $"SELECT SUM(Participants) {activities}",
            ["18"] = $"SELECT COUNT(*) {activities} AND Category = 0",
            ["19"] = $"SELECT SUM(Participants) {activities} AND Category = 0",
            ["20"] = $"SELECT COUNT(*) {activities} AND Category = 1",
            ["21"] = $"SELECT SUM(Participants) {activities} AND Category = 1",
            ["22"] = $"SELECT COUNT(*) {activities} AND Category IN (3, 6)",
            ["23"] = $"SELECT SUM(Participants) {activities} AND Category IN (3, 6)",
            ["24"] = Approved(year, "pc_terminals", december: true),
            ["26"] = $"SELECT SUM(FloorArea) FROM Units WHERE {open}",
            ["27"] = $"SELECT SUM(Seats) FROM Units WHERE {open}",
            ["28"] = Approved(year, "appropriation", december: true),
            ["29"] = $"SELECT SUM(Amount) FROM Grants WHERE VoidedAtUtc IS NULL AND Year = {year}",
            ["30"] = Approved(year, "expenditure", december: true),
        };
    }

    private async Task<decimal> ScalarAsync(string sql)
    {
        await using var db = network.Database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 2) : 0m;
    }

    [Theory]
    [InlineData(2020)]
    [InlineData(2025)]
    public async Task Every_filled_field_equals_SQL_over_approved_records_and_a_submitted_report_is_kept_out(int year)
    {
        // One December report submitted, not approved: its monthly and its yearly figures are provisional.
        var held = new Period(year, 12);
        await network.MarkAsync("YS-QG-01", held, ReportState.Submitted);
        var heldVisits = await ScalarAsync($"""
            SELECT v.Value FROM ReportValues v JOIN MonthlyReports r ON r.Id = v.ReportId JOIN Units u ON u.Id = r.UnitId JOIN Indicators i ON i.Id = v.IndicatorId
            WHERE u.Code = 'YS-QG-01' AND r.PeriodKey = {held.Key} AND i.Code = 'visits'
            """);

        var r = (await Statistics.FillAsync(year))!;

        var expected = Expected(year);
        Assert.Equal(expected.Keys.Order(), r.Fields.Where(f => f.Field.Rule.Kind != SourceKind.Manual).Select(f => f.Field.Code).Order());
        foreach (var field in r.Fields)
        {
            if (expected.TryGetValue(field.Field.Code, out var sql))
            {
                Assert.True(await ScalarAsync(sql) == field.Value, $"{field.Field.Code} {field.Field.NameZh}: SQL {await ScalarAsync(sql)}, return {field.Value}");
            }
            else
            {
                Assert.True(field.IsBlank);
                Assert.Equal("请手工填写", ReturnText.Value(field, Text));
            }
        }

        var visits = r.Fields.Single(f => f.Field.Code == "13");
        var c = visits.Completeness!;
        Assert.True(heldVisits > 0);
        Assert.Equal(heldVisits, c.Provisional);
        Assert.Equal((52, 51, 12, 11), (c.DueUnits, c.CompleteUnits, c.Months, c.CompleteMonths));
        var missing = Assert.Single(c.Missing);
        Assert.Equal("YS-QG-01", missing.Code);
        Assert.Equal([new MissingMonth(held, MonthStanding.Provisional)], missing.Months);
        Assert.Equal($"51/52个单位，11/12个月；待审核{ReportFrame.Number(heldVisits)}未计入", ReturnText.Completeness(visits, r, Text));
        Assert.Equal("51/52个单位", ReturnText.Completeness(r.Fields.Single(f => f.Field.Code == "09"), r, Text).Split('；')[0]);
        Assert.Equal("已审核月报", ReturnText.Source(visits, Text));
    }

    [Fact]
    public async Task The_2020_return_holds_the_source_reports_network_staff_activities_and_grants()
    {
        var r = (await Statistics.FillAsync(2020))!;
        decimal? Value(string code) => r.Fields.Single(f => f.Field.Code == code).Value;

        Assert.True(r.HasApprovedFigures);
        Assert.Equal((53m, 1m, 13m, 39m), (Value("01"), Value("02"), Value("03"), Value("04")));
        Assert.Equal((0m, 1m, 4m), (Value("06"), Value("07"), Value("08")));
        Assert.Equal((3m, 3m, 16m), (Value("18"), Value("20"), Value("22")));
        Assert.Equal(418_000m, Value("29"));
        Assert.Equal("活动登记：手工、志愿服务", ReturnText.Source(r.Fields.Single(f => f.Field.Code == "22"), Text));
        Assert.All(r.Fields.Where(f => f.Field.Rule.Kind == SourceKind.CountedSum), f => Assert.Equal("52/52个单位，12/12个月", ReturnText.Completeness(f, r, Text)));
    }

    [Fact]
    public async Task A_year_without_approved_figures_has_no_return_to_print_and_a_year_out_of_range_none_at_all()
    {
        var empty = (await Statistics.FillAsync(2018))!;

        Assert.False(empty.HasApprovedFigures);
        Assert.Null(await Get<StatisticsReturnReport>().RenderAsync(2018, Text));
        Assert.Null(await Get<StatisticsReturnReport>().WorkbookAsync(2018, Text));
        Assert.Null(await Statistics.FillAsync(2027));
        Assert.Null(await Statistics.FillAsync(1999));
    }

    [Fact]
    public async Task The_current_year_leaves_yearly_fields_blank_until_the_December_report_is_due()
    {
        var r = (await Statistics.FillAsync(2026))!;
        var holdings = r.Fields.Single(f => f.Field.Code == "09");

        Assert.False(r.YearEnded);
        Assert.Null(holdings.Value);
        Assert.Equal("12月报尚未到期", ReturnText.Value(holdings, Text));
        Assert.Equal(new Period(2026, 2), r.LastMonth);
    }

    [Fact]
    public async Task An_override_needs_a_reason_is_audited_with_named_fields_replaces_the_value_and_is_removed_by_voiding()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Statistics.SetOverrideAsync(2020, "11", 1200, "  ", null));
        Assert.Equal((ErrorCodes.Required, "Reason"), (refused.Code, refused.Field));
        Assert.Equal(ErrorCodes.OverrideNotWhole, (await Assert.ThrowsAsync<DomainException>(() => Statistics.SetOverrideAsync(2020, "11", 1.5m, "古籍普查", null))).Code);
        Assert.Equal(ErrorCodes.ReturnFieldUnknown, (await Assert.ThrowsAsync<DomainException>(() => Statistics.SetOverrideAsync(2020, "99", 1, "?", null))).Code);
        await using (var db = network.Database.CreateDbContext())
        {
            Assert.Empty(await db.StatisticsOverrides.IgnoreQueryFilters().ToListAsync());
        }

        await Statistics.SetOverrideAsync(2020, "11", 1200, "古籍普查登记结果", null);
        await Statistics.SetOverrideAsync(2020, "13", 250_000, "含总馆自身到馆人次（门禁统计）", null);
        var r = (await Statistics.FillAsync(2020))!;
        var ancient = r.Fields.Single(f => f.Field.Code == "11");
        var visits = r.Fields.Single(f => f.Field.Code == "13");

        Assert.Equal((1200m, true), (ancient.Value, ancient.IsOverridden));
        Assert.Equal(250_000m, visits.Value);
        Assert.NotEqual(visits.Computed, visits.Value);
        Assert.Contains("含总馆自身到馆人次", ReturnText.Override(visits, Text));
        await using (var db = network.Database.CreateDbContext())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == AuditEntities.Statistics && e.EntityKey == "2020 13");
            Assert.Equal(AuditActions.Created, entry.Action);
            Assert.Contains("250000", entry.Changes);
        }

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Statistics.SetOverrideAsync(2020, "13", 1, "再改", null));
        await Statistics.RemoveOverrideAsync(visits.Override!.Id, visits.Override.Version, "改由系统计算");
        var after = (await Statistics.FillAsync(2020))!.Fields.Single(f => f.Field.Code == "13");
        Assert.Equal((visits.Computed, false), (after.Value, after.IsOverridden));
        await using (var db = network.Database.CreateDbContext())
        {
            Assert.Equal(AuditActions.Voided, (await db.AuditEntries.OrderBy(e => e.Id).LastAsync(e => e.EntityType == AuditEntities.Statistics)).Action);
        }
    }

    [Fact]
    public async Task Observers_read_the_return_without_changing_it_and_branch_workers_get_neither()
    {
        network.ActAs(Roles.Observer);
        Assert.NotNull(await Statistics.FillAsync(2020));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statistics.SetOverrideAsync(2020, "11", 1, "观察员", null));

        network.ActAsBranchWorker("YS-QG");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statistics.FillAsync(2020));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Get<StatisticsReturnReport>().RenderAsync(2020, Text));
    }

    [Fact]
    public async Task The_PDF_prints_the_fields_in_Chinese_the_override_mark_the_fields_to_fill_by_hand_and_the_signature_block()
    {
        await network.MarkAsync("YS-QG-01", new Period(2020, 6), ReportState.Submitted);
        await Statistics.SetOverrideAsync(2020, "25", 1.25m, "数字资源平台统计", null);

        var pdf = (await Get<StatisticsReturnReport>().RenderAsync(2020, Text))!;
        ReportTests.KeepForReview("statistics-return-2020", pdf);

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("2020年公共图书馆基本情况（统计年报）", all);
        Assert.Contains("总流通人次", all);
        Assert.Contains("51/52个单位，11/12个月", all);
        Assert.Contains("※1.25", all);
        Assert.Contains("数字资源平台统计", all);
        Assert.Contains("请手工填写", all);
        Assert.Contains("古籍藏量", all);
        Assert.Contains("2020-06待审核", all);
        foreach (var role in new[] { "制表人", "审核人", "负责人", "（盖章）" })
        {
            Assert.Contains(role, all);
        }
    }

    [Fact]
    public async Task The_workbook_lists_every_field_in_the_forms_order_with_values_as_numbers_and_the_override_marked()
    {
        await Statistics.SetOverrideAsync(2025, "11", 3400, "古籍普查", null);

        var bytes = await LedgerWriter.WriteAsync((await Get<StatisticsReturnReport>().WorkbookAsync(2025, Text))!);
        var rows = new MemoryStream(bytes).Query().Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        var r = (await Statistics.FillAsync(2025))!;

        Assert.Equal(["代码", "指标", "数值", "计量单位", "来源", "完整性", "缺报单位", "人工修正"], rows[1].Select(c => c?.ToString()));
        var body = rows.Skip(2).Take(ReturnForm.Fields.Count).ToList();
        Assert.Equal(ReturnForm.Fields.Select(f => f.Code), body.Select(b => b[0]?.ToString()));
        Assert.Equal(r.Fields.Single(f => f.Field.Code == "13").Value, Convert.ToDecimal(body.Single(b => (string?)b[0] == "13")[2], CultureInfo.InvariantCulture));
        Assert.Equal("请手工填写", body.Single(b => (string?)b[0] == "25")[2]);
        Assert.StartsWith("※", body.Single(b => (string?)b[0] == "11")[7]?.ToString());
    }

    [Fact]
    public void The_field_list_is_data_each_rule_names_a_known_source_and_a_bad_rule_is_refused()
    {
        var codes = StandardIndicators.All.Select(i => i.Code).ToHashSet();
        Assert.All(ReturnForm.Fields.Where(f => f.Rule.Kind is SourceKind.CountedSum or SourceKind.YearEnd),
            f => Assert.Contains(f.Rule.Indicator(), codes));
        Assert.All(ReturnForm.Fields.Where(f => f.Rule.Kind == SourceKind.YearEnd),
            f => Assert.Equal(IndicatorFrequency.Annual, StandardIndicators.All.Single(i => i.Code == f.Rule.Indicator()).Definition.Frequency));

        const string next = """{ "form": "next year", "fields": [ { "code": "A1", "zh": "少儿外借册次", "en": "Children's loans", "unit": "册次", "rule": "CountedSum:loans" } ] }""";
        var field = Assert.Single(ReturnForm.Parse(new MemoryStream(Encoding.UTF8.GetBytes(next))));
        Assert.Equal(new SourceRule(SourceKind.CountedSum, ["loans"]).Kind, field.Rule.Kind);
        Assert.Throws<FormatException>(() => SourceRule.Parse("StaffCount:Professor"));
        Assert.Throws<FormatException>(() => SourceRule.Parse("Guess:visits"));
        Assert.Throws<FormatException>(() => SourceRule.Parse("UnitProfileSum:Phone"));
    }
}
