using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Resources;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Resources;

/// <summary>The plaques page with measured and evidenced checklist items, and the resource totals page.</summary>
public sealed class ChecklistComponentTests : ComponentTest
{
    public ChecklistComponentTests()
        : base(seedFigures: true)
    {
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
    }

    private IRenderedComponent<PlaquesPage> RenderChecklist(string unit)
    {
        Render<MudBlazor.MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"plaques?unit={unit}");
        var page = Render<PlaquesPage>();
        page.WaitForElement("[data-testid=checklist]");
        return page;
    }

    private static string Row(string item) => $"[data-testid=checklist] tr[data-item='{item}']";

    [Fact]
    public void A_measured_item_shows_its_verdict_and_what_was_measured_and_has_nothing_to_tick()
    {
        var page = RenderChecklist("YS-QG-01");

        Assert.Equal("达标", page.Find($"{Row("统一标识牌")} [data-testid=verdict]").TextContent.Trim());
        Assert.Equal("2020-07-09 挂牌", page.Find($"{Row("统一标识牌")} [data-testid=measured]").TextContent.Trim());
        Assert.Equal("未达标", page.Find($"{Row("每周开放不少于 30 小时")} [data-testid=verdict]").TextContent.Trim());
        Assert.Equal("每周 24 小时 / ≥ 30 小时", page.Find($"{Row("每周开放不少于 30 小时")} [data-testid=measured]").TextContent.Trim());
        Assert.Equal("1,300 册 / ≥ 1,500 册", page.Find($"{Row("藏书不少于 1,500 册")} [data-testid=measured]").TextContent.Trim());
        Assert.Empty(page.FindAll($"{Row("统一标识牌")} [data-testid=met]"));
    }

    [Fact]
    public void An_evidenced_item_is_ticked_by_hand_and_stays_ticked()
    {
        var page = RenderChecklist("YS-QG");

        page.Find($"{Row("有经过培训的管理员在岗")} [data-testid=met]").Change(true);

        page.WaitForAssertion(() => Assert.True(page.Find($"{Row("有经过培训的管理员在岗")} [data-testid=met]").HasAttribute("checked")));
        Assert.Empty(page.FindAll($"{Row("有经过培训的管理员在岗")} [data-testid=verdict]"));
    }

    [Fact]
    public void In_English_the_measured_value_reads_against_its_line()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");

        var page = RenderChecklist("YS-QG");

        Assert.Equal("Met", page.Find($"{Row("公共电脑不少于 2 台")} [data-testid=verdict]").TextContent.Trim());
        Assert.Equal("4 computers / ≥ 2", page.Find($"{Row("公共电脑不少于 2 台")} [data-testid=measured]").TextContent.Trim());
        Assert.Equal("100 % on time / ≥ 90 %", page.Find($"{Row("按时报送月报不少于 90%")} [data-testid=measured]").TextContent.Trim());
    }

    [Fact]
    public void The_resource_totals_show_the_network_s_seats_and_floor_area_from_the_profiles()
    {
        using var db = Network.Database.CreateDbContext();
        var seats = db.Units.Sum(u => u.Seats ?? 0);
        var area = db.Units.AsEnumerable().Sum(u => u.FloorArea ?? 0);

        var page = Render<ResourcesPage>();

        page.WaitForAssertion(() => Assert.Equal(seats.ToString("#,0", CultureInfo.CurrentCulture), page.Find("[data-testid=network-total] [data-testid=seats]").TextContent));
        Assert.Equal(area.ToString("#,0.##", CultureInfo.CurrentCulture), page.Find("[data-testid=network-total] [data-testid=area]").TextContent);
        Assert.True(seats > 0 && area > 0);
        Assert.Equal("35", page.Find("[data-unit='YS-QG'] [data-testid=seats]").TextContent);
    }
}
