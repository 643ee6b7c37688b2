using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Resources;

public enum ResourceCategory
{
    Collection = 0,
    Periodicals = 1,

    /// <summary>Not for new items: a unit's seats are kept in its profile (<see cref="Unit.Seats"/>), the one place the portal reads them from.</summary>
    Seats = 2,

    /// <summary>Computers for the public (电子阅览); counted by the checklist rule <see cref="StandardRule.PublicComputers"/>.</summary>
    Computers = 3,

    /// <summary>Not for new items: a unit's floor area is kept in its profile (<see cref="Unit.FloorArea"/>).</summary>
    Area = 4,
    Equipment = 5,
}

/// <summary>Something a unit has: volumes, periodicals, public computers or an equipment item (seats and area are in its profile).</summary>
public sealed class ResourceItem : VoidableRecord
{
    public const int NameMaxLength = 100;
    public const int MeasureMaxLength = 20;
    public const decimal MaxQuantity = 10_000_000;

    private ResourceItem()
    {
        Name = "";
        MeasureUnit = "";
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    public ResourceCategory Category { get; private set; }

    public string Name { get; private set; }

    public decimal Quantity { get; private set; }

    public string MeasureUnit { get; private set; }

    public DateOnly? AcquiredOn { get; private set; }

    public int? GrantId { get; private set; }

    public Grant? Grant { get; private set; }

    public static ResourceItem Create(Unit unit, ResourceDetails details, Grant? grant, DateOnly today)
    {
        var item = new ResourceItem();
        item.Apply(unit, details, grant, today);
        return item;
    }

    /// <summary>Corrects an item (its unit, category, name, quantity, measure, date or grant).</summary>
    public void Update(Unit unit, ResourceDetails details, Grant? grant, DateOnly today)
    {
        DemandNotVoided();
        Apply(unit, details, grant, today);
        Version++;
    }

    private void Apply(Unit unit, ResourceDetails details, Grant? grant, DateOnly today)
    {
        if (details.Category is ResourceCategory.Seats or ResourceCategory.Area)
        {
            throw new DomainException(ErrorCodes.ResourceKeptInProfile, nameof(details.Category));
        }

        if (details.Quantity < 0 || details.Quantity > MaxQuantity || decimal.Round(details.Quantity, 2) != details.Quantity)
        {
            throw new DomainException(ErrorCodes.ResourceQuantityOutOfRange, nameof(details.Quantity));
        }

        if (details.AcquiredOn > today)
        {
            throw new DomainException(ErrorCodes.DateInFuture, nameof(details.AcquiredOn));
        }

        Name = Texts.Required(details.Name, NameMaxLength, nameof(Name));
        MeasureUnit = Texts.Required(details.MeasureUnit, MeasureMaxLength, nameof(MeasureUnit));
        Unit = unit;
        UnitId = unit.Id;
        Category = details.Category;
        Quantity = details.Quantity;
        AcquiredOn = details.AcquiredOn;
        Grant = grant;
        GrantId = grant?.Id;
    }
}

public sealed record ResourceDetails(ResourceCategory Category, string Name, decimal Quantity, string MeasureUnit, DateOnly? AcquiredOn = null, int? GrantId = null);

/// <summary>A book delivery (图书配送) from the head library to a branch or service point.</summary>
public sealed class Delivery : VoidableRecord
{
    public const int NoteMaxLength = 200;
    public const int MaxVolumes = 100_000;

