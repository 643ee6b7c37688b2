namespace BranchNetwork.Core.Network;

/// <summary>One row of the roster.</summary>
public sealed record UnitSummary(
    string Code,
    UnitKind Kind,
    string? ParentCode,
    string Name,
    string? Township,
    UnitStatus Status,
    DateOnly? PlaquedOn,
    string? ContactPerson,
    string? Phone,
    decimal? OpeningHoursPerWeek,
    int? BatchYear);

public sealed record UnitRef(string Code, string Name, UnitKind Kind, UnitStatus Status);

public sealed record StatusChangeRecord(UnitStatus? From, UnitStatus To, string Reason, string ChangedBy, DateTime ChangedAtUtc);

/// <summary>A unit with everything its page shows.</summary>
public sealed record UnitDetails(
    string Code,
    UnitKind Kind,
    UnitProfile Profile,
    UnitStatus Status,
    DateOnly? PlaquedOn,
    string? PlaqueNote,
    int Version,
    UnitRef? Parent,
    IReadOnlyList<UnitRef> Children,
    IReadOnlyList<StatusChangeRecord> History);

public sealed record NetworkCounts(int HeadLibraries, int Branches, int ServicePoints)
{
    public int Total => HeadLibraries + Branches + ServicePoints;
}

public sealed record NewUnit(UnitKind Kind, string Code, string? ParentCode, UnitProfile Profile, UnitStatus Status = UnitStatus.Open);
