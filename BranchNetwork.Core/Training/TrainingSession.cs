using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Training;

/// <summary>A training session (业务培训) with its attendees and the learning hours (学时) each was credited.</summary>
public sealed class TrainingSession : VoidableRecord
{
    public const int TitleMaxLength = 100;
    public const int OrganiserMaxLength = 100;
    public const int PlaceMaxLength = 100;
    public const int DescriptionMaxLength = 1000;
    public const decimal MaxHoursPerDay = 12;

    private readonly List<Attendance> _attendances = [];

    private TrainingSession()
    {
        Title = "";
        Organiser = "";
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    public string Organiser { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>The learning hours the whole session is worth.</summary>
    public decimal Hours { get; private set; }

    public bool IsOnline { get; private set; }

    public string? Place { get; private set; }

    public string? Description { get; private set; }

    public IReadOnlyList<Attendance> Attendances => _attendances;

    public static TrainingSession Create(SessionDetails details)
    {
        var session = new TrainingSession();
        session.Apply(details);
        return session;
    }

    public void Update(SessionDetails details)
    {
        DemandNotVoided();
        Apply(details);
        if (_attendances.Any(a => a.CreditedHours > Hours))
        {
            throw new DomainException(ErrorCodes.TrainingHoursBelowCredited, nameof(Hours));
        }

        Version++;
    }

    /// <summary>Puts a staff member on the list (not yet attended).</summary>
    public void Enrol(StaffMember member)
    {
        DemandNotVoided();
        if (_attendances.Any(a => a.StaffMemberId == member.Id))
        {
            throw new DomainException(ErrorCodes.TrainingDuplicateAttendee, null, member.Name);
        }

        _attendances.Add(new Attendance(member));
        Version++;
    }

    public void Withdraw(int staffMemberId)
    {
        DemandNotVoided();
        _attendances.RemoveAll(a => a.StaffMemberId == staffMemberId);
        Version++;
    }

    /// <summary>Marks attendance after the session: attended with the hours credited (partial allowed), or absent.</summary>
    public void MarkAttendance(int staffMemberId, bool attended, decimal? creditedHours, DateOnly today)
    {
        DemandNotVoided();
        if (StartsOn > today && attended)
        {
            throw new DomainException(ErrorCodes.TrainingNotHeldYet, null, Title);
        }

        var attendance = _attendances.FirstOrDefault(a => a.StaffMemberId == staffMemberId)
            ?? throw new DomainException(ErrorCodes.TrainingNotEnrolled);
        var hours = attended ? creditedHours ?? Hours : 0;
        if (hours < 0 || hours > Hours)
        {
            throw new DomainException(ErrorCodes.TrainingCreditOutOfRange, "CreditedHours", Hours);
        }

        Decimals.AtMost(hours, 1, "CreditedHours");

        attendance.Mark(attended, hours);
        Version++;
    }

    private void Apply(SessionDetails d)
    {
        var title = Texts.Required(d.Title, TitleMaxLength, nameof(Title));
        var organiser = Texts.Required(d.Organiser, OrganiserMaxLength, nameof(Organiser));
        if (d.EndsOn < d.StartsOn)
        {
            throw new DomainException(ErrorCodes.TrainingEndsBeforeStart, nameof(EndsOn));
        }

        var days = d.EndsOn.DayNumber - d.StartsOn.DayNumber + 1;
        if (d.Hours <= 0 || d.Hours > days * MaxHoursPerDay || decimal.Round(d.Hours, 1) != d.Hours)
        {
            throw new DomainException(ErrorCodes.TrainingHoursOutOfRange, nameof(Hours), days * MaxHoursPerDay);
        }

        Title = title;
        Organiser = organiser;
        StartsOn = d.StartsOn;
        EndsOn = d.EndsOn;
        Hours = d.Hours;
        IsOnline = d.IsOnline;
        Place = Texts.Optional(d.Place, PlaceMaxLength, nameof(Place));
        Description = Texts.Optional(d.Description, DescriptionMaxLength, nameof(Description));
    }
}

public sealed record SessionDetails(
    string Title,
    string Organiser,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal Hours,
    bool IsOnline,
    string? Place = null,
    string? Description = null);

/// <summary>One staff member on a session: whether they attended and the learning hours they were credited.</summary>
public sealed class Attendance
{
    private Attendance()
    {
    }

    internal Attendance(StaffMember member)
    {
        StaffMember = member;
        StaffMemberId = member.Id;
    }

    public int SessionId { get; private set; }

    public int StaffMemberId { get; private set; }

    public StaffMember StaffMember { get; private set; } = default!;

    public bool Attended { get; private set; }

    public decimal CreditedHours { get; private set; }

    internal void Mark(bool attended, decimal hours)
    {
        Attended = attended;
        CreditedHours = hours;
    }
}
