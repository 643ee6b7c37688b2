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
    public static readonly string[] ChecklistItems = ["统一标识牌", "每周开放不少于 30 小时", "有经过培训的管理员在岗", "配备电脑与网络", "藏书不少于 1,500 册"];

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
            ResourceItem.Create(head, new ResourceDetails(ResourceCategory.Periodicals, "报刊", 220, "种"), null, today));
        foreach (var unit in units.Values.Where(u => u.Kind != UnitKind.HeadLibrary))
        {
            var branch = unit.Kind == UnitKind.Branch;
            db.ResourceItems.Add(ResourceItem.Create(unit, new ResourceDetails(ResourceCategory.Collection, "基本藏书", branch ? 3000 : 1200, "册"), null, today));
            db.ResourceItems.Add(ResourceItem.Create(unit, new ResourceDetails(ResourceCategory.Computers, "电子阅览电脑", branch ? 4 : 1, "台"), null, today));
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
        db.StandardItems.AddRange(ChecklistItems.Select(name => StandardItem.Create(name, order += 10)));
        await db.SaveChangesAsync(ct);
    }
}
