using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Figures;

public sealed record IndicatorInfo(
    int Id,
    string Code,
    string NameZh,
    string NameEn,
    string MeasureUnit,
    bool IsDecimal,
    decimal Minimum,
    decimal Maximum,
    IndicatorScope AppliesTo,
    string? NationalCode,
    string? PlsCode,
    bool IsStandard,
    bool IsActive,
    int Version,
    IndicatorFrequency Frequency = IndicatorFrequency.Monthly)
{
    internal static IndicatorInfo Of(Indicator i) => new(i.Id, i.Code, i.NameZh, i.NameEn, i.MeasureUnit, i.IsDecimal, i.Minimum, i.Maximum,
        i.AppliesTo, i.NationalCode, i.PlsCode, i.IsStandard, i.IsActive, i.Version, i.Frequency);

    public bool AppliesToKind(UnitKind kind) => AppliesTo.Includes(kind);

    public bool IsAnnual => Frequency == IndicatorFrequency.Annual;

    public bool IsDueIn(UnitKind kind, Period period) => AppliesToKind(kind) && Frequency.Includes(period);
}

/// <summary>
/// One indicator of one unit in the entry form: the value, what it is compared with, its flags, and the reviewer's
/// comment on it while the report is returned.
/// </summary>
public sealed record EntryCell(
    string IndicatorCode,
    decimal? Value,
    string? Explanation,
    decimal? LastMonth,
    decimal? LastYear,
    IReadOnlyList<AnomalyFlag> Flags,
    string? ReviewerNote = null);

/// <summary>One unit's report in the entry form.</summary>
public sealed record EntryUnit(
    string UnitCode,
    string UnitName,
    UnitKind Kind,
    ReportState? State,
    int Revision,
    int Version,
    string? Comment,
    MonthClosure Closure,
    bool Reportable,
    IReadOnlyList<EntryCell> Cells,
    ActivityMonth? Activities = null,
    int ReturnCount = 0)
{
    public bool IsEditable => Reportable && State is null or ReportState.Draft or ReportState.Returned;
}

/// <summary>A branch's month: the branch and its service points × the indicators that apply.</summary>
public sealed record EntrySheet(Period Period, string BranchCode, string BranchName, DateOnly DueOn, IReadOnlyList<IndicatorInfo> Indicators, IReadOnlyList<EntryUnit> Units);

/// <summary>What saving one value changed: the report's new version and state, and the value's flags.</summary>
public sealed record SavedValue(int Version, ReportState State, IReadOnlyList<AnomalyFlag> Flags);

/// <summary>
/// What became of a value typed against an earlier state of its report: saved (<see cref="Saved"/>, with the report's new
/// version, state and the value's flags), or refused because someone changed it meanwhile: then <see cref="Theirs"/> is
/// what the report holds now, at <see cref="Version"/>.
/// </summary>
public sealed record TypedValueOutcome(bool Saved, int Version, ReportState State, IReadOnlyList<AnomalyFlag> Flags, decimal? Theirs = null, string? TheirExplanation = null);

/// <summary>A submitted report waiting for review, with the return of this revision it answers, if any.</summary>
public sealed record ReviewItem(
    string UnitCode,
    string UnitName,
    string? BranchName,
    Period Period,
    int Revision,
    int Version,
    DateTime? SubmittedAtUtc,
    string? SubmittedBy,
    bool SubmittedLate,
    IReadOnlyList<ReviewValue> Values,
    ReturnRecord? LastReturn = null)
{
    public bool IsFlagged => Values.Any(v => v.Flags.Count > 0 || v.NewFlags.Count > 0);
}

/// <summary>
/// A value under review with the flags it was submitted with (those the submitter saw and explained), and flags that
/// the history raises only now (a later change of other months) marked apart as new.
/// </summary>
/// <summary>A value under review, with last month's and the same month last year's counted in the same unit.</summary>
public sealed record ReviewValue(string IndicatorCode, decimal? Value, string? Explanation, IReadOnlyList<AnomalyFlag> Flags, IReadOnlyList<AnomalyFlag> NewFlags,
    decimal? LastMonth = null, decimal? LastYear = null)
{
    internal static ReviewValue Of(ReportValue value, IReadOnlyList<AnomalyFlag> current, decimal? lastMonth, decimal? lastYear)
    {
        var kept = value.FlagsAtSubmit ?? current;
        return new ReviewValue(value.Indicator.Code, value.Value, value.Explanation, kept, current.Where(f => kept.All(k => k.Code != f.Code)).ToList(),
            lastMonth, lastYear);
    }
}

public enum BoardState
{
    NotDue,
    Missing,
    Overdue,
    Draft,
    Submitted,
    Returned,
    Approved,
    NotOpen,

    /// <summary>In a recorded closure for the whole month: not missing.</summary>
    Closed,
}

public sealed record BoardCell(Period Period, BoardState State, bool Late);

public sealed record BoardRow(string UnitCode, string UnitName, UnitKind Kind, string? ParentCode, IReadOnlyList<BoardCell> Cells);

public sealed record RevisionRecord(int Revision, IReadOnlyDictionary<string, decimal?> Values, DateTime? ApprovedAtUtc, string? ApprovedBy, string Reason, string SupersededBy, DateTime SupersededAtUtc);

/// <summary>
/// One return of a report: the comment on the report and, by indicator code, on single values. Open while the report
/// is still returned; answered once it is submitted again.
/// </summary>
public sealed record ReturnRecord(int Revision, string Comment, string ReturnedBy, DateTime ReturnedAtUtc, IReadOnlyDictionary<string, string> Notes, bool IsOpen)
{
    internal static ReturnRecord Of(ReportReturn r, bool isOpen) =>
        new(r.Revision, r.Comment, r.ReturnedBy, r.ReturnedAtUtc, r.Notes.ToDictionary(n => n.Indicator.Code, n => n.Text), isOpen);
}

/// <summary>What a report went through: the approved revisions that corrections superseded, and every return.</summary>
public sealed record ReportHistory(IReadOnlyList<RevisionRecord> Revisions, IReadOnlyList<ReturnRecord> Returns)
{
    public static readonly ReportHistory Empty = new([], []);
}

/// <summary>The review queue's filters; empty ones let everything through.</summary>
/// <param name="BranchCode">A branch: its own reports and its service points'.</param>
/// <param name="FlaggedOnly">Only reports submitted with a flagged (and so explained) value.</param>
public sealed record ReviewFilter(string? BranchCode = null, Period? Month = null, bool FlaggedOnly = false)
{
    public static readonly ReviewFilter None = new();
}

/// <summary>A page of the review queue; <paramref name="FlaggedAtSubmit"/> counts the filtered queue's reports submitted with a flag.</summary>
public sealed record ReviewQueue(Page<ReviewItem> Page, int FlaggedAtSubmit)
{
    /// <summary>The reports "approve all unflagged" may approve (fewer if later months raised new flags).</summary>
    public int Candidates => Page.Total - FlaggedAtSubmit;
}

/// <summary>How far "approve all unflagged" has got: reports checked and approved of those queued when it began.</summary>
public sealed record ApprovalProgress(int Total, int Checked, int Approved)
{
    /// <summary>0..100 for a progress bar (reports submitted meanwhile can push the count past the start's total).</summary>
    public double Percent => Total == 0 ? 100 : Math.Min(100, 100.0 * Checked / Total);
}
