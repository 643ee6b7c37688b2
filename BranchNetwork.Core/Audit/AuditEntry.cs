namespace BranchNetwork.Core.Audit;

/// <summary>
/// One change or sign-in event: who, when (UTC), which record, what happened, old → new values.
/// Append-only: the database refuses to update or delete these rows.
/// </summary>
public sealed class AuditEntry
{
    public const int EntityTypeMaxLength = 50;
    public const int EntityKeyMaxLength = 256;
    public const int ActionMaxLength = 50;

    public long Id { get; init; }

    public DateTime AtUtc { get; init; }

    public string? UserId { get; init; }

    public string UserName { get; init; } = "";

    /// <summary><see cref="AuditEntities"/>: Unit, User, Account.</summary>
    public string EntityType { get; init; } = "";

    /// <summary>The record's human key: a unit's code, a user's e-mail.</summary>
    public string EntityKey { get; init; } = "";

    /// <summary><see cref="AuditActions"/>.</summary>
    public string Action { get; init; } = "";

    /// <summary>JSON list of <see cref="FieldChange"/>; passwords never appear, only that they changed.</summary>
    public string? Changes { get; init; }
}

public sealed record FieldChange(string Field, string? Old, string? New);

public static class AuditEntities
{
    public const string Unit = "Unit";
    public const string User = "User";
    public const string Account = "Account";
    public const string Report = "Report";
    public const string Indicator = "Indicator";
    public const string Closure = "Closure";
    public const string Staff = "Staff";
    public const string Training = "Training";
    public const string Activity = "Activity";
    public const string Resource = "Resource";
    public const string Delivery = "Delivery";
    public const string Grant = "Grant";
    public const string Standard = "Standard";
    public const string Backup = "Backup";
    public const string Population = "Population";
    public const string Statistics = "Statistics";
    public const string Assessment = "Assessment";
    public const string Scores = "Scores";

    public static readonly IReadOnlyList<string> All =
        [Unit, User, Account, Report, Indicator, Closure, Staff, Training, Activity, Resource, Delivery, Grant, Standard, Population, Assessment, Backup, Statistics, Scores];
}

public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Voided = "Voided";
    public const string Withdrawn = "Withdrawn";
    public const string StatusChanged = "StatusChanged";
    public const string Plaqued = "Plaqued";
    public const string RoleChanged = "RoleChanged";
    public const string Disabled = "Disabled";
    public const string Enabled = "Enabled";
    public const string PasswordReset = "PasswordReset";
    public const string PasswordChanged = "PasswordChanged";
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Returned = "Returned";
    public const string CorrectionStarted = "CorrectionStarted";
    public const string Imported = "Imported";
    public const string BackedUp = "BackedUp";
    public const string Deleted = "Deleted";

    public static readonly IReadOnlyList<string> All =
    [
        Created, Updated, StatusChanged, Plaqued, RoleChanged, Disabled, Enabled, PasswordReset, PasswordChanged, SignedIn, SignInFailed,
        LockedOut, Submitted, Approved, Returned, CorrectionStarted, Imported, BackedUp, Voided, Withdrawn, Deleted,
    ];
}
