namespace BranchNetwork.Core.Network;

/// <summary>The descriptive fields of a unit that staff edit; everything but code, kind, parent and status.</summary>
public sealed record UnitProfile(
    string Name,
    string? Township = null,
    string? Address = null,
    string? ContactPerson = null,
    string? Phone = null,
    decimal? OpeningHoursPerWeek = null,
    decimal? FloorArea = null,
    int? Seats = null,
    double? Latitude = null,
    double? Longitude = null,
    int? BatchYear = null,
    DateOnly? OpenedOn = null);
