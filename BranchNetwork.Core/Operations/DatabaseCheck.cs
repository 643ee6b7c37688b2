using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// What a backup or a live database holds, as far as a restore cares: is it sound (SQLite's <c>PRAGMA integrity_check</c>,
/// a readable PostgreSQL dump), is it this application's database, and which of this build's migrations it has.
/// </summary>
/// <param name="LastMigration">The newest applied migration this build knows: the schema version.</param>
/// <param name="PendingMigrations">Migrations of this build the file lacks; start-up applies them.</param>
/// <param name="UnknownMigrations">Applied migrations this build does not know: the file comes from a newer version.</param>
/// <param name="ServerVersion">The database server's version, for a live server database (PostgreSQL); null for a file.</param>
public sealed record DatabaseCheck(
    string File,
    long Bytes,
    IReadOnlyList<string> IntegrityProblems,
    string? LastMigration,
    int PendingMigrations,
    IReadOnlyList<string> UnknownMigrations,
    string? ServerVersion = null)
{
    public bool IntegrityOk => IntegrityProblems.Count == 0;

    /// <summary>Refuses a file that would break the portal if it replaced the live database.</summary>
    public void EnsureRestorable()
    {
        if (UnknownMigrations.Count > 0)
        {
            throw new DomainException(ErrorCodes.BackupNewerSchema, null, File, string.Join(", ", UnknownMigrations));
        }

        if (!IntegrityOk)
        {
            throw new DomainException(ErrorCodes.BackupDamaged, null, File, string.Join("; ", IntegrityProblems.Take(5)));
        }
    }
}
