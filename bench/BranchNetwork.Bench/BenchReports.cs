using System.Globalization;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Reports;

namespace BranchNetwork.Bench;

/// <summary>
/// Two report documents in the shape of the portal's reports, built from the demo network's unit names and seeded
/// random figures (no database): the network monthly table (52 units, one page of table, totals, a bar chart) and a
/// year of it unit by unit (53 units × 12 months = 636 rows, about 17 pages).
/// </summary>
internal static class BenchReports
{
    private const string Header = "阳山县图书馆 · 总分馆管理平台";
    private const string Author = "阳山县图书馆";

    private static readonly string[] KeyIndicators = ["visits", "loans", "programs", "program_attendance", "new_cards"];

    private static readonly string[] States = ["已通过", "已通过", "已通过", "已通过", "待审核", "草稿", "已退回", "未填报"];

    private sealed record Unit(string Name, bool IsBranch, string Branch);

    public static ReportDocument NetworkMonthly()
    {
        var random = new Random(2026);
        var units = Units().Where(u => u.Name != Author).ToList();
        var figures = units.Select(u => Figures(random, u)).ToList();
        var rows = figures.Select(f => Row([f.Unit.Name, f.State], f.Values)).ToList();
        var totals = Totals(figures.Select(f => f.Values));
        var byBranch = figures.GroupBy(f => f.Unit.Branch)
            .Select(g => (g.Key, (double)g.Sum(f => f.Values?[0] ?? 0))).OrderByDescending(b => b.Item2).ToList();
        var reported = figures.Count(f => f.Values is not null);
        var approved = figures.Count(f => f.State == "已通过");
        const string title = "2026-01 全网月报汇总";
        return Document(title,
        [
            new Paragraph($"本月应报 {units.Count} 个单位，已填报 {reported} 个，其中审核通过 {approved} 个。未审核的数据仅供参考。"),
            new KeyFigures([("已填报单位", $"{reported}/{units.Count}"), ("已通过", Number(approved)), ("到馆人次", totals[2]), ("外借册次", totals[3])]),
            new Table([new("单位", 3), new("状态", 1.3), .. IndicatorColumns()], rows, totals),
            new BarChart("各分馆到馆人次（含服务点）", byBranch),
        ]);
    }

    public static ReportDocument NetworkYear()
    {
        var random = new Random(2025);
        var figures = Units()
            .SelectMany(u => Enumerable.Range(1, 12).Select(m => (Month: m, Figures: Figures(random, u))))
            .Select(f => (f.Figures.Unit, f.Month, f.Figures.State, f.Figures.Values))
            .ToList();
        var rows = figures.Select(f => Row([f.Unit.Name, $"2025-{f.Month:00}", f.State], f.Values)).ToList();
        var byMonth = figures.GroupBy(f => f.Month).Select(g => ($"2025-{g.Key:00}", (double)g.Sum(f => f.Values?[0] ?? 0))).ToList();
        const string title = "2025 年度全网月报明细";
        return Document(title,
        [
            new Paragraph($"全年 {figures.Count} 份月报（{figures.Count / 12} 个单位 × 12 个月），按单位和月份排列。未审核的数据仅供参考。"),
            new Table([new("单位", 3), new("月份", 1.1), new("状态", 1.1), .. IndicatorColumns()], rows,
                ["合计", "", "", .. Totals(figures.Select(f => f.Values)).Skip(2)]),
            new BarChart("逐月到馆人次", byMonth),
        ]);
    }

    /// <summary>
    /// A classroom session's sign-in sheet with every unit's contact person of the demo network enrolled (53 rows of
    /// 10 mm, three pages), laid out as <see cref="TrainingSignInReport"/> lays it out.
    /// </summary>
    public static ReportDocument SignInSheet()
    {
        var people = DemoNetwork.Units().Where(u => u.Profile.ContactPerson is not null).ToList();
        const string title = "总分馆制建设业务培训班（第1期）签到表";
        return Document(title,
        [
            new Paragraph("时间：2020 年 6 月 18 日　　地点：阳山县图书馆多功能厅"),
            new Paragraph("主办单位：阳山县图书馆　　学时：6"),
            new Table([new("序号", 0.5, Align.Center), new("姓名", 1.3), new("单位", 2.6), new("职称", 1), new("签名", 2.4)],
                people.Select((u, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), u.Profile.ContactPerson!, u.Profile.Name, "无", ""]).ToList(),
                MinRowHeight: TrainingSignInReport.SignatureRowHeight, Ruled: true),
            new Paragraph($"应到 {people.Count} 人，实到 ______ 人。"),
        ]);
    }

    private static ReportDocument Document(string title, IEnumerable<ReportBlock> blocks) =>
        new(title, Author, Header, (page, of) => $"第 {page} 页 / 共 {of} 页", [new Heading(title), .. blocks]);

    /// <summary>The head library, then each township's branch followed by its village service points (53 units).</summary>
    private static IEnumerable<Unit> Units() =>
        DemoNetwork.Townships.SelectMany(t => t.Villages.Select(v => new Unit($"{v}服务点", false, t.Name))
                .Prepend(new Unit($"阳山县图书馆{t.Name}分馆", true, t.Name)))
            .Prepend(new Unit(Author, true, "阳山县图书馆"));

    private static IEnumerable<Column> IndicatorColumns() =>
        KeyIndicators.Select(code => new Column(StandardIndicators.All.Single(i => i.Code == code).Definition.NameZh, 1.2, Align.Right));

    /// <summary>A month's state and key figures in the ranges a branch or a village point reports; no figures when not reported.</summary>
    private static (Unit Unit, string State, int[]? Values) Figures(Random random, Unit unit)
    {
        var state = States[random.Next(States.Length)];
        if (state == "未填报")
        {
            return (unit, state, null);
        }

        var visits = random.Next(200, unit.IsBranch ? 9000 : 2500);
        return (unit, state, [visits, visits * random.Next(60, 120) / 100, random.Next(1, unit.IsBranch ? 12 : 5), random.Next(20, 400), random.Next(0, visits / 40 + 1)]);
    }

    private static IReadOnlyList<string> Row(IEnumerable<string> labels, int[]? values) =>
        [.. labels, .. values?.Select(Number) ?? Enumerable.Repeat("—", KeyIndicators.Length)];

    private static IReadOnlyList<string> Totals(IEnumerable<int[]?> values)
    {
        var reported = values.OfType<int[]>().ToList();
        return ["合计", "", .. Enumerable.Range(0, KeyIndicators.Length).Select(i => Number(reported.Sum(v => v[i])))];
    }

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
