using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Accounts;

public sealed class UserAdminTests : IDisposable
{
    private readonly TestNetwork network = new();
    private UserSummary admin = default!;

    public void Dispose() => network.Dispose();

    private UserAdminService Admin => network.UserAdmin;

    private async Task<UserSummary> SignInFirstAdministratorAsync()
    {
        await network.ActAsFirstAdministratorAsync();
        admin = (await Admin.ListAsync()).Single();
        return admin;
    }

    private async Task<UserSummary> UserAsync(string email) => (await Admin.ListAsync(email)).Single();

    [Fact]
    public async Task A_new_branch_worker_gets_a_one_time_password_and_their_branch()
    {
        await SignInFirstAdministratorAsync();

        var issued = await Admin.CreateAsync(new NewUser("ys-qg@x.local", "黄文杰", Roles.BranchWorker, "ys-qg"));

        Assert.True(issued.Password.Length >= 10);
        var user = await UserAsync("ys-qg@x.local");
        Assert.Equal((Roles.BranchWorker, "YS-QG", true), (user.Role, user.BranchCode, user.MustChangePassword));
    }

    [Theory]
    [InlineData("not-an-email", "名", Roles.Observer, null, ErrorCodes.UserInvalidEmail)]
    [InlineData("root@x.local", "名", Roles.Observer, null, ErrorCodes.UserEmailTaken)]
    [InlineData("a@x.local", "", Roles.Observer, null, ErrorCodes.Required)]
    [InlineData("a@x.local", "张😀", Roles.Observer, null, ErrorCodes.Unprintable)]
    [InlineData("a@x.local", "名", "Librarian", null, ErrorCodes.UserUnknownRole)]
    [InlineData("a@x.local", "名", Roles.BranchWorker, null, ErrorCodes.UserBranchRequired)]
    [InlineData("a@x.local", "名", Roles.BranchWorker, "YS-QG-01", ErrorCodes.UserBranchNotABranch)]
    public async Task Bad_accounts_are_refused_with_a_reason(string email, string name, string role, string? branch, string expected)
    {
        await SignInFirstAdministratorAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Admin.CreateAsync(new NewUser(email, name, role, branch)));

        Assert.Equal(expected, error.Code);
        Assert.Single(await Admin.ListAsync());
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted_or_disabled_and_nobody_disables_themself()
    {
        await SignInFirstAdministratorAsync();

        var demote = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.UpdateAsync(admin.Id, admin.ConcurrencyStamp, new UserChange("管理员", Roles.Observer, null)));
        var disable = await Assert.ThrowsAsync<DomainException>(() => Admin.SetDisabledAsync(admin.Id, admin.ConcurrencyStamp, true));

