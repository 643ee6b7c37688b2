using BranchNetwork.Core.Reports;

namespace BranchNetwork.Tests.Reports;

/// <summary>Where a label (a table header, a status) may break: between words, never inside one.</summary>
public sealed class LineBreaksTests
{
    [Theory]
    [InlineData("已完成", "已完成")]
    [InlineData("读者活动场次", "读者活动|场次")]
    [InlineData("活动参与人次", "活动参与|人次")]
    [InlineData("每周开放时长（小时）", "每周开放时长|（小时）")]
    [InlineData("单位（含服务点）", "单位|（含服务点）")]
    [InlineData("有经过培训的管理员在岗、借阅制度与开放时间上墙公示", "有经过培训的管理员在岗、|借阅制度与开放时间上墙公示")]
    [InlineData("已审核 4/4", "已审核 |4/4")]
    [InlineData("Programmes held", "Programmes |held")]
    [InlineData("系统管理员 (演示)", "系统管理员 |(演示)")]
    [InlineData("12,345", "12,345")]
    [InlineData("+12.5%", "+12.5%")]
    public void A_label_breaks_only_between_its_words(string text, string words)
    {
        Assert.Equal(words.Split('|'), LineBreaks.Words(text));
    }

    [Fact]
    public void Running_text_may_break_between_any_two_Chinese_characters_but_not_before_a_closing_mark()
    {
        Assert.Equal(["阅", "览", "室", "（开", "放）。"], LineBreaks.Characters("阅览室（开放）。"));
    }
}
