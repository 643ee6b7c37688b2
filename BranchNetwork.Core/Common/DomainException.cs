namespace BranchNetwork.Core.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> names the rule (see <see cref="ErrorCodes"/>) so the
/// portal can show it in the user's language; <see cref="Field"/> names the input it belongs to, if any.
/// </summary>
public class DomainException(string code, string? field = null, params object[] args)
    : Exception($"{code}{(args.Length > 0 ? ": " + string.Join(", ", args) : "")}")
{
    public string Code { get; } = code;

    public string? Field { get; } = field;

    public IReadOnlyList<object> Args { get; } = args;
}

/// <summary>Someone else changed the record after it was read; the caller must reload and try again.</summary>
public sealed class ConcurrencyConflictException(string code, params object[] args) : DomainException(code, null, args)
{
    /// <summary>The audit trail's name of the record's kind (<c>AuditEntities</c>), which names its fields in <see cref="Differences"/>.</summary>
    public string? EntityType { get; init; }

    /// <summary>
    /// Each field where what the other person saved (<see cref="Audit.FieldChange.Old"/>) differs from what the caller
    /// sent (<see cref="Audit.FieldChange.New"/>), so the message can show both values.
    /// </summary>
    public IReadOnlyList<Audit.FieldChange> Differences { get; init; } = [];
}