        Assert.Equal(ErrorCodes.UserNotYourself, demote.Code);
        Assert.Equal(ErrorCodes.UserNotYourself, disable.Code);
        Assert.Equal(Roles.Administrator, (await UserAsync("root@x.local")).Role);
    }

    [Fact]
    public async Task Another_administrator_cannot_remove_the_last_active_one()
    {
        await SignInFirstAdministratorAsync();
        await Admin.CreateAsync(new NewUser("second@x.local", "第二", Roles.Administrator, null));
        var second = await UserAsync("second@x.local");
        network.User.Actor = new Actor(second.Id, "第二", Roles.Administrator);

        await Admin.SetDisabledAsync(admin.Id, admin.ConcurrencyStamp, true);

        // Now "second" is the only active administrator; the first cannot demote them back.
        network.User.Actor = new Actor(admin.Id, "管理员", Roles.Administrator);
        second = await UserAsync("second@x.local");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Admin.UpdateAsync(second.Id, second.ConcurrencyStamp, new UserChange("第二", Roles.Observer, null)));
        Assert.Equal(ErrorCodes.UserLastAdministrator, error.Code);
    }

    [Fact]
    public async Task Role_and_branch_changes_are_saved_and_audited()
    {
        await SignInFirstAdministratorAsync();
        await Admin.CreateAsync(new NewUser("worker@x.local", "工作人员", Roles.HeadLibraryStaff, null));
        var worker = await UserAsync("worker@x.local");

        await Admin.UpdateAsync(worker.Id, worker.ConcurrencyStamp, new UserChange("工作人员", Roles.BranchWorker, "YS-QL"));

        worker = await UserAsync("worker@x.local");
        Assert.Equal((Roles.BranchWorker, "YS-QL"), (worker.Role, worker.BranchCode));
        var trail = await network.Audit.SearchAsync(new AuditFilter(EntityType: AuditEntities.User, EntityKey: "worker@x.local"), new PageRequest(0, 20));
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Created);
        Assert.Contains(trail.Items, e => e.Action == AuditActions.RoleChanged
            && e.Changes.Single() == new FieldChange("Role", Roles.HeadLibraryStaff, Roles.BranchWorker));
        Assert.Contains(trail.Items, e => e.Action == AuditActions.Updated && e.Changes.Contains(new FieldChange("Branch", null, "YS-QL")));
        Assert.All(trail.Items, e => Assert.Equal("管理员 (root@x.local)", e.UserName));
    }

    [Fact]
    public async Task A_change_based_on_a_stale_copy_is_refused()
    {
        await SignInFirstAdministratorAsync();
        await Admin.CreateAsync(new NewUser("worker@x.local", "工作人员", Roles.Observer, null));
        var stale = await UserAsync("worker@x.local");
        await Admin.UpdateAsync(stale.Id, stale.ConcurrencyStamp, new UserChange("新名字", Roles.Observer, null));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Admin.UpdateAsync(stale.Id, stale.ConcurrencyStamp, new UserChange("旧名字", Roles.Observer, null)));
        Assert.Equal("新名字", (await UserAsync("worker@x.local")).DisplayName);
    }

    [Fact]
    public async Task Disabling_enabling_and_resetting_are_audited_and_the_reset_password_works_once()
    {
        await SignInFirstAdministratorAsync();
        await Admin.CreateAsync(new NewUser("worker@x.local", "工作人员", Roles.Observer, null));
        var worker = await UserAsync("worker@x.local");

        await Admin.SetDisabledAsync(worker.Id, worker.ConcurrencyStamp, true);
        Assert.True((await UserAsync("worker@x.local")).IsDisabled);
        worker = await UserAsync("worker@x.local");
        await Admin.SetDisabledAsync(worker.Id, worker.ConcurrencyStamp, false);
        var issued = await Admin.ResetPasswordAsync(worker.Id);

        await using var scope = network.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByEmailAsync("worker@x.local"))!;
        Assert.True(await users.CheckPasswordAsync(account, issued.Password));
        Assert.True(account.MustChangePassword);
        var actions = (await network.Audit.SearchAsync(new AuditFilter(EntityKey: "worker@x.local"), new PageRequest(0, 20))).Items.Select(e => e.Action);
        Assert.Contains(AuditActions.Disabled, actions);
        Assert.Contains(AuditActions.Enabled, actions);
        Assert.Contains(AuditActions.PasswordReset, actions);
    }

    [Fact]
    public async Task Only_administrators_administer_users()
    {
        await SignInFirstAdministratorAsync();
        network.ActAs(Roles.HeadLibraryStaff);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Admin.CreateAsync(new NewUser("x@x.local", "x", Roles.Observer, null)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Admin.ResetPasswordAsync(admin.Id));
    }

    [Fact]
    public void One_time_passwords_meet_the_rules_and_differ()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => OneTimePassword.Create()).ToList();

        Assert.All(passwords, p => Assert.True(p.Length >= 10 && p.Any(char.IsDigit) && p.Any(char.IsUpper) && p.Any(char.IsLower) && p.Contains('-')));
        Assert.Equal(50, passwords.Distinct().Count());
    }
}
