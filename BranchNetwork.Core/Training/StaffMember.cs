using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Training;

/// <summary>职称: none, junior (初级), intermediate (中级), associate senior (副高), senior (正高).</summary>
public enum ProfessionalTitle
{
    None = 0,
    Junior = 1,
    Intermediate = 2,
    AssociateSenior = 3,
    Senior = 4,
}

/// <summary>A person working at a unit; separate from sign-in accounts (most staff never sign in).</summary>
public sealed partial class StaffMember
{
    public const int NameMaxLength = 50;
    public const int PositionMaxLength = 50;
    public const int PhoneMaxLength = 30;

    private StaffMember()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    public string Name { get; private set; }

    public string? Position { get; private set; }

    public ProfessionalTitle Title { get; private set; }

    public string? Phone { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int Version { get; private set; }

    public static StaffMember Create(Unit unit, StaffProfile profile)
    {
        var member = new StaffMember { Unit = unit, UnitId = unit.Id };
        member.Apply(profile);
        return member;
    }

    public void Update(StaffProfile profile)
    {
        Apply(profile);
        Version++;
    }

    private void Apply(StaffProfile p)
    {
        Name = Texts.Required(p.Name, NameMaxLength, nameof(Name));
        Position = Texts.Optional(p.Position, PositionMaxLength, nameof(Position));
        var phone = Texts.Optional(p.Phone, PhoneMaxLength, nameof(Phone));
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            throw new DomainException(ErrorCodes.InvalidPhone, nameof(Phone));
        }

        if (!Enum.IsDefined(p.Title))
        {
            throw new DomainException(ErrorCodes.Required, nameof(Title));
        }

        Phone = phone;
        Title = p.Title;
        IsActive = p.IsActive;
    }

    [GeneratedRegex(@"^[0-9+\-() ]{5,30}$")]
    private static partial Regex PhonePattern();
}

public sealed record StaffProfile(string Name, string? Position, ProfessionalTitle Title, string? Phone, bool IsActive = true);
