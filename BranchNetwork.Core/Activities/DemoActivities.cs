using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Activities;

/// <summary>
/// The activities of 2020 from the source report (16 picture-book sessions, 15 craft sessions, the 21-day reading
/// challenge, 2 classics lectures, the 19 September exchange, the 1 August outreach to 火岗村 and 三所村, the
/// 12 January volunteer training, exhibitions), and a few recent ones at 七拱镇 for the monthly figures. Dates
/// within a series and participant counts are invented.
/// </summary>
public sealed class DemoActivities(IDbContextFactory<BranchNetworkDbContext> dbFactory, CountyClock clock)
{
    public const string PictureBooks = "共享阅读-相约阳图";
    public const string Crafts = "巧手丫";
    public const string HanYu = "韩愈书房";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Activities.IgnoreQueryFilters().AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        var today = clock.Today;
        var list = new List<(string Unit, ActivityDetails Details)>
        {
            ("YS", new(new DateOnly(2020, 1, 12), "图书馆志愿者业务培训班暨2019年度优秀志愿者颁奖典礼", ActivityCategory.Volunteer, 48)),
            ("YS", new(new DateOnly(2020, 7, 10), "21天阅读大挑战", ActivityCategory.Competition, 380, Note: "7—8月，9月19日颁奖 (参与人数为演示数据)")),
            ("YS", new(new DateOnly(2020, 9, 19), "“文化三下乡”——“读游清远，师道阳山”主题交流会", ActivityCategory.Lecture, 120, Partner: "清远市图书馆")),
            ("YS-QG-01", new(new DateOnly(2020, 8, 1), "“诗韵田园·乡村有约”文化惠民服务进基层", ActivityCategory.Outreach, 85, Partner: "阳山县图书馆")),
            ("YS-QG-02", new(new DateOnly(2020, 8, 1), "“诗韵田园·乡村有约”文化惠民服务进基层", ActivityCategory.Outreach, 70, Partner: "阳山县图书馆")),
            ("YS", new(new DateOnly(2020, 10, 17), "“艺路相随，梦想启航”公益画展", ActivityCategory.Exhibition, 600)),
            ("YS", new(new DateOnly(2020, 11, 7), "阳山中学师生书画作品展", ActivityCategory.Exhibition, 450, Partner: "阳山中学")),
            ("YS", new(new DateOnly(2020, 12, 5), "清远市百名书法家写新思想书法巡展（阳山站）", ActivityCategory.Exhibition, 520)),
            ("YS", new(new DateOnly(2020, 10, 24), "韩愈书房国学讲座（一）", ActivityCategory.Lecture, 65, HanYu)),
            ("YS", new(new DateOnly(2020, 12, 19), "韩愈书房国学讲座（二）", ActivityCategory.Lecture, 72, HanYu)),
        };

        // 16 picture-book sessions and 15 craft sessions on Saturdays after the reopening of 13 May 2020.
        var saturdays = Enumerable.Range(0, 40).Select(w => new DateOnly(2020, 5, 16).AddDays(7 * w)).Where(d => d.Year == 2020).ToList();
        list.AddRange(saturdays.Take(16).Select((d, i) => ("YS", new ActivityDetails(d, $"亲子绘本故事会（第{i + 1}期）", ActivityCategory.ParentChildReading, 30 + i % 5 * 4, PictureBooks))));
        list.AddRange(saturdays.Skip(1).Take(15).Select((d, i) => ("YS", new ActivityDetails(d.AddDays(1), $"亲子手工（第{i + 1}期）", ActivityCategory.Craft, 22 + i % 4 * 3, Crafts))));

        // Recent activities at 七拱镇, so the monthly figures can offer them.
        var last = Period.Of(today).Previous;
        list.Add(("YS-QG-01", new(last.FirstDay.AddDays(9), "乡村少儿阅读分享会", ActivityCategory.ParentChildReading, 26, PictureBooks)));
        list.Add(("YS-QG-01", new(last.FirstDay.AddDays(20), "农家书屋读书沙龙", ActivityCategory.Lecture, 18)));
        list.Add(("YS-QG", new(last.FirstDay.AddDays(14), "七拱镇分馆亲子手工", ActivityCategory.Craft, 34, Crafts)));

        foreach (var (unit, details) in list)
        {
            db.Activities.Add(Activity.Create(units[unit], details, today));
        }

        await db.SaveChangesAsync(ct);
    }
}
