using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Training;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Training;

/// <summary>The attendance form of a session: tick who came, credit their hours.</summary>
public sealed class AttendanceFormTests : ComponentTest
{
    private readonly int sessionId;
    private readonly List<int> staff;
    private IRenderedComponent<MudBlazor.MudSnackbarProvider> snackbars = default!;

    public AttendanceFormTests()
    {
        var training = Network.Services.GetRequiredService<TrainingService>();
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
        sessionId = training.CreateSessionAsync(new SessionDetails("分馆业务培训", "阳山县图书馆", new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), 6, false))
            .GetAwaiter().GetResult();
        staff = training.StaffAsync().GetAwaiter().GetResult().Where(s => s.UnitCode.StartsWith("YS-QG", StringComparison.Ordinal)).Select(s => s.Id).Take(3).ToList();
        training.EnrolAsync(sessionId, training.SessionAsync(sessionId).GetAwaiter().GetResult()!.Version, staff).GetAwaiter().GetResult();
    }

    private IRenderedComponent<SessionPage> Open()
    {
        RenderDialogHost();
        snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<SessionPage>(p => p.Add(s => s.Id, sessionId));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=attendee-table] tbody tr").Count));
        return page;
    }

    [Fact]
    public void The_session_page_offers_its_sign_in_sheet()
    {
        var fetch = JSInterop.Setup<BranchNetwork.Web.Features.Reports.ReportButtons.FetchResult>("branchNetworkReports.open", $"reports/training-signin/{sessionId}.pdf", false);
        var page = Open();

        page.Find("[data-testid=signin-sheet-preview]").Click();

        Assert.Single(fetch.Invocations);
        Assert.Contains("签到表", page.Markup);
    }

    [Fact]
    public async Task Ticking_a_person_credits_the_whole_session()
    {
        var page = Open();

        page.FindAll("[data-testid=attended]")[0].Change(true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=credited]")));
        var attended = (await Network.Services.GetRequiredService<TrainingService>().SessionAsync(sessionId))!.Attendees.Single(a => a.Attended);
        Assert.Equal(6, attended.CreditedHours);
    }

    [Fact]
    public async Task Partial_hours_are_credited_and_more_than_the_session_is_refused()
    {
        var page = Open();
        page.FindAll("[data-testid=attended]")[0].Change(true);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=credited]")));

        page.Find("[data-testid=credited]").Change("3.5");
        page.WaitForAssertion(() => Assert.Equal("3.5", page.Find("[data-testid=credited]").GetAttribute("value")));
        page.Find("[data-testid=credited]").Change("9");

        snackbars.WaitForAssertion(() => Assert.Contains("认定学时须在 0 到 6 之间", snackbars.Markup));
        var credited = (await Network.Services.GetRequiredService<TrainingService>().SessionAsync(sessionId))!.Attendees.Single(a => a.Attended).CreditedHours;
        Assert.Equal(3.5m, credited);
    }

    [Fact]
    public void Hours_that_are_not_a_number_are_refused_with_a_message()
    {
        var page = Open();
        page.FindAll("[data-testid=attended]")[0].Change(true);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=credited]")));

        page.Find("[data-testid=credited]").Change("半天");

        snackbars.WaitForAssertion(() => Assert.Contains("不是数字", snackbars.Markup));
    }

    [Fact]
    public async Task Navigating_to_another_session_shows_it_and_enrols_into_it()
    {
        var training = Network.Services.GetRequiredService<TrainingService>();
        var other = await training.CreateSessionAsync(new SessionDetails("服务点阅读推广培训", "阳山县图书馆", new DateOnly(2026, 2, 20), new DateOnly(2026, 2, 20), 3, false));
        var page = Open();

        page.Render(p => p.Add(s => s.Id, other));

        page.WaitForAssertion(() => Assert.Contains("服务点阅读推广培训", page.Find("h1").TextContent));
        Assert.Empty(page.FindAll("[data-testid=attended]"));
    }

    [Fact]
    public async Task Hours_with_more_than_one_decimal_are_refused_not_stored_beyond_what_is_shown()
    {
        var page = Open();
        page.FindAll("[data-testid=attended]")[0].Change(true);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=credited]")));

        page.Find("[data-testid=credited]").Change("1.234");

        snackbars.WaitForAssertion(() => Assert.Contains("最多保留 1 位小数", snackbars.Markup));
        var credited = (await Network.Services.GetRequiredService<TrainingService>().SessionAsync(sessionId))!.Attendees.Single(a => a.Attended).CreditedHours;
        Assert.Equal(6m, credited);
    }
}
