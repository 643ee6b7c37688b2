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

    public Period AddMonths(int months)
    {
        var d = FirstDay.AddMonths(months);
        return new Period(d.Year, d.Month);
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
