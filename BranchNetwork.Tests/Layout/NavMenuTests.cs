using BranchNetwork.Core.Accounts;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Components.Layout;
using BranchNetwork.Web.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Layout;

/// <summary>The navigation: the links a role may use, the current page marked.</summary>
public sealed class NavMenuTests : ComponentTest
{
    private static List<string> Links(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public void An_administrator_sees_every_section_and_the_administration_under_its_heading()
    {
        var menu = Render<NavMenu>();

        var links = Links(menu);
        Assert.Equal(23, links.Count);
        Assert.Equal(["", "roster", "figures", "figures/review", "figures/board"], links.Take(5));
        Assert.Equal(["statistics", "assessment", "admin/users", "admin/indicators", "admin/population", "admin/audit", "admin/backups"], links.TakeLast(7));
        Assert.Equal("系统管理", menu.Find("p.mud-typography-overline").TextContent.Trim());
        Assert.Equal("月报填报", menu.Find("a[href='figures'] .mud-nav-link-text").TextContent);
    }

    [Fact]
    public void A_branch_worker_sees_neither_the_review_nor_the_network_wide_pages_nor_the_administration()
    {
        Authorization.SetRoles(Roles.BranchWorker);
        Authorization.SetPolicies(Policies.EditUnits);

        var menu = Render<NavMenu>();

        var links = Links(menu);
        Assert.Contains("figures", links);
        Assert.Contains("reports", links);
        Assert.DoesNotContain("figures/review", links);
        Assert.DoesNotContain("statistics", links);
        Assert.DoesNotContain("assessment", links);
        Assert.DoesNotContain(links, l => l.StartsWith("admin/", StringComparison.Ordinal));
        Assert.Empty(menu.FindAll("p.mud-typography-overline"));
    }

    [Theory]
    [InlineData("figures?branch=YS-QG&month=2026-02", "figures")]
    [InlineData("figures/review", "figures/review")]
    [InlineData("admin/users/abc", "admin/users")]
    [InlineData("roster/YS-QG", "roster")]
    [InlineData("", "")]
    public void The_link_of_the_page_shown_is_marked_current_and_no_other(string location, string current)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(location);

        var menu = Render<NavMenu>();

        var active = menu.FindAll("a.mud-nav-link.active");
        Assert.Equal(current, Assert.Single(active).GetAttribute("href"));
        Assert.Equal("page", active[0].GetAttribute("aria-current"));
    }

    [Fact]
    public void The_mark_follows_the_reader_to_another_page()
    {
        var menu = Render<NavMenu>();
        Assert.Equal("", menu.Find("a.active").GetAttribute("href"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("training/5");

        menu.WaitForAssertion(() => Assert.Equal("training", menu.Find("a.active").GetAttribute("href")));
        Assert.Single(menu.FindAll("a.active"));
    }
}
