using System.ComponentModel.DataAnnotations;
using BranchNetwork.Core.Network;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Web.Features.Roster;

/// <summary>The unit form's model. The entity checks the same rules again; these give the quick, per-field answer.</summary>
public sealed class UnitInput
{
    private const string Required = nameof(ValidationText.Required);
    private const string Length = nameof(ValidationText.StringLength);
    private const string Range = nameof(ValidationText.Range);

    public UnitKind Kind { get; set; } = UnitKind.ServicePoint;

    public string? ParentCode { get; set; }

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Required)]
    [StringLength(Unit.CodeMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    public string Code { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Required)]
    [StringLength(Unit.NameMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    public string Name { get; set; } = "";

    [StringLength(Unit.TownshipMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    public string? Township { get; set; }

    [StringLength(Unit.AddressMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    public string? Address { get; set; }

    [StringLength(Unit.ContactPersonMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    public string? ContactPerson { get; set; }

    [StringLength(Unit.PhoneMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Length)]
    [RegularExpression(@"^[0-9+\-() ]{5,30}$", ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Phone))]
    public string? Phone { get; set; }

    [Range(0, 168, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public decimal? OpeningHoursPerWeek { get; set; }

    [Range(0, 1_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public decimal? FloorArea { get; set; }

    [Range(0, 100_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public int? Seats { get; set; }

    [Range(-90, 90, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public double? Latitude { get; set; }

    [Range(-180, 180, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public double? Longitude { get; set; }

    [Range(1949, 2100, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = Range)]
    public int? BatchYear { get; set; }

    /// <summary>A date picker's value; the profile keeps the day only.</summary>
    public DateTime? OpenedOn { get; set; }

    public static UnitInput From(UnitDetails unit)
    {
        var p = unit.Profile;
        return new UnitInput
        {
            Kind = unit.Kind,
            ParentCode = unit.Parent?.Code,
            Code = unit.Code,
            Name = p.Name,
            Township = p.Township,
            Address = p.Address,
            ContactPerson = p.ContactPerson,
            Phone = p.Phone,
            OpeningHoursPerWeek = p.OpeningHoursPerWeek,
            FloorArea = p.FloorArea,
            Seats = p.Seats,
            Latitude = p.Latitude,
            Longitude = p.Longitude,
            BatchYear = p.BatchYear,
            OpenedOn = p.OpenedOn?.ToDateTime(TimeOnly.MinValue),
        };
    }

    public UnitProfile ToProfile() =>
        new(Name, Township, Address, ContactPerson, Phone, OpeningHoursPerWeek, FloorArea, Seats, Latitude, Longitude, BatchYear,
            OpenedOn is { } opened ? DateOnly.FromDateTime(opened) : null);

    public NewUnit ToNewUnit() => new(Kind, Code, ParentCode, ToProfile());
}
