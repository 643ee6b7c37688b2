namespace BranchNetwork.Core.Audit;

public sealed record AuditEntryRecord(
    long Id,
    DateTime AtUtc,
    string UserName,
    string EntityType,
    string EntityKey,
    string Action,
    IReadOnlyList<FieldChange> Changes);

/// <summary>The audit page's filters; empty ones let everything through. Dates are the county's calendar days.</summary>
public sealed record AuditFilter(
    string? EntityType = null,
    string? EntityKey = null,
    string? User = null,
    DateOnly? From = null,
    DateOnly? To = null);
