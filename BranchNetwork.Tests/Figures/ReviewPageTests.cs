using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;

namespace BranchNetwork.Tests.Figures;

/// <summary>The review page shows one page of a long queue with the total, and moves through it.</summary>
public sealed class ReviewPageTests : ComponentTest
{
    private async Task<int> SeedAsync(int count)
    {
        await Network.Indicators.SeedStandardAsync();
        await using var db = Network.Database.CreateDbContext();
        return await ReviewQueueSeed.SubmitAsync(db, count);
    }

    [Fact]
    public async Task A_queue_of_450_renders_20_reports_and_says_how_many_there_are()
    {
        var total = await SeedAsync(450);

        var page = Render<ReviewPage>();

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll(".review-item").Count));
        Assert.Contains($"第 1–20 条，共 {total:N0} 条", page.Find("[data-testid=page-range]").TextContent);
        Assert.Contains($"一键通过无异常月报（{total}）", page.Find("[data-testid=approve-all]").TextContent);
    }

    [Fact]
    public async Task The_next_page_shows_the_next_reports()
    {
        await SeedAsync(45);
        var expected = (await Network.Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(2, 20))).Page.Items.Select(i => i.UnitCode).ToList();

        var page = Render<ReviewPage>();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll(".review-item").Count));
        // The pager stands above and below the list; the upper one.
        page.FindAll("[data-testid=pagination] button").First(b => b.TextContent.Trim() == "3").Click();

        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll(".review-item").Select(e => e.GetAttribute("data-unit"))));
        Assert.Contains("第 41–45 条，共 45 条", page.Find("[data-testid=page-range]").TextContent);
    }

    [Fact]
    public void An_empty_queue_says_so()
    {
        var page = Render<ReviewPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=review-empty]")));
        Assert.Empty(page.FindAll(".review-item"));
    }
}
