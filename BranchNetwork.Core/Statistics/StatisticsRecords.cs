using BranchNetwork.Core.Figures;

namespace BranchNetwork.Core.Statistics;

public sealed record MissingMonth(Period Month, MonthStanding Standing);

/// <summary>A unit that keeps a field from being complete: its months not approved (a profile field not filled: no months).</summary>
public sealed record MissingUnit(string Code, string Name, IReadOnlyList<MissingMonth> Months);

/// <summary>
/// How complete a field taken from the monthly reports is: of the units due in the year, how many have approved figures
/// for every month they were due (a recorded closure is not missing); of the year's months, how many every due unit has
/// approved; and what is still provisional (submitted, not reviewed: outside the value).
/// </summary>
public sealed record FieldCompleteness(int DueUnits, int CompleteUnits, int Months, int CompleteMonths, decimal Provisional, IReadOnlyList<MissingUnit> Missing)
{
    public bool IsComplete => DueUnits == CompleteUnits && Months == CompleteMonths;
}

public sealed record OverrideInfo(int Id, int Version, decimal Value, string Reason, string SetBy, DateTime SetAtUtc);

/// <summary>
/// One field of the return as filled: the value the portal computed (null: it cannot, or the December report is not
/// due yet), how complete that is, how many records it counted, and the override that replaces it, if any.
/// </summary>
/// <param name="Records">What the value counted: units, staff, activity or grant records; for a profile sum, the units that have the field filled.</param>
/// <param name="Of">For a profile sum, the units open at the year's end; otherwise equal to <paramref name="Records"/>.</param>
public sealed record FilledField(ReturnField Field, decimal? Computed, FieldCompleteness? Completeness, int Records, int Of, OverrideInfo? Override)
{
    public decimal? Value => Override?.Value ?? Computed;

    public bool IsOverridden => Override is not null;

    /// <summary>Nothing to print: the field lies outside the portal (请手工填写) or its December report is not due yet.</summary>
    public bool IsBlank => Value is null;

    public IReadOnlyList<MissingUnit> Missing => Completeness?.Missing ?? [];
}

/// <summary>
/// The annual statistical return of the county as the portal fills it, approved figures only.
/// <paramref name="LastMonth"/> is the last month of the year that has ended; <paramref name="YearEnded"/> whether December has.
/// </summary>
public sealed record StatisticsReturn(int Year, bool HasApprovedFigures, Period LastMonth, bool YearEnded, IReadOnlyList<FilledField> Fields);
