using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Training;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Training;

/// <summary>The attendee picker of a session (search by name and unit, a whole unit at once) and removing an attendee with undo.</summary>
public sealed class AttendeePickerTests : ComponentTest
{
    private readonly int sessionId;

    public AttendeePickerTests()
    {
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
        sessionId = Training.CreateSessionAsync(new SessionDetails("分馆业务培训", "阳山县图书馆", new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), 6, false))
            .GetAwaiter().GetResult();
    }

    private TrainingService Training => Network.Services.GetRequiredService<TrainingService>();

    private IRenderedComponent<SessionPage> Open(out IRenderedComponent<MudSnackbarProvider> snackbars, out IRenderedComponent<MudDialogProvider> dialogs)
    {
        dialogs = RenderDialogHost();
        snackbars = Render<MudSnackbarProvider>();
        var page = Render<SessionPage>(p => p.Add(s => s.Id, sessionId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=candidate]")));
        return page;
    }

    private static IReadOnlyList<string> Candidates(IRenderedComponent<SessionPage> page) =>
        page.FindAll("[data-testid=candidate] label").Select(l => l.TextContent.Trim()).ToList();

    [Fact]
    public async Task Searching_by_a_name_or_a_unit_narrows_the_list_and_the_ticked_people_are_enrolled()
    {
        var staff = await Training.StaffAsync();
        var person = staff.First(s => s.UnitCode == "YS-QG-01");
        var page = Open(out _, out _);

        page.Find("[data-testid=attendee-search]").Input(person.Name);
        page.WaitForAssertion(() => Assert.All(Candidates(page), c => Assert.Contains(person.Name, c)));
        page.Find("[data-testid=attendee-search]").Input(person.UnitName);
        page.WaitForAssertion(() => Assert.Equal(staff.Count(s => s.UnitName.Contains(person.UnitName) && s.IsActive), Candidates(page).Count));
        page.Find("[data-testid=candidate] input").Change(true);
        page.WaitForAssertion(() => Assert.Contains("（1）", page.Find("[data-testid=enrol]").TextContent));
        page.Find("[data-testid=enrol]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=attendee-table] tbody tr")));
        Assert.Equal([person.Id], (await Training.SessionAsync(sessionId))!.Attendees.Select(a => a.StaffMemberId));
    }

    [Fact]
    public async Task A_search_that_matches_nobody_says_so()
    {
        var page = Open(out _, out _);

        page.Find("[data-testid=attendee-search]").Input("没有这个人");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-candidates]")));
        Assert.Empty(page.FindAll("[data-testid=candidate]"));
        Assert.True(page.Find("[data-testid=enrol]").HasAttribute("disabled"));
        Assert.Empty((await Training.SessionAsync(sessionId))!.Attendees);
    }

    [Fact]
    public async Task A_whole_units_staff_are_added_in_one_action()
    {
        var head = (await Training.StaffAsync("YS")).Where(s => s.IsActive).Select(s => s.Id).Order().ToList();
        Assert.True(head.Count > 1);
        var page = Open(out var snackbars, out _);

        var unit = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "单位");
        await page.InvokeAsync(() => unit.Instance.ValueChanged.InvokeAsync("YS"));
        page.WaitForAssertion(() => Assert.Contains($"（{head.Count}）", page.Find("[data-testid=enrol-unit]").TextContent));
        page.Find("[data-testid=enrol-unit]").Click();

        page.WaitForAssertion(() => Assert.Equal(head.Count, page.FindAll("[data-testid=attendee-table] tbody tr").Count));
        Assert.Equal(head, (await Training.SessionAsync(sessionId))!.Attendees.Select(a => a.StaffMemberId).Order());
        snackbars.WaitForAssertion(() => Assert.Contains($"已添加 {head.Count} 人", snackbars.Markup));
    }

    [Fact]
    public async Task Removing_an_attendee_asks_first_and_undo_restores_their_attendance_and_hours()
    {
        var person = (await Training.StaffAsync("YS-QG-01")).First();
        await Training.EnrolAsync(sessionId, (await Training.SessionAsync(sessionId))!.Version, [person.Id]);
        await Training.MarkAttendanceAsync(sessionId, (await Training.SessionAsync(sessionId))!.Version, person.Id, true, 4.5m);
        var before = (await Training.SessionAsync(sessionId))!.Attendees.Single();
        var page = Open(out var snackbars, out var dialogs);

        page.Find("[data-testid=withdraw]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("4.5 学时", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Single((await Training.SessionAsync(sessionId))!.Attendees);

        page.Find("[data-testid=withdraw]").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".mud-dialog")));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "移出").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=withdraw]")));
        Assert.Empty((await Training.SessionAsync(sessionId))!.Attendees);

        snackbars.WaitForAssertion(() => Assert.Contains("撤销", snackbars.Markup));
        snackbars.FindAll("button").Single(b => b.TextContent.Trim() == "撤销").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=credited]")));
        Assert.Equal(before, (await Training.SessionAsync(sessionId))!.Attendees.Single());
        Assert.Equal(4.5m, (await Training.HoursAsync(2026)).Total);
        snackbars.WaitForAssertion(() => Assert.Contains("已恢复", snackbars.Markup));
    }
}
