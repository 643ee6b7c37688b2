namespace BranchNetwork.Core.Accounts;

public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    string? BranchCode,
    string? BranchName,
    bool IsDisabled,
    bool IsLockedOut,
    bool MustChangePassword,
    string ConcurrencyStamp);

public sealed record NewUser(string Email, string DisplayName, string Role, string? BranchCode);

public sealed record UserChange(string DisplayName, string Role, string? BranchCode);

/// <summary>A password to hand to the user once; they must change it at their next sign-in.</summary>
public sealed record IssuedPassword(string Email, string Password);
