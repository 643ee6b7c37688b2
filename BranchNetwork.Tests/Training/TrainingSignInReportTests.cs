using System.Globalization;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace BranchNetwork.Tests.Training;

/// <summary>The training sign-in sheet (签到表), read back with PdfPig: who is on it, and room to sign by hand.</summary>
public sealed class TrainingSignInReportTests : IDisposable
{
    private readonly TestNetwork network = new();

    public TrainingSignInReportTests()
    {
        Assert.NotNull(ReportFonts.Register(null));
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private T Service<T>() where T : notnull => network.Services.GetRequiredService<T>();

    /// <summary>A day's classroom session of the demo (the branch managers and two of the head library's staff).</summary>
    private async Task<SessionRecord> ClassroomSessionAsync()
    {
        await Service<DemoTraining>().SeedAsync();
        var summary = (await Service<TrainingService>().SessionsAsync(2020)).First(s => !s.IsOnline);
        return (await Service<TrainingService>().SessionAsync(summary.Id))!;
    }

    private static string PageText(Page page) => string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", "");

    [Fact]
    public async Task The_sheet_names_the_session_and_lists_everyone_enrolled_with_an_empty_signature_cell_10_mm_high()
    {
        var session = await ClassroomSessionAsync();

        var pdf = (await Service<TrainingSignInReport>().RenderAsync(session.Id, Text))!;
        ReportTests.KeepForReview("training-signin", pdf);

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var all = PageText(page);
        Assert.Equal(1, document.NumberOfPages);
        Assert.Contains($"{session.Details.Title}签到表".Replace(" ", ""), all);
        var day = session.Details.StartsOn;
        Assert.Contains($"时间：{day.Year}年{day.Month}月{day.Day}日", all);
        Assert.Contains("地点：阳山县图书馆多功能厅", all);
        Assert.Contains("主办单位：阳山县图书馆", all);
        Assert.Contains("序号姓名单位职称签名", all);
        Assert.True(session.Attendees.Count > 10);
        Assert.All(session.Attendees, a => Assert.Contains($"{a.Name}{a.UnitName}".Replace(" ", ""), all));
        Assert.Contains($"应到{session.Attendees.Count}人", all);

        // The signature column holds its header and nothing else: no letter stands right of the header's start, below it.
        var header = page.Letters.First(l => l.Value == "签" && page.Letters.Any(n => n.Value == "名" && Math.Abs(n.StartBaseLine.Y - l.StartBaseLine.Y) < 1));
        var inColumn = page.Letters.Where(l => l.StartBaseLine.X >= header.StartBaseLine.X - 2 && l.StartBaseLine.Y < header.StartBaseLine.Y - 1).ToList();
        Assert.Empty(inColumn.Select(l => l.Value));

        // Rows are at least 10 mm (28.3 pt) apart, room for a name written by hand.
        var rowLines = session.Attendees.Select(a => page.Letters.First(l => l.Value == a.Name[..1]
                && page.Letters.Any(n => n.Value == a.Name[1..2] && Math.Abs(n.StartBaseLine.Y - l.StartBaseLine.Y) < 1 && n.StartBaseLine.X > l.StartBaseLine.X)).StartBaseLine.Y)
            .Distinct().OrderByDescending(y => y).ToList();
        Assert.True(rowLines.Count > 10);
        Assert.All(rowLines.Zip(rowLines.Skip(1), (above, below) => above - below), gap => Assert.InRange(gap, TrainingSignInReport.SignatureRowHeight - 0.5, 60));
    }

    [Fact]
    public async Task A_long_list_runs_over_pages_with_the_header_on_each()
    {
        var session = await ClassroomSessionAsync();
        var training = Service<TrainingService>();
        var everyone = (await training.StaffAsync()).Where(s => s.IsActive && session.Attendees.All(a => a.StaffMemberId != s.Id)).Select(s => s.Id).ToList();
        await training.EnrolAsync(session.Id, session.Version, everyone);
        var enrolled = (await training.SessionAsync(session.Id))!.Attendees;

        var pdf = (await Service<TrainingSignInReport>().RenderAsync(session.Id, Text))!;
        ReportTests.KeepForReview("training-signin-long", pdf);

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(PageText).ToList();
        Assert.True(enrolled.Count > 40);
        Assert.True(pages.Count >= 2);
        Assert.All(pages, p => Assert.Contains("序号姓名单位职称签名", p));
        Assert.All(enrolled, a => Assert.Contains(a.Name, string.Concat(pages)));
        Assert.Contains($"第{pages.Count}页/共{pages.Count}页", pages[^1]);
    }

    [Fact]
    public async Task A_branch_worker_s_sheet_lists_only_their_own_staff()
    {
        var session = await ClassroomSessionAsync();
        var own = session.Attendees.Where(a => a.UnitCode.StartsWith("YS-QG", StringComparison.Ordinal)).ToList();
        var others = session.Attendees.Except(own).ToList();

        network.ActAsBranchWorker("YS-QG");
        var pdf = (await Service<TrainingSignInReport>().RenderAsync(session.Id, Text))!;

        using var document = PdfDocument.Open(pdf);
        var all = string.Concat(document.GetPages().Select(PageText));
        Assert.NotEmpty(own);
        Assert.True(others.Count > 5);
        Assert.All(own, a => Assert.Contains(a.Name, all));
        Assert.All(others, a => Assert.DoesNotContain(a.Name, all));
        // The head library's name is on every sheet (the page header, the organiser), its staff are not.
        Assert.All(others.Where(a => a.UnitCode != "YS"), a => Assert.DoesNotContain(a.UnitName, all));
        Assert.Contains($"应到{own.Count}人", all);
    }

    [Fact]
    public async Task There_is_no_sheet_for_a_session_that_does_not_exist() =>
        Assert.Null(await Service<TrainingSignInReport>().RenderAsync(99_999, Text));
}
