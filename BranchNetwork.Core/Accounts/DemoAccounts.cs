using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Accounts;

/// <summary>The accounts that demo mode creates; shown on the console and the sign-in page.</summary>
public static class DemoAccounts
{
    public sealed record DemoAccount(string Email, string DisplayName, string Role, string? BranchCode = null);

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("admin@demo.local", "系统管理员 (演示)", Roles.Administrator),
        new("staff@demo.local", "总馆工作人员 (演示)", Roles.HeadLibraryStaff),
        new("observer@demo.local", "文广旅体局观察员 (演示)", Roles.Observer),
        .. DemoNetwork.Townships.Select(t => new DemoAccount(
            $"{DemoNetwork.HeadLibraryCode}-{t.Code}".ToLowerInvariant() + "@demo.local",
            $"{t.Name}分馆管理员 (演示)",
            Roles.BranchWorker,
            $"{DemoNetwork.HeadLibraryCode}-{t.Code}")),
    ];
}
