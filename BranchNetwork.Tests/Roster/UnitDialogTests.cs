using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Roster;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Roster;

/// <summary>The roster's forms: what the user sees when input is wrong or the record changed meanwhile.</summary>
public sealed class UnitDialogTests : ComponentTest
{
    private async Task<UnitDetails> UnitAsync(string code) => (await Network.Service.GetAsync(code))!;

    [Fact]
    public async Task A_name_over_100_characters_is_shown_under_the_name_and_nothing_is_saved()
    {
        var unit = await UnitAsync("YS-QG-01");
        var host = await OpenAsync(new DialogParameters<UnitFormDialog> { { d => d.Existing, unit } });

        Type(host, "名称", new string('馆', 101));
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("内容过长（最多 100 个字符）", host.Markup));
        Assert.Equal("火岗村服务点", (await UnitAsync("YS-QG-01")).Profile.Name);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_under_the_code_field()
    {
        var host = await OpenAsync(new DialogParameters<UnitFormDialog>
        {
            { d => d.Units, await Network.Service.ListAsync() },
            { d => d.NewKind, UnitKind.ServicePoint },
            { d => d.NewParentCode, "YS-QG" },
        });

        Type(host, "编码", "YS-QG-01");
        Type(host, "名称", "重复的服务点");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("编码 YS-QG-01 已被其他网点使用。", host.Markup));
        Assert.Equal(53, (await Network.Service.CountAsync()).Total);
    }

    [Fact]
    public async Task Coordinates_out_of_range_are_refused_in_the_form()
    {
        var unit = await UnitAsync("YS-QG-01");
        var host = await OpenAsync(new DialogParameters<UnitFormDialog> { { d => d.Existing, unit } });

        Type(host, "纬度", "95");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("请输入 -90 到 90 之间的数值。", host.Markup));
    }

    [Theory]
    [InlineData("阅览座位", "1e20", "“1e20”不是数字")]
    [InlineData("阅览座位", "12.5", "这里只能填整数")]
    [InlineData("阅览座位", "99999999999", "数字太大")]
    [InlineData("面积（㎡）", "120.345", "最多保留 2 位小数")]
    [InlineData("每周开放时长（小时）", "40.25", "最多保留 1 位小数")]
    public async Task A_number_the_field_cannot_hold_is_refused_under_it_and_nothing_is_saved(string label, string typed, string message)
    {
        var unit = await UnitAsync("YS-QG-01");
        var host = await OpenAsync(new DialogParameters<UnitFormDialog> { { d => d.Existing, unit } });

        Type(host, label, typed);
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains(message, host.Markup));
        var after = await UnitAsync("YS-QG-01");
        Assert.Equal((unit.Version, unit.Profile), (after.Version, after.Profile));
    }

    [Fact]
    public async Task A_unit_changed_by_someone_else_meanwhile_gives_a_conflict_message_and_keeps_their_change()
    {
        var stale = await UnitAsync("YS-QG-01");
        await Network.Service.UpdateProfileAsync("YS-QG-01", stale.Version, stale.Profile with { Phone = "0763-6000001" });
        var host = await OpenAsync(new DialogParameters<UnitFormDialog> { { d => d.Existing, stale } });

        Type(host, "联系电话", "0763-6000002");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("已被其他人修改", host.Find("[data-testid=form-error]").TextContent));
        Assert.Equal("0763-6000001", (await UnitAsync("YS-QG-01")).Profile.Phone);
        Assert.NotEmpty(host.FindAll("form"));
    }

    [Fact]
    public async Task A_valid_edit_is_saved_and_closes_the_form()
    {
        var unit = await UnitAsync("YS-QG-01");
        var host = await OpenAsync(new DialogParameters<UnitFormDialog> { { d => d.Existing, unit } });

        Type(host, "联系电话", "0763-6688123");
        Submit(host);

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("form")));
        Assert.Equal("0763-6688123", (await UnitAsync("YS-QG-01")).Profile.Phone);
    }

    [Fact]
    public async Task A_status_change_without_a_reason_is_refused()
    {
        var unit = await UnitAsync("YS-QG-01");
        var host = await OpenAsync(new DialogParameters<StatusDialog> { { d => d.Unit, unit } });

        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("此项必填。", host.Markup));
        Assert.Equal(UnitStatus.Open, (await UnitAsync("YS-QG-01")).Status);
    }

    [Fact]
    public async Task Closing_a_branch_with_open_service_points_is_explained()
    {
        var unit = await UnitAsync("YS-QG");
        var host = await OpenAsync(new DialogParameters<StatusDialog> { { d => d.Unit, unit } });

        await host.InvokeAsync(() => host.FindComponent<MudSelect<UnitStatus>>().Instance.ValueChanged.InvokeAsync(UnitStatus.Closed));
        Type(host, "原因", "乡镇撤并");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("还有 3 个下级单位未撤销", host.Markup));
    }
}