    private Delivery()
    {
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    public DateOnly Date { get; private set; }

    public int Volumes { get; private set; }

    /// <summary>How many of the volumes are new books (the rest rotate from elsewhere in the network).</summary>
    public int NewVolumes { get; private set; }

    public string? Note { get; private set; }

    public static Delivery Create(Unit destination, DateOnly date, int volumes, int newVolumes, string? note, DateOnly today)
    {
        var delivery = new Delivery();
        delivery.Apply(destination, date, volumes, newVolumes, note, today);
        return delivery;
    }

    /// <summary>Corrects a delivery (its destination, date, volumes or note).</summary>
    public void Update(Unit destination, DateOnly date, int volumes, int newVolumes, string? note, DateOnly today)
    {
        DemandNotVoided();
        Apply(destination, date, volumes, newVolumes, note, today);
        Version++;
    }

    private void Apply(Unit destination, DateOnly date, int volumes, int newVolumes, string? note, DateOnly today)
    {
        if (destination.Kind == UnitKind.HeadLibrary)
        {
            throw new DomainException(ErrorCodes.DeliveryToHeadLibrary, "UnitCode");
        }

        if (destination.Status == UnitStatus.Closed)
        {
            throw new DomainException(ErrorCodes.DeliveryToClosedUnit, "UnitCode", destination.Name);
        }

        if (volumes is <= 0 or > MaxVolumes)
        {
            throw new DomainException(ErrorCodes.DeliveryVolumesOutOfRange, nameof(Volumes), MaxVolumes);
        }

        if (newVolumes < 0 || newVolumes > volumes)
        {
            throw new DomainException(ErrorCodes.DeliveryNewOutOfRange, nameof(NewVolumes));
        }

        if (date > today)
        {
            throw new DomainException(ErrorCodes.DateInFuture, nameof(Date));
        }

        Note = Texts.Optional(note, NoteMaxLength, nameof(Note));
        Unit = destination;
        UnitId = destination.Id;
        Date = date;
        Volumes = volumes;
        NewVolumes = newVolumes;
    }
}

public enum GrantStatus
{
    Planned = 0,
    InProgress = 1,
    Completed = 2,
    Accepted = 3,
}

/// <summary>A funding project (专项经费): where the money came from, for what, and how far the work is.</summary>
public sealed class Grant : VoidableRecord
{
    public const int TitleMaxLength = 100;
    public const int SourceMaxLength = 60;
    public const int PurposeMaxLength = 500;
    public const decimal MaxAmount = 1_000_000_000;

    private readonly List<Unit> _units = [];

    private Grant()
    {
        Title = "";
        Source = "";
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    public string Source { get; private set; }

    /// <summary>Yuan, two decimals at most.</summary>
    public decimal Amount { get; private set; }

    public int Year { get; private set; }

    public string? Purpose { get; private set; }

    public GrantStatus Status { get; private set; }

    public DateOnly? StartedOn { get; private set; }

    public DateOnly? CompletedOn { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }

    public IReadOnlyList<Unit> Units => _units;

    public static Grant Create(GrantDetails details, IReadOnlyList<Unit> units)
    {
        var grant = new Grant();
        grant.Apply(details, units);
        return grant;
    }

    public void Update(GrantDetails details, IReadOnlyList<Unit> units)
    {
        DemandNotVoided();
        Apply(details, units);
        Version++;
    }

    private void Apply(GrantDetails d, IReadOnlyList<Unit> units)
    {
        if (d.Amount < 0 || d.Amount > MaxAmount)
        {
            throw new DomainException(ErrorCodes.GrantAmountOutOfRange, nameof(Amount));
        }

        if (decimal.Round(d.Amount, 2) != d.Amount)
        {
            throw new DomainException(ErrorCodes.GrantAmountTooPrecise, nameof(Amount));
        }

        if (d.Year is < 1949 or > 2100)
        {
            throw new DomainException(ErrorCodes.BatchYearOutOfRange, nameof(Year));
        }

        if (d.CompletedOn < d.StartedOn || d.AcceptedOn < d.CompletedOn)
        {
            throw new DomainException(ErrorCodes.GrantDatesOutOfOrder, nameof(CompletedOn));
        }

        Title = Texts.Required(d.Title, TitleMaxLength, nameof(Title));
        Source = Texts.Required(d.Source, SourceMaxLength, nameof(Source));
        Purpose = Texts.Optional(d.Purpose, PurposeMaxLength, nameof(Purpose));
        Amount = d.Amount;
        Year = d.Year;
        Status = d.Status;
        StartedOn = d.StartedOn;
        CompletedOn = d.CompletedOn;
        AcceptedOn = d.AcceptedOn;
        _units.Clear();
        _units.AddRange(units);
    }
}

public sealed record GrantDetails(
    string Title,
    string Source,
    decimal Amount,
    int Year,
    GrantStatus Status,
    string? Purpose = null,
    DateOnly? StartedOn = null,
    DateOnly? CompletedOn = null,
    DateOnly? AcceptedOn = null,
    IReadOnlyList<string>? UnitCodes = null);

/// <summary>
/// What the portal measures for a checklist item (see <see cref="StandardRules"/>). <see cref="None"/>: the item is met
/// by evidence (a note and a photo) that someone records.
/// </summary>
public enum StandardRule
{
    None = 0,

