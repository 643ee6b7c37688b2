using System.Net;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Http;

/// <summary>
/// Every page and endpoint × every role, with the expected answer. Later features add their rows here. A branch
/// worker (七拱镇) reaching for another branch by URL must get 404 with none of its data.
/// </summary>
public abstract class AuthorizationMatrixTests(PortalFactory portal)
{
    public const string Anonymous = "anonymous";
    public const string Admin = "admin@demo.local";
    public const string Staff = "staff@demo.local";
    public const string Observer = "observer@demo.local";
    public const string QigongWorker = "ys-qg@demo.local";

    private const int Ok = 200, SignIn = 302, Forbidden = 403, NotFound = 404, Unprocessable = 422;

    // path, then the answer for: anonymous, administrator, head-library staff, observer, branch worker of 七拱镇.
    private static readonly (string Path, int[] Expected)[] Rows =
    [
        ("/health", [Ok, Ok, Ok, Ok, Ok]),
        ("/Account/Login", [Ok, Ok, Ok, Ok, Ok]),
        ("/", [SignIn, Ok, Ok, Ok, Ok]),
        ("/roster", [SignIn, Ok, Ok, Ok, Ok]),
        ("/roster?township=青莲镇", [SignIn, Ok, Ok, Ok, Ok]),
        ("/roster/YS-QG", [SignIn, Ok, Ok, Ok, Ok]),
        ("/roster/YS-QG-01", [SignIn, Ok, Ok, Ok, Ok]),
        ("/roster/YS", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/roster/YS-QL", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/roster/YS-QL-01", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/roster/ys-ql-01", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/roster/YS-NOPE", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/admin/users", [SignIn, Ok, Forbidden, Forbidden, Forbidden]),
        ("/admin/audit", [SignIn, Ok, Forbidden, Forbidden, Forbidden]),
        ("/admin/backups", [SignIn, Ok, Forbidden, Forbidden, Forbidden]),
        ("/admin/population", [SignIn, Ok, Forbidden, Forbidden, Forbidden]),
        ("/exports/population/2025.xlsx", [SignIn, Ok, Forbidden, Forbidden, Forbidden]),
        ("/exports/population/1900.xlsx", [SignIn, NotFound, Forbidden, Forbidden, Forbidden]),
        ("/Account/Manage/ChangePassword", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures?branch=YS-QG&month=2025-06", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures?branch=YS-QL", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/figures/review", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/figures/quick", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures/quick?unit=YS-QG-01&month=2025-06", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures/quick?unit=YS-QL-01", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/figures/quick/token", [SignIn, Ok, Ok, Forbidden, Ok]),
        ("/figures/board", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures/board?year=2020", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures/exchange", [SignIn, Ok, Ok, Ok, Ok]),
        ("/figures/closures", [SignIn, Ok, Ok, Ok, Ok]),
        ("/admin/indicators", [SignIn, Ok, Ok, Ok, Ok]),
        ("/staff", [SignIn, Ok, Ok, Ok, Ok]),
        ("/training", [SignIn, Ok, Ok, Ok, Ok]),
        ("/training?year=2020", [SignIn, Ok, Ok, Ok, Ok]),
        ("/training/1", [SignIn, Ok, Ok, Ok, Ok]),
        ("/training/99999", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/activities", [SignIn, Ok, Ok, Ok, Ok]),
        ("/activities?year=2020&series=巧手丫", [SignIn, Ok, Ok, Ok, Ok]),
        ("/resources", [SignIn, Ok, Ok, Ok, Ok]),
        ("/deliveries", [SignIn, Ok, Ok, Ok, Ok]),
        ("/grants", [SignIn, Ok, Ok, Ok, Ok]),
        ("/plaques", [SignIn, Ok, Ok, Ok, Ok]),
        ("/plaques?unit=YS-QG", [SignIn, Ok, Ok, Ok, Ok]),
        ("/plaques?unit=YS-QL", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/photos/YS-QG/0123456789abcdef0123456789abcdef.png", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/photos/YS-QG/..%2F..%2Fkeys", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/photos/activities/1/0123456789abcdef0123456789abcdef.png", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/photos/activities/1/..%2F..%2Fkeys", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/photos/activities/999999/0123456789abcdef0123456789abcdef.jpg", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports", [SignIn, Ok, Ok, Ok, Ok]),
        ("/analytics", [SignIn, Ok, Ok, Ok, Ok]),
        ("/scores", [SignIn, Ok, Ok, Ok, Ok]),
        ("/scores/2025", [SignIn, Ok, Ok, Ok, Ok]),
        ("/analytics?view=map", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/network-monthly/2025-06.pdf", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/network-monthly/2025-13.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/network-monthly/2099-01.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/unit-annual/YS-QG-01/2025.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-monthly/YS-QG/2025-06.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-monthly/ys-qg/2025-06.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-monthly/YS-QL/2025-06.pdf", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/reports/branch-monthly/YS-QG-01/2025-06.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/branch-monthly/YS-QG/2025-13.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/branch-monthly/YS-QG/2099-01.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/unit-annual/ys-qg/2025.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/unit-annual/YS-QL/2025.pdf", [SignIn, Ok, Ok, Ok, NotFound]),
        ("/reports/unit-annual/YS/2025.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/unit-annual/YS-QG/2099.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/plaques.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/annual-summary/2020.pdf", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/annual-summary/2099.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/annual-summary/2020.docx", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/annual-summary/2099.docx", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/assessment", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/assessment/2025.pdf", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/assessment/2099.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/assessment/1999.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/assessment/evidence/1/0123456789abcdef0123456789abcdef.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/assessment/evidence/1/..%2F..%2Fappsettings.json", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/training/2020.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-scores/2025.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-scores/2020.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/branch-scores/2015.pdf", [SignIn, Unprocessable, Unprocessable, Unprocessable, Unprocessable]),
        ("/reports/branch-scores/2099.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/training/2099.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/certificate/999999/1.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/training-signin/1.pdf", [SignIn, Ok, Ok, Ok, Ok]),
        ("/reports/training-signin/99999.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/statistics", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/statistics/2020", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/statistics/2018", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/statistics/2099", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/statistics/1999", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/statistics/next", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/reports/statistics-return/2020.pdf", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/statistics-return/2020.xlsx", [SignIn, Ok, Ok, Ok, Forbidden]),
        ("/reports/statistics-return/2018.pdf", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/statistics-return/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, Forbidden]),
        ("/reports/statistics-return/next.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/figures/2025.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/figures/2025.csv", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/figures/template.csv", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/figures/2099.csv", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/figures/2025.pdf", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/figures/2025.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/figures/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/figures/1999.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/figures/next.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/activities/2020.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/activities/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/training/2020.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/training/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/deliveries/2020.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/deliveries/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/grants/2020.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/grants/2099.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/exports/ledgers/staff.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/resources.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/plaques.xlsx", [SignIn, Ok, Ok, Ok, Ok]),
        ("/exports/ledgers/nothing.xlsx", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/Account/Register", [SignIn, NotFound, NotFound, NotFound, NotFound]),
        ("/Account/ExternalLogin", [SignIn, NotFound, NotFound, NotFound, NotFound]),
    ];

    private static readonly string[] Who = [Anonymous, Admin, Staff, Observer, QigongWorker];

    public static TheoryData<string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (path, expected) in Rows)
        {
            for (var i = 0; i < Who.Length; i++)
            {
                data.Add(path, Who[i], expected[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_the_expected_answer(string path, string who, int expected)
    {
        var client = who == Anonymous ? portal.Anonymous() : await portal.SignedInAsync(who);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == SignIn)
        {
            Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath);
        }

        if (expected is NotFound or Forbidden)
        {
            // No data of the unit (its phone, its contact) leaks into the error page. A phone is 0763- and seven
            // digits: the bare prefix also turns up inside the page's random element ids now and then.
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(@"0763-\d{7}", body);
        }
    }

    public static TheoryData<string> QigongWorkerAnswers()
    {
        var index = Array.IndexOf(Who, QigongWorker);
        var data = new TheoryData<string>();
        foreach (var (path, expected) in Rows.Where(r => r.Expected[index] == Ok))
        {
            data.Add(path);
        }

        return data;
    }

    /// <summary>
    /// What the 七拱镇 worker is answered holds nothing of the rest of the network: no other unit's name or code, no
    /// other unit's staff, no grant of other units. Pages are read as HTML, PDFs and workbooks as their text.
    /// </summary>
    [Theory]
    [MemberData(nameof(QigongWorkerAnswers))]
    public async Task A_branch_workers_answers_hold_nothing_of_other_units(string path)
    {
        var client = await portal.SignedInAsync(QigongWorker);
        var foreign = await ForeignMarkersAsync();

        using var response = await client.GetAsync(path);
        var text = await ReadableTextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([], foreign.Where(text.Contains).ToArray());
    }

    [Fact]
    public async Task An_activity_photo_is_served_to_readers_of_its_unit_only_and_never_stored()
    {
        async Task<string> PhotoOfAsync(string code)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = Actor.System;
            var activities = scope.ServiceProvider.GetRequiredService<BranchNetwork.Core.Activities.ActivityService>();
            var today = scope.ServiceProvider.GetRequiredService<CountyClock>().Today;
            var id = await activities.AddAsync(code, new BranchNetwork.Core.Activities.ActivityDetails(today, "亲子阅读会", BranchNetwork.Core.Activities.ActivityCategory.ParentChildReading, 20));
            var version = (await activities.ListAsync(new BranchNetwork.Core.Activities.ActivityFilter(today.Year, UnitCode: code), new PageRequest(0, 100)))
                .Page.Items.Single(a => a.Id == id).Version;
            return $"/photos/activities/{id}/{await activities.AddPhotoAsync(id, version, Resources.ResourcesTests.Png)}";
        }

        await AssertServedWithinScopeAsync(await PhotoOfAsync("YS-QG-01"), await PhotoOfAsync("YS-QL-01"));
    }

    /// <summary>A photo of 七拱镇 and one of 青莲镇: head staff, administrators and observers get both (never cached), the 七拱镇 worker only their own.</summary>
    private async Task AssertServedWithinScopeAsync(string own, string other)
    {
        var worker = await portal.SignedInAsync(QigongWorker);
        foreach (var who in new[] { Admin, Staff, Observer })
        {
            using var answer = await (await portal.SignedInAsync(who)).GetAsync(other);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("image/png", answer.Content.Headers.ContentType?.MediaType);
            Assert.True(answer.Headers.CacheControl?.NoStore);
        }

        using var ownAnswer = await worker.GetAsync(own);
        using var otherAnswer = await worker.GetAsync(other);
        using var anonymousAnswer = await portal.Anonymous().GetAsync(own);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Redirect),
            (ownAnswer.StatusCode, otherAnswer.StatusCode, anonymousAnswer.StatusCode));
    }

    [Fact]
    public async Task A_checklist_photo_is_served_to_readers_of_its_unit_only_and_never_stored()
    {
        async Task<string> PhotoOfAsync(string code)
        {
            await using var scope = portal.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = Actor.System;
            var programme = scope.ServiceProvider.GetRequiredService<BranchNetwork.Core.Resources.ProgrammeService>();
            var item = (await programme.ChecklistAsync(code))!.First(r => !r.IsMeasured);
            await programme.SetAsync(code, item.ItemId, item.Version, true, null, Resources.ResourcesTests.Png);
            return $"/photos/{code}/{(await programme.ChecklistAsync(code))!.First(r => r.ItemId == item.ItemId).Photo}";
        }

        await AssertServedWithinScopeAsync(await PhotoOfAsync("YS-QG"), await PhotoOfAsync("YS-QL"));
    }

    private static async Task<string> ReadableTextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        switch (response.Content.Headers.ContentType?.MediaType)
        {
            case "application/pdf":
                using (var document = PdfDocument.Open(bytes))
                {
                    return string.Join("\n", document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
                }

            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                var sheets = new List<string>();
                foreach (var sheet in new MemoryStream(bytes).GetSheetNames())
                {
                    var rows = new MemoryStream(bytes).Query(sheetName: sheet).Cast<IDictionary<string, object?>>();
                    sheets.Add(string.Join("\n", rows.Select(r => string.Join("\t", r.Values))));
                }

                return string.Join("\n", sheets);
            default:
                return System.Text.Encoding.UTF8.GetString(bytes);
        }
    }

    private async Task<IReadOnlyList<string>> ForeignMarkersAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = Actor.System;
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
        var qigong = await db.Units.Where(u => u.Code == "YS-QG").Select(u => u.Id).SingleAsync();
        var mine = db.Units.Where(u => u.Id == qigong || u.ParentId == qigong).Select(u => u.Id);
        var units = await db.Units.Where(u => !mine.Contains(u.Id) && u.Kind != UnitKind.HeadLibrary).Select(u => new { u.Code, u.Name }).ToListAsync();
        var staff = await db.StaffMembers.Where(s => !mine.Contains(s.UnitId)).Select(s => s.Name).ToListAsync();
        var ownStaff = await db.StaffMembers.Where(s => mine.Contains(s.UnitId)).Select(s => s.Name).ToListAsync();
        var grants = await db.Grants.Where(g => !g.Units.Any(u => mine.Contains(u.Id))).Select(g => g.Title).ToListAsync();
        return units.Select(u => u.Name).Concat(units.Select(u => u.Code + "-").Where(c => c.Count(ch => ch == '-') == 2))
            .Concat(staff.Except(ownStaff)).Concat(grants).Distinct().ToList();
    }

    [Fact]
    public async Task The_Qigong_worker_sees_only_Qigong_in_the_roster()
    {
        var client = await portal.SignedInAsync(QigongWorker);

        var html = await client.GetStringAsync("/roster");

        Assert.Contains("显示 4 / 4 个网点", html);
        Assert.Contains("火岗村服务点", html);
        Assert.DoesNotContain("青莲镇", html);
        Assert.DoesNotContain("新建网点", html);
    }

    [Theory]
    [InlineData("/roster?township=青莲镇")]
    [InlineData("/roster?q=YS-QL")]
    [InlineData("/roster?q=龙井村")]
    public async Task Asking_the_roster_for_another_branch_by_query_shows_nothing_of_it(string path)
    {
        var html = await (await portal.SignedInAsync(QigongWorker)).GetStringAsync(path);

        Assert.Contains("显示 0 / 4 个网点", html);
        // The search box shows what was typed; no unit of 青莲镇 appears.
        Assert.DoesNotContain("YS-QL-0", html);
        Assert.DoesNotContain("青莲镇分馆", html);
        Assert.DoesNotContain("龙井村服务点", html);
    }

    [Fact]
    public async Task A_branch_workers_export_holds_only_their_units()
    {
        var csv = await (await portal.SignedInAsync(QigongWorker)).GetStringAsync("/exports/figures/2025.csv");

        Assert.Contains("YS-QG-01", csv);
        Assert.DoesNotContain("YS-QL", csv);
        Assert.Equal(4 * 12 + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_ledger_is_an_xlsx_attachment_named_in_Chinese_with_the_readers_name_in_its_footer()
    {
        var client = await portal.SignedInAsync(QigongWorker);

        using var response = await client.GetAsync("/exports/ledgers/training/2020.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("台账-培训-2020.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var text = await ReadableTextAsync(response);
        Assert.Contains("制表：", text);
        Assert.Contains("七拱镇", text);
    }

    [Fact]
    public async Task Navigation_shows_administration_only_to_administrators()
    {
        Assert.Contains("用户管理", await (await portal.SignedInAsync(Admin)).GetStringAsync("/"));
        Assert.DoesNotContain("用户管理", await (await portal.SignedInAsync(Staff)).GetStringAsync("/"));
        Assert.DoesNotContain("用户管理", await (await portal.SignedInAsync(QigongWorker)).GetStringAsync("/"));
    }

    [Fact]
    public async Task An_observer_sees_no_edit_buttons()
    {
        var html = await (await portal.SignedInAsync(Observer)).GetStringAsync("/roster/YS-QG-01");

        Assert.Contains("火岗村服务点", html);
        Assert.DoesNotContain("data-testid=\"edit-unit\"", html);
        Assert.DoesNotContain("data-testid=\"change-status\"", html);
    }

    [Fact]
    public async Task An_observer_reads_read_only_wording_not_entry_instructions()
    {
        var observer = await portal.SignedInAsync(Observer);

        var entry = await observer.GetStringAsync("/figures");
        var exchange = await observer.GetStringAsync("/figures/exchange");

        Assert.Contains("您的账号只能查看", entry);
        Assert.DoesNotContain("点击“提交”", entry);
        Assert.DoesNotContain("您可填报", exchange);
        Assert.Contains("您的角色只能导出", exchange);
        Assert.Contains("点击“提交”", await (await portal.SignedInAsync(QigongWorker)).GetStringAsync("/figures"));
    }

    [Fact]
    public async Task A_branch_worker_may_edit_their_units_but_not_change_status()
    {
        var html = await (await portal.SignedInAsync(QigongWorker)).GetStringAsync("/roster/YS-QG-01");

        Assert.Contains("data-testid=\"edit-unit\"", html);
        Assert.DoesNotContain("data-testid=\"change-status\"", html);
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(PortalFactory portal) : AuthorizationMatrixTests(portal), IClassFixture<PortalFactory>;

public sealed class AuthorizationMatrixTestsOnPostgreSql(PostgreSqlPortalFactory portal) : AuthorizationMatrixTests(portal), IClassFixture<PostgreSqlPortalFactory>;
