using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;

namespace BranchNetwork.Tests.Figures;

/// <summary>A review card shows last month and the same month last year beside every value, flagged or not.</summary>
public sealed class ReviewCardTests() : ComponentTest(seedFigures: true)
{
    private static readonly Period Month = new(2026, 2);

    [Fact]
    public async Task Every_value_under_review_comes_with_last_month_and_last_year_as_the_entry_form_shows_them()
    {
        var queue = await Network.Figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest(0, 100));
        var item = queue.Page.Items.First(i => i.UnitCode == "YS-QL-02" && i.Period == Month);
        var entry = (await Network.Figures.EntryAsync("YS-QL", Month))!.Units.Single(u => u.UnitCode == "YS-QL-02");

        Assert.All(item.Values, v =>
        {
            var cell = entry.Cells.Single(c => c.IndicatorCode == v.IndicatorCode);
            Assert.Equal((cell.LastMonth, cell.LastYear), (v.LastMonth, v.LastYear));
        });
        Assert.Contains(item.Values, v => v.Flags.Count == 0 && v.LastMonth is not null && v.LastYear is not null);
    }

    [Fact]
    public void The_card_has_a_last_month_and_a_last_year_column_for_unflagged_rows_too()
    {
        var page = Render<ReviewPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".review-item")));
        var card = page.FindAll(".review-item").First(c => c.TextContent.Contains("YS-QL-02"));
        var plain = card.QuerySelectorAll("tbody tr").First(r => !r.ClassList.Contains("flagged"));
        Assert.Matches(@"\d", plain.QuerySelector("[data-testid=last-month]")!.TextContent);
        Assert.Matches(@"\d", plain.QuerySelector("[data-testid=last-year]")!.TextContent);
        Assert.Equal(["指标", "本月", "上月", "去年同月", "提示与说明"], card.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
    }
}
