using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Network;

/// <summary>
/// A library unit of the network: the head library (总馆), a township branch (乡镇分馆) or a village service
/// point (服务点). Units are closed, never deleted; every status change is kept.
/// </summary>
public sealed partial class Unit
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int TownshipMaxLength = 50;
    public const int AddressMaxLength = 200;
    public const int ContactPersonMaxLength = 50;
    public const int PhoneMaxLength = 30;
    public const int ReasonMaxLength = 500;
    public const int PlaqueNoteMaxLength = 200;

    private readonly List<UnitStatusChange> _statusHistory = [];
    private readonly List<Unit> _children = [];

    private Unit()
    {
        Code = "";
        Name = "";
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public UnitKind Kind { get; private set; }

    public int? ParentId { get; private set; }

    public Unit? Parent { get; private set; }

    public IReadOnlyList<Unit> Children => _children;

    public string Name { get; private set; }

    public string? Township { get; private set; }

    public string? Address { get; private set; }

    public string? ContactPerson { get; private set; }

    public string? Phone { get; private set; }

    public decimal? OpeningHoursPerWeek { get; private set; }

    public decimal? FloorArea { get; private set; }

    public int? Seats { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>The year of the construction batch the unit was built in (2019, 2020…).</summary>
    public int? BatchYear { get; private set; }

    /// <summary>When the unit began serving readers; monthly figures start with that month.</summary>
    public DateOnly? OpenedOn { get; private set; }

    public UnitStatus Status { get; private set; }

    public DateOnly? PlaquedOn { get; private set; }

    public string? PlaqueNote { get; private set; }

    /// <summary>Bumped by every change; a stale value means someone else changed the unit meanwhile.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<UnitStatusChange> StatusHistory => _statusHistory;

    public static Unit Create(
        UnitKind kind,
        string code,
        Unit? parent,
        UnitProfile profile,
        UnitStatus status,
        string createdBy,
        DateTime createdAtUtc)
    {
        CheckParent(kind, parent);
        code = (code ?? "").Trim().ToUpperInvariant();
        CheckCode(kind, code, parent);

        var unit = new Unit { Kind = kind, Code = code, Parent = parent, ParentId = parent?.Id };
        unit.ApplyProfile(profile);
        unit.Status = status;
        unit._statusHistory.Add(new UnitStatusChange(null, status, "", createdBy, createdAtUtc));
        parent?._children.Add(unit);
        return unit;
    }

    public void UpdateProfile(UnitProfile profile)
    {
        ApplyProfile(profile);
        Version++;
    }

    /// <summary>Moves the unit to another lifecycle status; the reason is kept in the history.</summary>
    /// <param name="openChildren">How many of this unit's children are not closed (a unit with open children cannot close).</param>
    public void ChangeStatus(UnitStatus newStatus, string reason, string changedBy, DateTime changedAtUtc, int openChildren)
    {
        if (newStatus == Status)
        {
            throw new DomainException(ErrorCodes.StatusUnchanged, nameof(Status));
        }

        reason = Texts.Required(reason, ReasonMaxLength, "Reason");
        if (newStatus == UnitStatus.Closed && openChildren > 0)
        {
            throw new DomainException(ErrorCodes.ChildrenStillOpen, nameof(Status), openChildren);
        }

        _statusHistory.Add(new UnitStatusChange(Status, newStatus, reason, changedBy, changedAtUtc));
        Status = newStatus;
        Version++;
    }

    public void MarkPlaqued(DateOnly plaquedOn, string? note, DateOnly today)
    {
        if (plaquedOn > today)
        {
            throw new DomainException(ErrorCodes.PlaqueDateInFuture, nameof(PlaquedOn));
        }

        PlaquedOn = plaquedOn;
        PlaqueNote = Texts.Optional(note, PlaqueNoteMaxLength, nameof(PlaqueNote));
        Version++;
    }

    public bool AcceptsNewChildren => Status != UnitStatus.Closed;

    private static void CheckParent(UnitKind kind, Unit? parent)
    {
        switch (kind)
        {
            case UnitKind.HeadLibrary when parent is not null:
                throw new DomainException(ErrorCodes.HeadLibraryHasParent, "ParentCode");
            case UnitKind.Branch when parent?.Kind != UnitKind.HeadLibrary:
                throw new DomainException(ErrorCodes.BranchParentMustBeHeadLibrary, "ParentCode");
            case UnitKind.ServicePoint when parent?.Kind != UnitKind.Branch:
                throw new DomainException(ErrorCodes.ServicePointParentMustBeBranch, "ParentCode");
        }

        if (parent is { AcceptsNewChildren: false })
        {
            throw new DomainException(ErrorCodes.ParentClosed, "ParentCode", parent.Name);
        }
    }

    /// <summary>
    /// Codes follow the network's scheme: the head library a few capitals (YS), a branch its parent's code and
    /// the township's pinyin initials (YS-QG), a service point its branch's code and two digits (YS-QG-01).
    /// </summary>
    private static void CheckCode(UnitKind kind, string code, Unit? parent)
    {
        if (code.Length == 0)
        {
            throw new DomainException(ErrorCodes.Required, nameof(Code));
        }

        var suffixPattern = kind switch
        {
            UnitKind.HeadLibrary => HeadCodePattern(),
            UnitKind.Branch => BranchSuffixPattern(),
            _ => ServicePointSuffixPattern(),
        };
        var prefix = parent is null ? "" : parent.Code + "-";
        var valid = code.Length <= CodeMaxLength
            && code.StartsWith(prefix, StringComparison.Ordinal)
            && suffixPattern.IsMatch(code[prefix.Length..]);
        if (!valid)
        {
            throw new DomainException(ErrorCodes.InvalidCode, nameof(Code), ExampleCode(kind, parent));
        }
    }

    public static string ExampleCode(UnitKind kind, Unit? parent) => kind switch
    {
        UnitKind.HeadLibrary => "YS",
        UnitKind.Branch => $"{parent?.Code ?? "YS"}-QG",
        _ => $"{parent?.Code ?? "YS-QG"}-01",
    };

    private void ApplyProfile(UnitProfile p)
    {
        var name = Texts.Required(p.Name, NameMaxLength, nameof(Name));
        var township = Texts.Optional(p.Township, TownshipMaxLength, nameof(Township));
        var address = Texts.Optional(p.Address, AddressMaxLength, nameof(Address));
        var contact = Texts.Optional(p.ContactPerson, ContactPersonMaxLength, nameof(ContactPerson));
        var phone = Texts.Optional(p.Phone, PhoneMaxLength, nameof(Phone));
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            throw new DomainException(ErrorCodes.InvalidPhone, nameof(Phone));
        }

        if (p.OpeningHoursPerWeek is < 0 or > 168)
        {
            throw new DomainException(ErrorCodes.OpeningHoursOutOfRange, nameof(OpeningHoursPerWeek));
        }

        if (p.FloorArea < 0)
        {
            throw new DomainException(ErrorCodes.NegativeNumber, nameof(FloorArea));
        }

        if (p.Seats < 0)
        {
            throw new DomainException(ErrorCodes.NegativeNumber, nameof(Seats));
        }

        Decimals.AtMost(p.OpeningHoursPerWeek, 1, nameof(OpeningHoursPerWeek));
        Decimals.AtMost(p.FloorArea, 2, nameof(FloorArea));
        // Six places are a tenth of a metre: more is noise from a copied coordinate, not a position.
        Decimals.AtMost(p.Latitude, 6, nameof(Latitude));
        Decimals.AtMost(p.Longitude, 6, nameof(Longitude));

        if (p.Latitude is not null != p.Longitude is not null)
        {
            throw new DomainException(ErrorCodes.CoordinatesIncomplete, p.Latitude is null ? nameof(Latitude) : nameof(Longitude));
        }

        if (p.Latitude is < -90 or > 90 || p.Latitude is double.NaN)
        {
            throw new DomainException(ErrorCodes.LatitudeOutOfRange, nameof(Latitude));
        }

        if (p.Longitude is < -180 or > 180 || p.Longitude is double.NaN)
        {
            throw new DomainException(ErrorCodes.LongitudeOutOfRange, nameof(Longitude));
        }

        if (p.OpenedOn is { Year: < 1900 or > 2100 })
        {
            throw new DomainException(ErrorCodes.OpenedOnOutOfRange, nameof(OpenedOn));
        }

        if (p.BatchYear is < 1949 or > 2100)
        {
            throw new DomainException(ErrorCodes.BatchYearOutOfRange, nameof(BatchYear));
        }

        Name = name;
        Township = township;
        Address = address;
        ContactPerson = contact;
        Phone = phone;
        OpeningHoursPerWeek = p.OpeningHoursPerWeek;
        FloorArea = p.FloorArea;
        Seats = p.Seats;
        Latitude = p.Latitude;
        Longitude = p.Longitude;
        BatchYear = p.BatchYear;
        OpenedOn = p.OpenedOn;
    }

    [GeneratedRegex("^[A-Z]{2,8}$")]
    private static partial Regex HeadCodePattern();

    [GeneratedRegex("^[A-Z]{1,6}$")]
    private static partial Regex BranchSuffixPattern();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex ServicePointSuffixPattern();

    [GeneratedRegex(@"^[0-9+\-() ]{5,30}$")]
    private static partial Regex PhonePattern();
}
