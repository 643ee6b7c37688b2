using BranchNetwork.Core.Common;
using System.Globalization;
using System.Text;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Figures;

/// <summary>
/// The one definition of counted figures: drafts, submitted, returned and approved reports side by side (with a
/// closure and a unit not yet open), and every reader — dashboard, trends, rankings, the PDFs, the export — agrees
/// with a plain SQL sum over approved reports and, apart, over submitted ones.
/// </summary>
public abstract class CountedFiguresTests : IDisposable
{
    private static readonly Period Month = new(2026, 1);
    private static readonly Period LastYear = new(2025, 1);
    private readonly TestNetwork network;

    protected CountedFiguresTests(DatabaseKind kind)
    {
        network = new(kind: kind);
        network.User.Actor = Core.Common.Actor.System;
        Get<IndicatorCatalogue>().SeedStandardAsync().GetAwaiter().GetResult();
        network.User.Actor = TestCurrentUser.Administrator;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Assert.NotNull(ReportFonts.Register(null));
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private T Get<T>() where T : notnull => network.Services.GetRequiredService<T>();

    private async Task ReportAsync(string unit, Period period, ReportState state, decimal visits)
    {
        var version = (await network.Figures.SaveValueAsync(unit, period, "visits", visits, null, 0)).Version;
        await network.Figures.SaveValueAsync(unit, period, "loans", Math.Floor(visits / 2), null, version);
        if (state != ReportState.Draft)
        {
            await network.MarkAsync(unit, period, state);
        }
    }

    /// <summary>七拱镇 in every state; 黎埠镇 approved with a service point closed all month; 太平镇's first point not open yet.</summary>
    private async Task SeedAsync()
    {
        await ReportAsync("YS-QG", Month, ReportState.Approved, 100);
        await ReportAsync("YS-QG-01", Month, ReportState.Submitted, 9_000);
        await ReportAsync("YS-QG-02", Month, ReportState.Draft, 3_555);
        await ReportAsync("YS-QG-03", Month, ReportState.Returned, 777);
        await ReportAsync("YS-LB", Month, ReportState.Approved, 500);
        await ReportAsync("YS-QG", LastYear, ReportState.Approved, 80);
        await ReportAsync("YS-QG-01", LastYear, ReportState.Approved, 50);
        await ReportAsync("YS-QG-02", LastYear, ReportState.Submitted, 60);
        await using var db = network.Database.CreateDbContext();
        var point = await db.Units.SingleAsync(u => u.Code == "YS-LB-01");
        db.Closures.Add(Closure.Create(point, Month.FirstDay, Month.LastDay, "维修"));
        await db.SaveChangesAsync();
        await db.Units.Where(u => u.Code == "YS-TP-01").ExecuteUpdateAsync(s => s.SetProperty(u => u.OpenedOn, new DateOnly(2026, 2, 10)));
    }

    private decimal SqlSum(Period period, ReportState state, string codePrefix = "YS-")
    {
        using var db = network.Database.CreateDbContext();
        return db.MonthlyReports.Where(r => r.PeriodKey == period.Key && r.State == state && r.Unit.Code.StartsWith(codePrefix))
            .SelectMany(r => r.Values).Where(v => v.Indicator.Code == "visits").AsEnumerable().Sum(v => v.Value ?? 0);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
    }

    private static string N(decimal value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_reader_agrees_with_the_sql_sum_of_approved_and_apart_submitted_reports()
    {
        await SeedAsync();
        var (approved, provisional) = (SqlSum(Month, ReportState.Approved), SqlSum(Month, ReportState.Submitted));
        Assert.Equal((600m, 9_000m), (approved, provisional));

        var dashboard = await Get<AnalyticsService>().DashboardAsync(new AnalyticsPeriod(2026, 1));
        var visits = dashboard.Figures.Single(f => f.Code == "visits");
        Assert.Equal((approved + provisional, provisional), (visits.Value, visits.Provisional));
        // Like for like: 黎埠镇 reported nothing a year before; 七拱镇's draft and returned points are in neither period.
        Assert.Equal((9_100m, 130m, 3, 2), (visits.Comparison.Now, visits.Comparison.Before, visits.Comparison.Units, visits.Comparison.ComparableUnits));
        Assert.True(visits.Comparison.BaseDiffers);

        var trend = await Get<AnalyticsService>().TrendAsync("visits", [new TrendTarget(TrendTargetKind.Network)], 2026, 2026, TrendScale.Months, _ => "");
        Assert.Equal((approved + provisional, provisional), (trend.Series[0].Values[0], trend.Series[0].Provisional[0]));
        var ranking = await Get<AnalyticsService>().RankingAsync("visits", new AnalyticsPeriod(2026, 1), perOpeningHour: false);
        Assert.Equal((SqlSum(Month, ReportState.Approved, "YS-QG") + SqlSum(Month, ReportState.Submitted, "YS-QG"), SqlSum(Month, ReportState.Submitted, "YS-QG")),
            (ranking.Single(r => r.Code == "YS-QG").Total, ranking.Single(r => r.Code == "YS-QG").Provisional));
        Assert.Equal(ranking.Sum(r => r.Total), approved + provisional);

        var networkPdf = PdfText((await Get<MonthlyFiguresReport>().NetworkAsync(Month, Text))!);
        Assert.Contains($"合计已审核2/", networkPdf);
        Assert.Contains($"到馆人次{N(approved)}", networkPdf);
        Assert.Contains($"小计已审核1/4{N(SqlSum(Month, ReportState.Approved, "YS-QG"))}", networkPdf);
        Assert.Contains($"({N(9_000)})", networkPdf);
        Assert.DoesNotContain(N(approved + provisional), networkPdf);
        Assert.Contains($"未计入以上合计：到馆人次{N(provisional)}", networkPdf);
        Assert.Contains("闭馆", networkPdf);
        Assert.Contains("未开放", networkPdf);
        Assert.DoesNotContain("-100.0%", networkPdf);

        var branchPdf = PdfText((await Get<MonthlyFiguresReport>().BranchAsync("YS-QG", Month, Text))!);
        Assert.Contains($"合计已审核1/4{N(SqlSum(Month, ReportState.Approved, "YS-QG"))}", branchPdf);
        Assert.Contains("制表人", branchPdf);
        Assert.Contains("审核人", branchPdf);
        var annualPdf = PdfText((await Get<UnitAnnualReport>().RenderAsync("YS-QG-01", 2026, Text))!);
        Assert.Contains($"2026-01待审核({N(9_000)})", annualPdf);
        Assert.Contains("合计", annualPdf);
        Assert.DoesNotContain("-100.0%", annualPdf);
        var summaryPdf = PdfText((await Get<AnnualSummaryReport>().RenderAsync(2026, Text))!);
        Assert.Contains($"全年到馆{N(approved)}人次", summaryPdf);

        var csv = Encoding.UTF8.GetString(await Get<FiguresExchange>().ExportAsync(2026, ExchangeFormat.Csv)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var (state, visitsColumn) = (lines[0].ToList().IndexOf("state"), lines[0].ToList().IndexOf("visits"));
        decimal ExportSum(ReportState s) => lines.Skip(1).Where(l => l[state] == s.ToString()).Sum(l => decimal.Parse(l[visitsColumn], CultureInfo.InvariantCulture));
        Assert.Equal((approved, provisional), (ExportSum(ReportState.Approved), ExportSum(ReportState.Submitted)));
    }

    [Fact]
    public async Task On_the_demo_network_the_dashboard_the_monthly_pdf_and_the_export_give_one_month_the_same_visits()
    {
        using var demo = new TestNetwork(seedFigures: true, kind: network.Database.Kind);
        var month = demo.Figures.LastFullMonth;
        var dashboard = (await demo.Services.GetRequiredService<AnalyticsService>().DashboardAsync(new AnalyticsPeriod(month.Year, month.Month)))
            .Figures.Single(f => f.Code == "visits");
        var approved = dashboard.Value!.Value - dashboard.Provisional;
        var pdf = PdfText((await demo.Services.GetRequiredService<MonthlyFiguresReport>().NetworkAsync(month, Text))!);
        var csv = Encoding.UTF8.GetString(await demo.Services.GetRequiredService<FiguresExchange>().ExportAsync(month.Year, ExchangeFormat.Csv)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var (monthColumn, state, visits) = (lines[0].ToList().IndexOf("month"), lines[0].ToList().IndexOf("state"), lines[0].ToList().IndexOf("visits"));
        decimal Export(ReportState s) => lines.Skip(1).Where(l => l[monthColumn] == month.ToString() && l[state] == s.ToString())
            .Sum(l => decimal.Parse(l[visits], CultureInfo.InvariantCulture));

        Assert.True(dashboard.Provisional > 0, "the demo's last month holds submitted reports");
        Assert.Equal((approved, dashboard.Provisional), (Export(ReportState.Approved), Export(ReportState.Submitted)));
        Assert.Contains($"到馆人次{N(approved)}", pdf);
        Assert.Contains($"未计入以上合计：到馆人次{N(dashboard.Provisional)}", pdf);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-output")).FullName;
        File.WriteAllText(Path.Combine(folder, "counted-visits.txt"),
            $"{month}: dashboard {N(dashboard.Value.Value)} (含待审核 {N(dashboard.Provisional)}); PDF approved {N(approved)}, provisional apart {N(dashboard.Provisional)}; " +
            $"export Approved rows {N(Export(ReportState.Approved))}, Submitted rows {N(Export(ReportState.Submitted))}\n");
    }

    [Fact]
    public async Task A_branch_worker_s_branch_monthly_report_holds_their_branch_only_and_another_branch_is_not_found()
    {
        await SeedAsync();
        network.ActAsBranchWorker("YS-QG");

        var own = PdfText((await Get<MonthlyFiguresReport>().BranchAsync("YS-QG", Month, Text))!);
        Assert.Contains("七拱镇", own);
        Assert.DoesNotContain("黎埠", own);
        Assert.Null(await Get<MonthlyFiguresReport>().BranchAsync("YS-LB", Month, Text));
        Assert.Null(await Get<MonthlyFiguresReport>().BranchAsync("YS-QG-01", Month, Text));
        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => Get<MonthlyFiguresReport>().NetworkAsync(Month, Text));
    }

    [Fact]
    public async Task Missing_data_and_closures_are_named_never_a_fall_of_100_percent()
    {
        await SeedAsync();
        await using var db = network.Database.CreateDbContext();
        var ids = await db.Units.Where(u => u.Code.StartsWith("YS-")).ToDictionaryAsync(u => u.Code, u => u.Id);
        var visits = await db.Indicators.Where(i => i.Code == "visits").Select(i => i.Id).SingleAsync();
        var counted = await CountedFigures.LoadAsync(db, db.Units, Month, Month, [visits], CancellationToken.None);
        Comparison Compare(string code) => counted.Compare([ids[code]], [Month], visits, FigureBasis.Official);

        Assert.Equal(ComparisonOutcome.NotReportedNow, Compare("YS-QG-02").Outcome);
        Assert.Equal(ComparisonOutcome.NotReportedBefore, Compare("YS-LB").Outcome);
        Assert.Equal(ComparisonOutcome.ClosedNow, Compare("YS-LB-01").Outcome);
        Assert.Equal(ComparisonOutcome.NotReportedNow, Compare("YS-QG-01").Outcome); // provisional is not official
        Assert.Equal(0.25m, Compare("YS-QG").Change);
        Assert.Equal(["本期未填报", "去年同期未填报", "闭馆", "+25.0%"],
            new[] { "YS-QG-02", "YS-LB", "YS-LB-01", "YS-QG" }.Select(c => ComparisonText.Format(Compare(c), Text)));
        Assert.Equal((MonthStanding.NotDue, MonthStanding.Closed, MonthStanding.Returned, MonthStanding.Missing),
            (counted.StandingOf(ids["YS-TP-01"], Month), counted.StandingOf(ids["YS-LB-01"], Month), counted.StandingOf(ids["YS-QG-03"], Month),
                counted.StandingOf(ids["YS-JY"], Month)));
        var board = await network.Figures.BoardAsync(2026);
        Assert.Equal(BoardState.Closed, board.Single(r => r.UnitCode == "YS-LB-01").Cells[0].State);
        Assert.Equal(BoardState.NotOpen, board.Single(r => r.UnitCode == "YS-TP-01").Cells[0].State);
    }

    [Fact]
    public async Task The_reviewer_sees_the_flags_a_report_was_submitted_with_and_a_later_flag_marked_new()
    {
        var indicators = await network.Figures.ActiveIndicatorsAsync();
        var applicable = indicators.Where(i => i.AppliesToKind(Core.Network.UnitKind.Branch)).ToList();
        async Task<int> FillAsync(Period period, decimal visits)
        {
            var version = 0;
            foreach (var indicator in applicable.Where(i => i.IsDueIn(Core.Network.UnitKind.Branch, period)))
            {
                version = (await network.Figures.SaveValueAsync("YS-QG", period, indicator.Code, indicator.Code == "visits" ? visits : 10, null, version)).Version;
            }

            return version;
        }

        // A year of 100 visits a month, but 1,000 in the same month last year: 1,000 now is far from the median only.
        foreach (var back in Enumerable.Range(1, 12))
        {
            await FillAsync(Month.AddMonths(-back), back == 12 ? 1_000 : 100);
            await network.MarkAsync("YS-QG", Month.AddMonths(-back), ReportState.Approved);
        }

        var draft = await FillAsync(Month, 1_000);
        await Assert.ThrowsAsync<Core.Common.DomainException>(() => network.Figures.SubmitAsync("YS-QG", Month, draft));
        draft = (await network.Figures.SaveValueAsync("YS-QG", Month, "visits", 1_000, "乡村文化节", draft)).Version;
        await network.Figures.SubmitAsync("YS-QG", Month, draft);
        var submittedWith = (await network.Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single().Values.Single(v => v.IndicatorCode == "visits");
        Assert.Equal([AnomalyCodes.FarFromMedian], submittedWith.Flags.Select(f => f.Code));
        Assert.Empty(submittedWith.NewFlags);

        // The history changes after submission: the trailing months now read 1,000, the same month last year 100.
        await using (var db = network.Database.CreateDbContext())
        {
            var visits = applicable.Single(i => i.Code == "visits").Id;
            IQueryable<ReportValue> Of(int from, int to) =>
                db.ReportValues.Where(v => v.IndicatorId == visits && db.MonthlyReports.Any(r => r.Id == v.ReportId && r.PeriodKey >= from && r.PeriodKey <= to));
            await Of(LastYear.Key + 1, Month.Previous.Key).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, 1_000m));
            await Of(LastYear.Key, LastYear.Key).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, 100m));
        }

        var later = (await network.Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single().Values.Single(v => v.IndicatorCode == "visits");
        Assert.Equal([AnomalyCodes.FarFromMedian], later.Flags.Select(f => f.Code));
        Assert.Equal([AnomalyCodes.FarFromLastYear], later.NewFlags.Select(f => f.Code));
        Assert.Equal("乡村文化节", later.Explanation);
        var loans = (await network.Figures.ReviewQueueAsync(ReviewFilter.None, TestPaging.AllOfIt)).Page.Items.Single().Values.Single(v => v.IndicatorCode == "loans");
        Assert.Empty(loans.Flags);
    }
}

public sealed class CountedFiguresTestsOnSqlite() : CountedFiguresTests(DatabaseKind.Sqlite);

public sealed class CountedFiguresTestsOnPostgreSql() : CountedFiguresTests(DatabaseKind.PostgreSql);
