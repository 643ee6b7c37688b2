namespace BranchNetwork.Core.Operations;

/// <summary>
/// A lock file beside the database (<c>{db}.lock</c>). A running portal holds it shared; a restore needs it
/// exclusively, so it refuses while any portal runs on that database. The operating system releases it when the
/// process ends, however it ends.
/// </summary>
public static class PortalLock
{
    /// <summary>Taken by the portal for its lifetime; null when a restore holds the database.</summary>
    public static IDisposable? TryShared(string databaseFile) => TryOpen(databaseFile, FileShare.ReadWrite);

    /// <summary>Taken by a restore; null while a portal runs on the database.</summary>
    public static IDisposable? TryExclusive(string databaseFile) => TryOpen(databaseFile, FileShare.None);

    private static FileStream? TryOpen(string databaseFile, FileShare share)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
        try
        {
            // FileShare maps to flock() on Linux (shared or exclusive) and to sharing modes on Windows.
            return new FileStream(databaseFile + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
