using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Components.Shared;
using BranchNetwork.Web.Features.Resources;
using BranchNetwork.Web.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Resources;

/// <summary>The dialogs that record, correct and void grants, resource items, deliveries and checklist items.</summary>
public sealed class ResourceDialogTests : ComponentTest
{
    public ResourceDialogTests()
    {
        Network.User.Actor = Actor.System;
        Network.Services.GetRequiredService<DemoResources>().SeedAsync().GetAwaiter().GetResult();
        Network.User.Actor = TestCurrentUser.Administrator;
    }

    private ResourcesService Resources => Network.Services.GetRequiredService<ResourcesService>();

    private IReadOnlyList<UnitSummary> Units => Network.Service.ListAsync().GetAwaiter().GetResult();

    /// <summary>The message shown under the field with this label (MudBlazor's helper line of the input).</summary>
    private static string UnderField(IRenderedComponent<MudDialogProvider> host, string label) =>
        host.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent == label).QuerySelector(".mud-input-helper-text")?.TextContent ?? "";

    /// <summary>The reason field reads as it is typed (its counter follows each key).</summary>
    private static void TypeReason(IRenderedComponent<MudDialogProvider> host, string reason) => host.Find("[data-testid=void-reason] input, input[data-testid=void-reason]").Input(reason);

    [Fact]
    public async Task An_amount_with_three_decimals_is_refused_under_the_amount_and_no_grant_is_recorded()
    {
        var before = (await Resources.GrantsAsync()).Count;
        var host = await OpenAsync(new DialogParameters<GrantDialog> { { d => d.Units, Units } });

        Type(host, "项目", "服务点电脑");
        Type(host, "来源", "县财政");
        Type(host, "金额（元）", "12.345");
        Submit(host);

        host.WaitForAssertion(() => Assert.Equal("金额最多保留两位小数（分）。", UnderField(host, "金额（元）")));
        Assert.Equal(before, (await Resources.GrantsAsync()).Count);
        Assert.NotEmpty(host.FindAll("[data-testid=save-grant]"));
    }

    [Fact]
    public async Task Completion_before_the_start_is_refused_under_the_completion_date()
    {
        var grant = (await Resources.GrantsAsync()).Single(g => g.Details.Title == "综合大楼外立面清洗");
        var host = await OpenAsync(new DialogParameters<GrantDialog> { { d => d.Existing, grant }, { d => d.Units, Units } });

        Type(host, "完成日期", "2020-07-01");
        Submit(host);

        host.WaitForAssertion(() => Assert.Equal("完成和验收日期不能早于开始日期。", UnderField(host, "完成日期")));
        Assert.Equal(new DateOnly(2020, 8, 20), (await Resources.GrantsAsync()).Single(g => g.Id == grant.Id).Details.CompletedOn);
    }

    [Fact]
    public async Task A_change_saved_by_someone_else_meanwhile_is_shown_with_both_values_and_not_saved()
    {
        var id = await Resources.AddItemAsync("YS-QG", new ResourceDetails(ResourceCategory.Equipment, "书架", 2, "个"));
        var read = Assert.Single((await Resources.ItemsAsync(new ResourceFilter("YS-QG"), TestPaging.AllOfIt)).Items, i => i.Id == id);
        await Resources.UpdateItemAsync(id, read.Version, "YS-QG", read.Details with { Quantity = 3 });
        var host = await OpenAsync(new DialogParameters<ResourceItemDialog>
        {
            { d => d.Existing, read }, { d => d.Units, Units }, { d => d.Grants, await Resources.GrantsAsync() },
        });

        Type(host, "数量", "5");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("数量 他人已存为“3”，您填的是“5”", host.Find("[data-testid=form-error]").TextContent));
        Assert.Contains("已被他人修改", host.Find("[data-testid=form-error]").TextContent);
        Assert.Equal(3, Assert.Single((await Resources.ItemsAsync(new ResourceFilter("YS-QG"), TestPaging.AllOfIt)).Items, i => i.Id == id).Details.Quantity);
    }

    [Fact]
    public async Task Voiding_a_delivery_asks_for_a_reason_first_and_the_voided_row_stays_listed_struck_through()
    {
        var id = await Resources.AddDeliveryAsync("YS-QG", Network.Clock.Today, 321, 100, "录错的配送");
        var host = RenderDialogHost();
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("deliveries?year=2026&unit=YS-QG");
        var page = Render<DeliveriesPage>();
        page.Find("[data-testid=delivery-filter-unit]");
        var row = () => page.FindAll("[data-testid=delivery-table] tbody tr").Single(r => r.TextContent.Contains("录错的配送"));

        row().QuerySelector("[data-testid=void-delivery]")!.Click();
        host.WaitForAssertion(() => Assert.Contains("阳山县图书馆七拱镇分馆", host.Find("[data-testid=void-prompt]").TextContent));
        Submit(host);

        host.WaitForAssertion(() => Assert.StartsWith("此项必填。", UnderField(host, "作废原因")));
        Assert.Contains((await Resources.DeliveriesAsync(new DeliveryFilter(2026, "YS-QG"), TestPaging.AllOfIt)).Items, d => d.Id == id);

        TypeReason(host, "重复登记");
        Submit(host);

        page.WaitForAssertion(() => Assert.DoesNotContain("录错的配送", page.Find("[data-testid=delivery-table]").TextContent));
        Assert.DoesNotContain((await Resources.DeliveriesAsync(new DeliveryFilter(2026, "YS-QG"), TestPaging.AllOfIt)).Items, d => d.Id == id);
        page.Find("input[data-testid=show-voided], [data-testid=show-voided] input").Change(true);
        page.WaitForAssertion(() => Assert.Contains("voided", row().ClassName));
        Assert.Contains("重复登记", row().TextContent);
        Assert.Empty(row().QuerySelectorAll("[data-testid=void-delivery]"));
    }

    [Fact]
    public async Task A_void_reason_too_long_is_refused_in_the_dialog_and_nothing_is_voided()
    {
        var voided = new List<string>();
        var host = await OpenAsync(new DialogParameters<VoidDialog>
        {
            { d => d.Record, "测试记录" }, { d => d.Void, reason => { voided.Add(reason); return Task.CompletedTask; } },
        });

        TypeReason(host, new string('错', 10_000));
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("200", UnderField(host, "作废原因")));
        Assert.Empty(voided);
    }

    [Fact]
    public async Task A_branch_worker_and_an_observer_see_the_lists_without_a_button_to_change_them()
    {
        await Resources.AddDeliveryAsync("YS-QG", Network.Clock.Today, 50, 10, "七拱镇配送");
        foreach (var role in new[] { Roles.BranchWorker, Roles.Observer })
        {
            if (role == Roles.BranchWorker)
            {
                Network.ActAsBranchWorker("YS-QG");
            }
            else
            {
                Network.ActAs(role);
            }

            Authorization.SetRoles(role);
            Authorization.SetPolicies(role == Roles.Observer ? [Policies.WholeNetwork] : [Policies.EditUnits]);
            Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("deliveries?year=2026&unit=YS-QG");
            var grants = Render<GrantsPage>();
            var resources = Render<ResourcesPage>();
            var deliveries = Render<DeliveriesPage>();

            grants.WaitForElement("[data-testid=grant-table]");
            resources.WaitForElement("[data-testid=resource-table]");
            deliveries.WaitForElement("[data-testid=delivery-table]");
            Assert.NotEmpty(resources.FindAll("[data-testid=resource-table] tbody tr"));
            Assert.Contains("七拱镇配送", deliveries.Find("[data-testid=delivery-table]").TextContent);
            Assert.Empty(grants.FindAll("[data-testid=create-grant], [data-testid=edit-grant], [data-testid=void-grant], [data-testid=add-bought]"));
            Assert.Empty(resources.FindAll("[data-testid=create-resource], [data-testid=edit-resource], [data-testid=void-resource]"));
            Assert.Empty(deliveries.FindAll("[data-testid=add-delivery], [data-testid=edit-delivery], [data-testid=void-delivery]"));
        }
    }

    [Fact]
    public async Task An_administrator_changes_a_checklist_item_s_line_and_a_missing_line_is_refused_under_it()
    {
        var programme = Network.Services.GetRequiredService<ProgrammeService>();
        var item = (await programme.AllItemsAsync()).Single(i => i.Definition.Rule == StandardRule.WeeklyOpeningHours);
        var host = await OpenAsync(new DialogParameters<ChecklistItemDialog> { { d => d.Existing, item } });

        Type(host, "标准值", "");
        Submit(host);
        host.WaitForAssertion(() => Assert.Equal("该检查规则需要填写标准值。", UnderField(host, "标准值")));

        Type(host, "标准值", "36");
        Submit(host);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=save-checklist]")));
        Assert.Equal(36m, (await programme.AllItemsAsync()).Single(i => i.Id == item.Id).Definition.Threshold);
    }
}
