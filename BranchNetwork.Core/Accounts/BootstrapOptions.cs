namespace BranchNetwork.Core.Accounts;

/// <summary>The <c>Bootstrap</c> settings: the first administrator and the demo mode (design §9).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    public string AdminEmail { get; set; } = "admin@branchnetwork.local";

    /// <summary>Empty: a random password is generated and printed once, when the account is created.</summary>
    public string AdminPassword { get; set; } = "";

    public bool DemoData { get; set; }

    public string DemoPassword { get; set; } = "";
}
