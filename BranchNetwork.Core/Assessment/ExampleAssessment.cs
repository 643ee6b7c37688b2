using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Assessment;

/// <summary>
/// The example tree seeded on a database that has none: items modelled on published ones of the grading standard, with
/// thresholds and grades chosen for a county network, and labelled as an example to adjust to the round's standard.
/// Seeded once; after that the tree is the administrators' (a removed item does not come back).
/// </summary>
public sealed class ExampleAssessment(IDbContextFactory<BranchNetworkDbContext> dbFactory)
{
    public const string NoteZh = "示例：请按本轮评估标准调整";
    public const string NoteEn = "Example: adjust to this round's standard";

    private static Threshold[] Steps(params (decimal Minimum, decimal Points)[] steps) => steps.Select(s => new Threshold(s.Minimum, s.Points)).ToArray();

    public static readonly IReadOnlyList<(string NameZh, string NameEn, AssessmentItemDefinition[] Items)> Sections =
    [
        ("服务效能", "Service performance",
        [
            new("visits_per_card", "人均年到馆次数（年流通总人次÷持证读者数）", "Visits per valid card a year (visits ÷ valid cards)", 10,
                AssessmentKind.Measured, "visits_per_card", Thresholds: Steps((25, 10), (20, 8), (10, 6), (5, 4))),
            new("loans", "年文献外借册次", "Items loaned a year", 10,
                AssessmentKind.Measured, "loans", Thresholds: Steps((600_000, 10), (450_000, 8), (300_000, 6), (150_000, 4))),
            new("items_added_per_resident", "年人均新增藏量（册）", "Items added per resident a year", 8,
                AssessmentKind.Measured, "items_added_per_resident", Thresholds: Steps((0.06m, 8), (0.04m, 6), (0.02m, 4))),
            new("satisfaction", "读者满意率（≥85%）", "Reader satisfaction (at least 85 %)", 5, AssessmentKind.Manual),
        ]),
        ("服务网络与开放", "Service network and opening",
        [
            new("township_coverage", "乡镇分馆覆盖率", "Townships with a branch", 8,
                AssessmentKind.Measured, "township_coverage", Thresholds: Steps((100, 8), (90, 6), (80, 4))),
            new("village_coverage", "村级服务点覆盖率", "Villages with a service point", 8,
                AssessmentKind.Measured, "village_coverage", Thresholds: Steps((90, 8), (60, 6), (30, 4), (15, 2))),
            new("head_opening_hours", "总馆每周开放时间（小时）", "Head library's weekly opening hours", 6,
                AssessmentKind.Measured, "head_opening_hours", PeriodYears: 1, Thresholds: Steps((63, 6), (56, 5), (48, 4))),
            new("network_opening_hours", "分馆和服务点平均每周开放时间（小时）", "Average weekly opening hours of branches and service points", 6,
                AssessmentKind.Measured, "network_opening_hours", PeriodYears: 1, Thresholds: Steps((40, 6), (35, 5), (30, 4), (24, 3))),
        ]),
        ("队伍与资源", "Staff and resources",
        [
            new("training_hours_per_staff", "业务培训学时（人均）", "Training hours per staff member", 6,
                AssessmentKind.Measured, "training_hours_per_staff", Thresholds: Steps((40, 6), (24, 4), (12, 2))),
            new("digital_resources", "数字资源总量", "Digital resources held", 5, AssessmentKind.Manual),
        ]),
    ];

    public static readonly IReadOnlyList<GradeDefinition> Grades =
    [
        new("一级", "Grade 1", 60),
        new("二级", "Grade 2", 45),
        new("三级", "Grade 3", 30),
    ];

    /// <returns>Whether the example was seeded (false: a tree is there already).</returns>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.AssessmentSchemes.AnyAsync(ct))
        {
            return false;
        }

        db.AssessmentSchemes.Add(AssessmentScheme.Create(NoteZh, NoteEn));
        var order = 0;
        foreach (var (nameZh, nameEn, items) in Sections)
        {
            var section = AssessmentSection.Create(nameZh, nameEn, order += 10);
            foreach (var item in items)
            {
                section.Add(item);
            }

            db.AssessmentSections.Add(section);
        }

        db.AssessmentGrades.AddRange(AssessmentGrade.Check(Grades).Select(AssessmentGrade.Create));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