    /// <summary>A plaque date is recorded (on or before the end of the year).</summary>
    Plaqued = 1,

    /// <summary>The profile's weekly opening hours ≥ N.</summary>
    WeeklyOpeningHours = 2,

    /// <summary>The profile's reading seats ≥ N.</summary>
    Seats = 3,

    /// <summary>The profile's floor area (m²) ≥ N.</summary>
    FloorArea = 4,

    /// <summary>Resource items of the category <see cref="ResourceCategory.Computers"/> (public computers) ≥ N.</summary>
    PublicComputers = 5,

    /// <summary>Collection items plus every volume delivered, by the end of the year ≥ N.</summary>
    Volumes = 6,

    /// <summary>Learning hours credited to the unit's staff in the year ≥ N.</summary>
    StaffLearningHours = 7,

    /// <summary>Monthly reports submitted by their due day ≥ N % of the year's due months.</summary>
    ReportsOnTime = 8,
}

/// <summary>An item of the standards checklist that administrators define (统一标识牌, opening hours…).</summary>
public sealed class StandardItem
{
    public const int NameMaxLength = 100;
    public const decimal MaxThreshold = 10_000_000;

    private StandardItem()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int SortOrder { get; private set; }

    /// <summary>What the portal measures; <see cref="StandardRule.None"/> for an item met by recorded evidence.</summary>
    public StandardRule Rule { get; private set; }

    /// <summary>The line N of the rule (hours, seats, m², computers, volumes, learning hours or a percentage); null for None and Plaqued.</summary>
    public decimal? Threshold { get; private set; }

    public bool IsMeasured => Rule != StandardRule.None;

    public static StandardItem Create(string name, int sortOrder, StandardRule rule = StandardRule.None, decimal? threshold = null)
    {
        var item = new StandardItem { SortOrder = sortOrder };
        item.Apply(name, rule, threshold);
        return item;
    }

    /// <summary>Renames an item, changes what it measures, or takes it off the checklist (kept, with the evidence recorded for it).</summary>
    public void Update(string name, StandardRule rule, decimal? threshold, bool isActive)
    {
        Apply(name, rule, threshold);
        IsActive = isActive;
    }

    private void Apply(string name, StandardRule rule, decimal? threshold)
    {
        if (!Enum.IsDefined(rule))
        {
            throw new DomainException(ErrorCodes.StandardRuleUnknown, nameof(Rule));
        }

        var takesThreshold = rule is not (StandardRule.None or StandardRule.Plaqued);
        if (takesThreshold != threshold.HasValue)
        {
            throw new DomainException(takesThreshold ? ErrorCodes.StandardThresholdRequired : ErrorCodes.StandardThresholdNotApplicable, nameof(Threshold));
        }

        var max = rule == StandardRule.ReportsOnTime ? 100 : MaxThreshold;
        if (threshold is { } n && (n <= 0 || n > max || decimal.Round(n, 2) != n))
        {
            throw new DomainException(ErrorCodes.StandardThresholdOutOfRange, nameof(Threshold), max);
        }

        Name = Texts.Required(name, NameMaxLength, nameof(Name));
        Rule = rule;
        Threshold = threshold;
    }
}

/// <summary>Whether a unit meets one checklist item, with the evidence: a note and a photo.</summary>
public sealed class UnitStandard
{
    public const int NoteMaxLength = 300;

    private UnitStandard()
    {
    }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    public int ItemId { get; private set; }

    public StandardItem Item { get; private set; } = default!;

    public bool Met { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The stored photo's file name (generated, never the uploader's).</summary>
    public string? Photo { get; private set; }

    public int Version { get; private set; }

    public static UnitStandard Start(Unit unit, StandardItem item) => new() { Unit = unit, UnitId = unit.Id, Item = item, ItemId = item.Id };

    /// <param name="met">Whether the unit meets the item; ignored (kept false) for a measured item, whose verdict is computed.</param>
    public void Set(bool met, string? note, string? photo)
    {
        Met = met && !Item.IsMeasured;
        Note = Texts.Optional(note, NoteMaxLength, nameof(Note));
        Photo = photo ?? Photo;
        Version++;
    }
}
