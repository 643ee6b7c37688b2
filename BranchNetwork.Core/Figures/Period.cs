using System.Globalization;
using System.Text.Json.Serialization;

namespace BranchNetwork.Core.Figures;

/// <summary>A calendar month, the period of a monthly report ("2026-10"). Stored as yyyymm; serialised as year and month.</summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    [JsonIgnore]
    public int Key => Year * 100 + Month;

    [JsonIgnore]
    public DateOnly FirstDay => new(Year, Month, 1);

    [JsonIgnore]
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    [JsonIgnore]
    public Period Previous => AddMonths(-1);

    [JsonIgnore]
    public Period SameMonthLastYear => AddMonths(-12);

    public static Period FromKey(int key) => new(key / 100, key % 100);

    public static Period Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    /// <remarks>
    /// Counted on the months since year 0, not through a date: the anomaly checks step back through a unit's history
    /// two dozen times a value. Out of range as the calendar's dates are (a month other than 1–12, a year outside 1–9999).
    /// </remarks>
    public Period AddMonths(int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Month, 1, nameof(Month));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Month, 12, nameof(Month));
        var total = (long)Year * 12 + Month - 1 + months;
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 12L, nameof(months));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, 9999L * 12 + 11, nameof(months));
        return new Period((int)(total / 12), (int)(total % 12) + 1);
    }

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<Period> Range(Period from, Period to)
    {
        for (var p = from; p.CompareTo(to) <= 0; p = p.AddMonths(1))
        {
            yield return p;
        }
    }

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is null
            || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year < 1949 || day.Year > 2200)
        {
            return false;
        }

        period = Of(day);
        return true;
    }

    public int CompareTo(Period other) => Key.CompareTo(other.Key);

    public static bool operator <(Period a, Period b) => a.Key < b.Key;

    public static bool operator >(Period a, Period b) => a.Key > b.Key;

    public static bool operator <=(Period a, Period b) => a.Key <= b.Key;

    public static bool operator >=(Period a, Period b) => a.Key >= b.Key;

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
