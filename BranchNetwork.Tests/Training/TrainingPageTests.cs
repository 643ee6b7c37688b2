using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Training;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Training;

/// <summary>The training list opens where the sessions are, and says so when a year has none.</summary>
public sealed class TrainingPageTests : ComponentTest
{
    public TrainingPageTests()
    {
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<DemoTraining>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
    }

    [Fact]
    public void Without_a_year_it_opens_on_the_latest_year_with_sessions_when_this_one_has_none()
    {
        RenderDialogHost();

        var page = Render<TrainingPage>();

        // The test clock stands in 2026; the demo's sessions are of 2020.
        page.WaitForAssertion(() => Assert.Contains("总分馆制建设业务培训班", page.Find("[data-testid=session-table]").TextContent));
        Assert.Equal(["单位", "学时", "参训人数"], page.FindAll("[data-testid=unit-hours] thead th").Select(th => th.TextContent));
    }

    [Fact]
    public void A_year_without_sessions_says_so_under_each_table()
    {
        RenderDialogHost();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("training?year=2025");

        var page = Render<TrainingPage>();

        page.WaitForAssertion(() => Assert.Contains("2025 年还没有认定的学时", page.Find("[data-testid=unit-hours]").TextContent));
        Assert.Contains("2025 年还没有认定的学时", page.Find("[data-testid=person-hours]").TextContent);
    }
}
