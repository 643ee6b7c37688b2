using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Training;

public sealed record StaffRecord(int Id, string UnitCode, string UnitName, string Name, string? Position, ProfessionalTitle Title, string? Phone,
    bool IsActive, int Version);

/// <summary>The staff page's filters: a unit, part of a name.</summary>
public sealed record StaffFilter(string? UnitCode = null, string? Name = null);

/// <param name="Void">Set for a voided session (listed only when asked for, struck through; its hours count nowhere).</param>
public sealed record SessionSummary(int Id, string Title, string Organiser, DateOnly StartsOn, DateOnly EndsOn, decimal Hours, bool IsOnline,
    int Enrolled, int Attended, decimal CreditedHours, VoidInfo? Void = null);

public sealed record AttendeeRecord(int StaffMemberId, string Name, string UnitCode, string UnitName, ProfessionalTitle Title, bool Attended,
    decimal CreditedHours);

public sealed record SessionRecord(int Id, SessionDetails Details, int Version, IReadOnlyList<AttendeeRecord> Attendees, VoidInfo? Void = null);

public sealed record PersonHours(int StaffMemberId, string Name, string UnitCode, string UnitName, ProfessionalTitle Title, decimal Hours, int Sessions);

public sealed record UnitHours(string UnitCode, string UnitName, decimal Hours, int People);

/// <summary>Learning hours of a year: per person, per unit and for the caller's whole scope; titles of active staff.</summary>
public sealed record HoursReport(int Year, IReadOnlyList<PersonHours> People, IReadOnlyList<UnitHours> Units, decimal Total,
    IReadOnlyDictionary<ProfessionalTitle, int> Titles);
