using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Activities;

/// <summary>Design §5: lecture, exhibition, parent-child reading, craft, competition or challenge, outreach, volunteer, online.</summary>
public enum ActivityCategory
{
    Lecture = 0,
    Exhibition = 1,
    ParentChildReading = 2,
    Craft = 3,
    Competition = 4,
    Outreach = 5,
    Volunteer = 6,
    Online = 7,
}

/// <summary>A reading-promotion activity (阅读推广活动) held by a unit, often part of a series or brand (韩愈书房…).</summary>
public sealed class Activity : VoidableRecord
{
    public const int MaxPhotos = 6;

    public const int TitleMaxLength = 100;
    public const int SeriesMaxLength = 50;
    public const int PartnerMaxLength = 100;
    public const int NoteMaxLength = 500;
    public const int MaxParticipants = 100_000;

    private Activity()
    {
        Title = "";
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    public DateOnly Date { get; private set; }

    public string Title { get; private set; }

    public string? Series { get; private set; }

    public ActivityCategory Category { get; private set; }

    public int Participants { get; private set; }

    public string? Partner { get; private set; }

    public bool IsOnline { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The stored photos' file names, '|'-separated (names are 32 hex digits and an extension).</summary>
    public string? PhotoFiles { get; private set; }

    public IReadOnlyList<string> Photos => PhotoFiles is { Length: > 0 } files ? files.Split('|') : [];

    public static Activity Create(Unit unit, ActivityDetails details, DateOnly today)
    {
        var activity = new Activity { Unit = unit, UnitId = unit.Id };
        activity.Apply(details, today);
        return activity;
    }

    public void Update(ActivityDetails details, DateOnly today)
    {
        DemandNotVoided();
        Apply(details, today);
        Version++;
    }

    /// <summary>Adds a stored photo; at most <see cref="MaxPhotos"/>.</summary>
    public void AddPhoto(string fileName)
    {
        DemandNotVoided();
        if (Photos.Count >= MaxPhotos)
        {
            throw new DomainException(ErrorCodes.ActivityTooManyPhotos, "Photos", MaxPhotos);
        }

        PhotoFiles = string.Join('|', [.. Photos, fileName]);
        Version++;
    }

    /// <returns>Whether the activity had the photo.</returns>
    public bool RemovePhoto(string fileName)
    {
        DemandNotVoided();
        var kept = Photos.Where(p => p != fileName).ToList();
        if (kept.Count == Photos.Count)
        {
            return false;
        }

        PhotoFiles = kept.Count == 0 ? null : string.Join('|', kept);
        Version++;
        return true;
    }

    private void Apply(ActivityDetails d, DateOnly today)
    {
        if (d.Date > today)
        {
            throw new DomainException(ErrorCodes.ActivityInFuture, nameof(Date));
        }

        if (Unit.OpenedOn is { } opened && d.Date < opened)
        {
            throw new DomainException(ErrorCodes.ActivityBeforeOpening, nameof(Date), Unit.Name, opened.ToString("yyyy-MM-dd"));
        }

        if (d.Participants is < 0 or > MaxParticipants)
        {
            throw new DomainException(ErrorCodes.ActivityParticipantsOutOfRange, nameof(Participants), MaxParticipants);
        }

        if (!Enum.IsDefined(d.Category))
        {
            throw new DomainException(ErrorCodes.Required, nameof(Category));
        }

        Title = Texts.Required(d.Title, TitleMaxLength, nameof(Title));
        Series = Texts.Optional(d.Series, SeriesMaxLength, nameof(Series));
        Partner = Texts.Optional(d.Partner, PartnerMaxLength, nameof(Partner));
        Note = Texts.Optional(d.Note, NoteMaxLength, nameof(Note));
        Date = d.Date;
        Category = d.Category;
        Participants = d.Participants;
        IsOnline = d.IsOnline;
    }
}

public sealed record ActivityDetails(
    DateOnly Date,
    string Title,
    ActivityCategory Category,
    int Participants,
    string? Series = null,
    string? Partner = null,
    bool IsOnline = false,
    string? Note = null);
