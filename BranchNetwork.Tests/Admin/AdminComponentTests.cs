using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Admin;
using BranchNetwork.Web.Features.Audit;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Admin;

public sealed class AdminComponentTests : ComponentTest
{
    [Fact]
    public async Task The_users_page_lists_accounts_with_role_and_state()
    {
        await Network.ActAsFirstAdministratorAsync();
        await Network.UserAdmin.CreateAsync(new NewUser("ys-qg@x.local", "黄文杰", Roles.BranchWorker, "YS-QG"));

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=user-table] tbody tr").Count));
        var worker = page.FindAll("[data-testid=user-table] tbody tr").Single(r => r.TextContent.Contains("ys-qg@x.local"));
        Assert.Contains("分馆管理员", worker.TextContent);
        Assert.Contains("阳山县图书馆七拱镇分馆", worker.TextContent);
        Assert.Contains("待改密码", worker.TextContent);
    }

    [Fact]
    public async Task The_branch_is_asked_for_only_when_the_role_is_branch_worker_and_required_then()
    {
        await Network.ActAsFirstAdministratorAsync();
        var host = RenderDialogHost();
        var branches = await Network.UserAdmin.BranchesAsync();
        await host.InvokeAsync(() => Services.GetRequiredService<IDialogService>()
            .ShowAsync<UserDialog>("", new DialogParameters<UserDialog> { { d => d.Branches, branches } }));

        Assert.Empty(host.FindAll("[data-testid=user-branch]"));
        await host.InvokeAsync(() => host.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(Roles.BranchWorker));
        host.WaitForAssertion(() => Assert.Single(host.FindComponents<MudSelect<string>>(), s => s.Instance.Label == "所属分馆"));

        host.FindAll("input").First(i => i.GetAttribute("type") == "email").Change("new@x.local");
        host.FindAll("input").First(i => i.GetAttribute("type") != "email" && !i.HasAttribute("readonly")).Change("新同事");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Contains("分馆管理员必须指定所属分馆。", host.Markup));
        Assert.Single(await Network.UserAdmin.ListAsync());
    }

    [Fact]
    public async Task An_audit_entry_reads_as_field_old_and_new_in_Chinese()
    {
        var entry = new AuditEntryRecord(1, TestNetwork.Now.UtcDateTime, "张敏", AuditEntities.Unit, "YS-QG-01", AuditActions.StatusChanged,
            [new FieldChange("Status", "Open", "Suspended"), new FieldChange("Reason", null, "装修")]);

        var table = Render<AuditTable>(p => p.Add(t => t.Entries, [entry]).Add(t => t.ShowRecord, true));

        var row = table.Find("[data-testid=audit-table] tbody tr").TextContent;
        Assert.Contains("2026-03-02 10:00:00", row);
        Assert.Contains("变更状态", row);
        var changes = table.FindAll(".audit-changes li").Select(li => string.Concat(li.TextContent.Where(c => !char.IsWhiteSpace(c))));
        Assert.Equal(["状态开放→暂停服务", "原因装修"], changes);
    }

    [Fact]
    public void An_empty_trail_says_so() =>
        Assert.Contains("没有符合条件的记录。", Render<AuditTable>(p => p.Add(t => t.Entries, [])).Markup);
}
