using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Roster;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Roster;

public sealed class RosterComponentTests : ComponentTest
{
    [Fact]
    public void The_roster_counts_the_network_and_lists_every_unit()
    {
        var roster = Render<RosterPage>();

        roster.WaitForAssertion(() => Assert.Equal("显示 53 / 53 个网点", roster.Find("[data-testid=shown-count]").TextContent));
        Assert.Equal("1", roster.Find("[data-kind=HeadLibrary]").TextContent);
        Assert.Equal("13", roster.Find("[data-kind=Branch]").TextContent);
        Assert.Equal("39", roster.Find("[data-kind=ServicePoint]").TextContent);
        Assert.Equal(53, roster.FindAll("[data-testid=unit-table] tbody tr").Count);
    }

    [Fact]
    public void The_address_filters_the_roster_to_one_township()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("roster?township=七拱镇");

        var roster = Render<RosterPage>();

        roster.WaitForAssertion(() => Assert.Equal("显示 4 / 53 个网点", roster.Find("[data-testid=shown-count]").TextContent));
        var names = roster.FindAll("[data-testid=unit-table] tbody tr a").Select(a => a.TextContent).ToList();
        Assert.Equal(["阳山县图书馆七拱镇分馆", "火岗村服务点", "三所村服务点", "新圩村服务点"], names);
    }

    [Fact]
    public void A_filter_that_matches_nothing_says_so_and_offers_to_clear()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("roster?q=不存在的网点");

        var roster = Render<RosterPage>();

        roster.WaitForAssertion(() => Assert.Contains("没有符合筛选条件的网点。", roster.Markup));
        roster.FindAll("button").Single(b => b.TextContent.Contains("清除筛选")).Click();
        Assert.DoesNotContain("q=", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_tree_hangs_service_points_under_their_branch_under_the_head_library()
    {
        var units = await Network.Service.ListAsync();

        var tree = Render<UnitTree>(p => p.Add(t => t.Units, units));

        var links = tree.FindAll("a.tree-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("roster/YS", links[0]);
        Assert.Equal(53, links.Count);
        Assert.Contains("(13)", tree.Markup);
    }

    [Fact]
    public void An_empty_tree_says_there_are_no_units() =>
        Assert.Contains("尚未登记任何网点。", Render<UnitTree>(p => p.Add(t => t.Units, [])).Markup);

    [Fact]
    public void The_unit_page_shows_profile_parent_and_history()
    {
        var page = Render<UnitPage>(p => p.Add(u => u.Code, "ys-qg-01"));

        page.WaitForAssertion(() => Assert.Equal("火岗村服务点", page.Find("[data-testid=unit-name]").TextContent));
        Assert.Contains("阳山县图书馆七拱镇分馆", page.Markup);
        Assert.Single(page.FindAll("[data-testid=status-history] tbody tr"));
    }
}
