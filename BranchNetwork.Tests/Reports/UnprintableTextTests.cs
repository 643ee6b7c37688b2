using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Reports;

/// <summary>
/// A text saved before the save-time check, holding a character the report font lacks, written straight into the
/// database: the report still prints, with □ in its place and a closing note naming the record.
/// </summary>
public sealed class UnprintableTextTests : IDisposable
{
    private readonly TestNetwork network = new(seedFigures: true);

    public UnprintableTextTests()
    {
        Assert.NotNull(ReportFonts.Register(null));
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    public void Dispose() => network.Dispose();

    private static string Text(string key, params object[] args) => PortalText.Of(key, args);

    private T Service<T>() where T : notnull => network.Services.GetRequiredService<T>();

    private static string AllText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
    }

    /// <summary>The closing note's opening words, from the resource with its placeholders cut off.</summary>
    private static string NoteLead => Text("Report.Replaced", "□", "")[..^1].Replace(" ", "");

    [Fact]
    public async Task The_annual_summary_prints_an_activity_series_with_an_emoji_as_a_square_and_names_it()
    {
        await Service<DemoTraining>().SeedAsync();
        await Service<DemoActivities>().SeedAsync();
        await Service<DemoResources>().SeedAsync();
        await using (var db = network.Database.CreateDbContext())
        {
            var changed = await db.Activities.Where(a => a.Series == DemoActivities.PictureBooks).ExecuteUpdateAsync(s => s.SetProperty(a => a.Series, "绘本😀"));
            Assert.True(changed >= 3);
        }

        var pdf = (await Service<AnnualSummaryReport>().RenderAsync(2020, Text))!;

        var all = AllText(pdf);
        Assert.DoesNotContain("😀", all);
        Assert.Contains("“绘本□”", all);
        var note = all[all.IndexOf(NoteLead, StringComparison.Ordinal)..];
        Assert.Contains("三、阅读推广活动：“绘本□”", note);
        Assert.Contains("二、人员培训", all);
    }

    [Fact]
    public async Task The_training_report_prints_a_staff_name_with_an_emoji_as_a_square_and_names_the_person()
    {
        await Service<DemoTraining>().SeedAsync();
        var person = (await Service<TrainingService>().HoursAsync(2020)).People.First();
        await using (var db = network.Database.CreateDbContext())
        {
            Assert.Equal(1, await db.StaffMembers.Where(s => s.Id == person.StaffMemberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, "张😀")));
        }

        var pdf = (await Service<TrainingReport>().RenderAsync(2020, Text))!;

        var all = AllText(pdf);
        Assert.DoesNotContain("😀", all);
        Assert.Contains($"张□{person.UnitName}", all);
        var note = all[all.IndexOf(NoteLead, StringComparison.Ordinal)..];
        Assert.Contains($"{Text("Training.ByPerson")}：{Text("Report.Person")}“张□”", note);
    }

    [Fact]
    public async Task A_certificate_for_a_name_with_an_emoji_prints_with_a_square()
    {
        await Service<DemoTraining>().SeedAsync();
        var training = Service<TrainingService>();
        var session = (await training.SessionAsync((await training.SessionsAsync(2020)).First(s => s.Attended > 0).Id))!;
        var attendee = session.Attendees.First(a => a.Attended);
        await using (var db = network.Database.CreateDbContext())
        {
            await db.StaffMembers.Where(s => s.Id == attendee.StaffMemberId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, "张😀"));
        }

        var pdf = (await Service<CertificateReport>().RenderAsync(session.Id, attendee.StaffMemberId, Text))!;

        var all = AllText(pdf);
        Assert.Contains("兹证明张□（", all);
        Assert.Contains("张□", all[all.IndexOf(NoteLead, StringComparison.Ordinal)..]);
    }

    [Fact]
    public void A_report_whose_texts_the_font_prints_carries_no_note()
    {
        var document = ReportFrame.Document(Text, "测试", [new Paragraph("阳山县图书馆"), new Table([new Column("单位", 1)], [["七拱镇分馆"]])]);

        var all = AllText(new PdfRenderer(TimeProvider.System).Render(document));

        Assert.Contains("七拱镇分馆", all);
        Assert.DoesNotContain(NoteLead, all);
    }
}
