using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Training;

/// <summary>
/// The demo's staff and 2020 training (source report: 3 head-branch training sessions for branch staff; the head
/// library's staff logged 800+ learning hours in online courses; 4 junior and 1 intermediate title). Names are invented.
/// </summary>
public sealed class DemoTraining(IDbContextFactory<BranchNetworkDbContext> dbFactory)
{
    private static readonly (string Name, string Position, ProfessionalTitle Title)[] HeadLibraryStaff =
    [
        ("欧阳晓红", "馆长", ProfessionalTitle.Intermediate),
        ("陈志明", "采编部主任", ProfessionalTitle.Junior),
        ("黄秀英", "流通部", ProfessionalTitle.Junior),
        ("李建华", "总分馆办公室", ProfessionalTitle.Junior),
        ("梁丽娟", "少儿部", ProfessionalTitle.Junior),
        ("邓国强", "办公室", ProfessionalTitle.None),
        ("冯晓燕", "流通部", ProfessionalTitle.None),
        ("刘海燕", "数字资源部", ProfessionalTitle.None),
    ];

    // Online courses the head library's staff took in 2020; 8 people × 106 hours = 848 hours.
    private static readonly (string Title, string Organiser, int StartMonth, decimal Hours)[] OnlineCourses =
    [
        ("图书馆专业知识线上学习", "广东图书馆学会", 3, 40),
        ("广东省干部网络学习", "广东省干部培训网络学院", 4, 30),
        ("专业技术人员公需课", "清远市人力资源和社会保障局", 6, 20),
        ("学法用法网络培训", "阳山县司法局", 9, 16),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.StaffMembers.AnyAsync(ct))
        {
            return;
        }

        var units = await db.Units.OrderBy(u => u.Code).ToListAsync(ct);
        var head = units.Single(u => u.Kind == UnitKind.HeadLibrary);
        var headStaff = HeadLibraryStaff.Select(s => StaffMember.Create(head, new StaffProfile(s.Name, s.Position, s.Title, null))).ToList();
        var branchStaff = units.Where(u => u.Kind != UnitKind.HeadLibrary && u.ContactPerson is not null)
            .Select(u => StaffMember.Create(u, new StaffProfile(u.ContactPerson!, u.Kind == UnitKind.Branch ? "分馆管理员" : "服务点管理员", ProfessionalTitle.None, u.Phone)))
            .ToList();
        db.StaffMembers.AddRange(headStaff);
        db.StaffMembers.AddRange(branchStaff);
        await db.SaveChangesAsync(ct);

        var sessions = new List<TrainingSession>();
        foreach (var (title, organiser, month, hours) in OnlineCourses)
        {
            var course = TrainingSession.Create(new SessionDetails(title, organiser, new DateOnly(2020, month, 1), new DateOnly(2020, month + 2, 28), hours, true,
                Description: "线上课程 (演示数据)"));
            headStaff.ForEach(course.Enrol);
            headStaff.ForEach(s => course.MarkAttendance(s.Id, true, hours, DateOnly.MaxValue));
            sessions.Add(course);
        }

        var branchPeople = branchStaff.Where(s => s.Unit.Kind == UnitKind.Branch).ToList();
        foreach (var (number, day) in new[] { (1, new DateOnly(2020, 6, 18)), (2, new DateOnly(2020, 9, 24)), (3, new DateOnly(2020, 12, 10)) })
        {
            var session = TrainingSession.Create(new SessionDetails($"总分馆制建设业务培训班（第{number}期）", "阳山县图书馆", day, day, 6, false,
                "阳山县图书馆多功能厅", "分馆及服务点管理员业务培训 (演示数据)"));
            branchPeople.ForEach(session.Enrol);
            headStaff.Take(2).ToList().ForEach(session.Enrol);
            foreach (var person in branchPeople)
            {
                // One absence per session, and a half day for someone who left early: attendance is marked as it was.
                var absent = person == branchPeople[number * 3 % branchPeople.Count];
                var halfDay = person == branchPeople[(number * 5 + 1) % branchPeople.Count];
                session.MarkAttendance(person.Id, !absent, halfDay ? 3 : null, DateOnly.MaxValue);
            }

            sessions.Add(session);
        }

        db.TrainingSessions.AddRange(sessions);
        await db.SaveChangesAsync(ct);
    }
}
