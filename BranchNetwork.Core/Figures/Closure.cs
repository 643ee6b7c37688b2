using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Figures;

/// <summary>A period in which a unit, or the whole network, was closed (闭馆); the anomaly checks expect zeros then.</summary>
public sealed class Closure : VoidableRecord
{
    public const int ReasonMaxLength = 200;

    private Closure()
    {
        Reason = "";
    }

    public int Id { get; private set; }

    /// <summary>Null: the whole network was closed.</summary>
    public int? UnitId { get; private set; }

    public Unit? Unit { get; private set; }

    public DateOnly StartsOn { get; private set; }

    /// <summary>The last closed day.</summary>
    public DateOnly EndsOn { get; private set; }

    public string Reason { get; private set; }

    public static Closure Create(Unit? unit, DateOnly startsOn, DateOnly endsOn, string reason)
    {
        var closure = new Closure();
        closure.Apply(unit, startsOn, endsOn, reason);
        return closure;
    }

    /// <summary>Corrects a closure (whose, when, why).</summary>
    public void Update(Unit? unit, DateOnly startsOn, DateOnly endsOn, string reason)
    {
        DemandNotVoided();
        Apply(unit, startsOn, endsOn, reason);
        Version++;
    }

    private void Apply(Unit? unit, DateOnly startsOn, DateOnly endsOn, string reason)
    {
        if (endsOn < startsOn)
        {
            throw new DomainException(ErrorCodes.ClosureEndsBeforeStart, nameof(EndsOn));
        }

        Reason = Texts.Required(reason, ReasonMaxLength, nameof(Reason));
        Unit = unit;
        UnitId = unit?.Id;
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    public bool Covers(int unitId, DateOnly day) => (UnitId is null || UnitId == unitId) && day >= StartsOn && day <= EndsOn;
}

/// <summary>How much of a month a unit was closed.</summary>
public enum MonthClosure
{
    Open,
    PartlyClosed,
    Closed,
}

public static class ClosureCalendar
{
    public static MonthClosure For(IEnumerable<Closure> closures, int unitId, Period period)
    {
        var relevant = closures.Where(c => (c.UnitId is null || c.UnitId == unitId) && c.StartsOn <= period.LastDay && c.EndsOn >= period.FirstDay).ToList();
        if (relevant.Count == 0)
        {
            return MonthClosure.Open;
        }

        var allDaysClosed = Enumerable.Range(0, period.LastDay.Day)
            .Select(d => period.FirstDay.AddDays(d))
            .All(day => relevant.Any(c => c.Covers(unitId, day)));
        return allDaysClosed ? MonthClosure.Closed : MonthClosure.PartlyClosed;
    }
}
