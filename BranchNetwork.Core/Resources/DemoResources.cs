using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Resources;

/// <summary>
/// The four grants of 2020 from the source report with what they bought, the checklist items, collections and
/// deliveries. Amounts and purposes follow the report; quantities, dates and deliveries are invented (demo data).
/// </summary>
public sealed class DemoResources(IDbContextFactory<BranchNetworkDbContext> dbFactory, CountyClock clock)
{
    /// <summary>
    /// The demo checklist: five items measured from the data (so branches and service points show a real mix of met and
    /// missed) and two met by evidence.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, StandardRule Rule, decimal? Threshold)> ChecklistItems =
    [
        ("统一标识牌", StandardRule.Plaqued, null),
        ("每周开放不少于 30 小时", StandardRule.WeeklyOpeningHours, 30),
        ("阅览座位不少于 20 个", StandardRule.Seats, 20),
        ("公共电脑不少于 2 台", StandardRule.PublicComputers, 2),
        ("藏书不少于 1,500 册", StandardRule.Volumes, 1500),
        ("按时报送月报不少于 90%", StandardRule.ReportsOnTime, 90),
        ("有经过培训的管理员在岗", StandardRule.None, null),
        ("借阅制度与开放时间上墙公示", StandardRule.None, null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Grants.AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        var head = units["YS"];
        var today = clock.Today;
        var reading = Grant.Create(new GrantDetails("报刊阅览室及文化长廊升级改造", "县财政", 150_000m, 2020, GrantStatus.Accepted,
            "报刊阅览室空间改造、文化长廊书画展示 (演示数据)", new DateOnly(2020, 6, 1), new DateOnly(2020, 9, 30), new DateOnly(2020, 10, 20)), [head]);
        var disinfection = Grant.Create(new GrantDetails("通风系统及消毒设备", "县财政专项资金", 100_000m, 2020, GrantStatus.Completed,
            "通风系统、紫外线杀菌灯、库房空气消毒机、自动图书杀菌机及防护物资", new DateOnly(2020, 3, 1), new DateOnly(2020, 5, 10)), [head]);
        var central = Grant.Create(new GrantDetails("功能室灯光线路改造及车辆、人行道闸", "中央补助", 150_000m, 2020, GrantStatus.Completed,
            "LED 灯光与开关线路改造、人脸测温人行道闸、车牌识别道闸", new DateOnly(2020, 7, 1), new DateOnly(2020, 11, 30)), [head]);
        var facade = Grant.Create(new GrantDetails("综合大楼外立面清洗", "创文资金", 18_000m, 2020, GrantStatus.Completed,
            "清洗图书馆综合大楼前外立面", new DateOnly(2020, 8, 1), new DateOnly(2020, 8, 20)), [head]);
        db.Grants.AddRange(reading, disinfection, central, facade);
        await db.SaveChangesAsync(ct);

        db.ResourceItems.AddRange(
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Equipment, "紫外线杀菌灯", 12, "台", new DateOnly(2020, 4, 20)), disinfection, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Equipment, "自动图书杀菌机", 2, "台", new DateOnly(2020, 4, 28)), disinfection, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Equipment, "库房空气消毒机", 3, "台", new DateOnly(2020, 4, 28)), disinfection, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Equipment, "人脸测温人行道闸", 1, "套", new DateOnly(2020, 11, 10)), central, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Equipment, "车牌识别道闸", 1, "套", new DateOnly(2020, 11, 20)), central, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Collection, "馆藏图书", 186_000, "册"), null, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Computers, "电子阅览室电脑", 40, "台"), null, today),
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Periodicals, "报刊", 220, "种"), null, today));
        // A branch holds 3,000 volumes and 4 public computers; a village's first service point 1,100 volumes (short of 1,500
        // even with its deliveries), the second 1,400 and the third 1,700, and only the third has a second computer.
        foreach (var unit in units.Values.Where(u => u.Kind != UnitKind.HeadLibrary))
        {
            var branch = unit.Kind == UnitKind.Branch;
            var village = branch ? 0 : int.Parse(unit.Code[^2..], System.Globalization.CultureInfo.InvariantCulture);
            db.ResourceItems.Add(ResourceItem.Create(unit, new ResourceDetails(ResourceCategory.Collection, "基本藏书", branch ? 3000 : 800 + village * 300, "册"), null, today));
            db.ResourceItems.Add(ResourceItem.Create(unit, new ResourceDetails(ResourceCategory.Computers, "电子阅览电脑", branch ? 4 : village >= 3 ? 2 : 1, "台"), null, today));
        }

        // Deliveries: each branch and its service points twice a year; 七拱镇 is below the standard in the latest year.
        var year = clock.Today.Year;
        foreach (var unit in units.Values.Where(u => u.Kind != UnitKind.HeadLibrary))
        {
            var branch = unit.Kind == UnitKind.Branch;
            foreach (var y in new[] { year - 1, year })
            {
                var volumes = unit.Code.StartsWith("YS-QG", StringComparison.Ordinal) && y == year ? (branch ? 120 : 40) : (branch ? 300 : 80);
                var spring = new DateOnly(y, 3, 15);
                db.Deliveries.Add(Delivery.Create(unit, spring > today ? today : spring, volumes, volumes * 6 / 10, "季度配送 (演示)", today));
                if (new DateOnly(y, 9, 15) <= today)
                {
                    db.Deliveries.Add(Delivery.Create(unit, new DateOnly(y, 9, 15), volumes, volumes / 2, "季度配送 (演示)", today));
                }
            }
        }

        var order = 0;
        db.StandardItems.AddRange(ChecklistItems.Select(i => StandardItem.Create(i.Name, order += 10, i.Rule, i.Threshold)));
        await db.SaveChangesAsync(ct);
    }
}
