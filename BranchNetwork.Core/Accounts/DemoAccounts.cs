namespace BranchNetwork.Core.Accounts;

/// <summary>The accounts that demo mode creates; shown on the console and the sign-in page.</summary>
public static class DemoAccounts
{
    public sealed record DemoAccount(string Email, string DisplayName, string Role);

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("admin@demo.local", "系统管理员 (演示)", Roles.Administrator),
    ];
}
