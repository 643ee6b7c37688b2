namespace BranchNetwork.Core.Operations;

/// <summary>
/// A named piece of work that one portal instance at a time may do (migrating at start-up, the day's backup): held by
/// <see cref="Holder"/> until <see cref="ExpiresAtUtc"/>, renewed while the work runs. An instance killed while holding
/// it stops renewing, and once it expires another instance takes it over.
/// </summary>
public sealed class Lease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    private Lease()
    {
    }

    internal Lease(string name, string holder, DateTime expiresAtUtc)
    {
        Name = name;
        Holder = holder;
        ExpiresAtUtc = expiresAtUtc;
    }

    public string Name { get; private set; } = "";

    public string Holder { get; private set; } = "";

    public DateTime ExpiresAtUtc { get; private set; }
}
