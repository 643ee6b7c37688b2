namespace BranchNetwork.Core.Accounts;

/// <summary>The four kinds of users of design §1.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string HeadLibraryStaff = "HeadLibraryStaff";
    public const string BranchWorker = "BranchWorker";
    public const string Observer = "Observer";

    public static readonly IReadOnlyList<string> All = [Administrator, HeadLibraryStaff, BranchWorker, Observer];
}
