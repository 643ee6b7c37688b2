using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Figures;

public enum ReportState
{
    Draft = 0,
    Submitted = 1,
    Returned = 2,
    Approved = 3,
}

/// <summary>
/// A unit's figures for one month (月报): Draft → Submitted → Approved, or Submitted → Returned (with a comment) →
/// Submitted again. An approved report changes only by a new revision with a reason; every approved revision is kept.
/// </summary>
public sealed class MonthlyReport
{
    public const int CommentMaxLength = 500;
    public const int ExplanationMaxLength = 200;
    public const int ReturnNoteMaxLength = 200;

    private readonly List<ReportValue> _values = [];
    private readonly List<ReportRevision> _revisions = [];
    private readonly List<ReportReturn> _returns = [];

    private MonthlyReport()
    {
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public Unit Unit { get; private set; } = default!;

    /// <summary>yyyymm (<see cref="Figures.Period.Key"/>).</summary>
    public int PeriodKey { get; private set; }

    public Period Period => Period.FromKey(PeriodKey);

    public ReportState State { get; private set; }

    /// <summary>1 for the first approval; each correction of an approved report adds one.</summary>
    public int Revision { get; private set; } = 1;

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    /// <summary>Why the reviewer returned it, or why an approved report is being corrected.</summary>
    public string? Comment { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ReportValue> Values => _values;

    public IReadOnlyList<ReportRevision> Revisions => _revisions;

    /// <summary>Every time the report was returned, with the reviewer's comments on single values; kept for ever.</summary>
    public IReadOnlyList<ReportReturn> Returns => _returns;

    public static MonthlyReport Start(Unit unit, Period period) =>
        new() { Unit = unit, UnitId = unit.Id, PeriodKey = period.Key, State = ReportState.Draft };

    public bool IsEditable => State is ReportState.Draft or ReportState.Returned;

    public ReportValue? ValueOf(int indicatorId) => _values.FirstOrDefault(v => v.IndicatorId == indicatorId);

    /// <summary>Sets one value (null clears it) and its explanation; only while the report is editable.</summary>
    public void SetValue(Indicator indicator, decimal? value, string? explanation)
    {
        if (!IsEditable)
        {
            throw new DomainException(ErrorCodes.ReportNotEditable, null, Period.ToString());
        }

        if (value is { } v)
        {
            indicator.CheckValue(v, indicator.Code);
        }

        var text = Texts.Optional(explanation, ExplanationMaxLength, indicator.Code);

        var existing = ValueOf(indicator.Id);
        if (existing is null)
        {
            _values.Add(new ReportValue(indicator, value, string.IsNullOrEmpty(text) ? null : text));
        }
        else
        {
            existing.Set(value, string.IsNullOrEmpty(text) ? null : text);
        }

        Version++;
    }

    /// <param name="flags">The anomaly flags of each value as the submitter saw and explained them; kept with this revision for the reviewer.</param>
    public void Submit(string by, DateTime atUtc, IReadOnlyDictionary<int, IReadOnlyList<AnomalyFlag>> flags)
    {
        if (!IsEditable)
        {
            throw new DomainException(ErrorCodes.ReportNotEditable, null, Period.ToString());
        }

        foreach (var value in _values)
        {
            value.KeepFlags(flags.GetValueOrDefault(value.IndicatorId) ?? []);
        }

        State = ReportState.Submitted;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        Version++;
    }

    /// <summary>Takes a submitted report back to a draft before anyone reviewed it (the submitter saw a mistake).</summary>
    public void Withdraw()
    {
        RequireState(ReportState.Submitted);
        State = ReportState.Draft;
        SubmittedBy = null;
        SubmittedAtUtc = null;
        Version++;
    }

    public void Approve(string by, DateTime atUtc)
    {
        RequireState(ReportState.Submitted);
        State = ReportState.Approved;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Comment = null;
        Version++;
    }

    /// <param name="notes">The reviewer's comment on single values, by indicator code; empty ones are left out.</param>
    public void Return(string comment, IReadOnlyDictionary<string, string?> notes, string by, DateTime atUtc)
    {
        RequireState(ReportState.Submitted);
        var why = Texts.Required(comment, CommentMaxLength, nameof(Comment));
        var kept = new List<ReturnNote>();
        foreach (var (code, text) in notes)
        {
            var value = _values.FirstOrDefault(v => v.Indicator.Code == code)
                ?? throw new DomainException(ErrorCodes.ReturnNoteForeignIndicator, code, code, Period.ToString());
            if (Texts.Optional(text, ReturnNoteMaxLength, code) is { } note)
            {
                kept.Add(new ReturnNote(value.Indicator, note));
            }
        }

        State = ReportState.Returned;
        Comment = why;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        _returns.Add(new ReportReturn(Revision, why, by, atUtc, kept));
        Version++;
    }

    /// <summary>
    /// Opens an approved report for a correction: the approved values are kept as a revision and the report becomes
    /// a draft of the next revision, to be submitted and reviewed again.
    /// </summary>
    public void StartCorrection(string reason, string by, DateTime atUtc)
    {
        RequireState(ReportState.Approved);
        var why = Texts.Required(reason, CommentMaxLength, nameof(Comment));
        _revisions.Add(ReportRevision.Of(this, why, by, atUtc));
        Revision++;
        State = ReportState.Draft;
        Comment = why;
        Version++;
    }

    /// <summary>
    /// Imports replace the values and land as submitted (or approved by head staff who chose so) — or stay a draft when
    /// <paramref name="flags"/> holds a flagged value, which only the entry form can explain.
    /// </summary>
    public void ReplaceByImport(IReadOnlyList<(Indicator Indicator, decimal Value)> values, IReadOnlyDictionary<int, IReadOnlyList<AnomalyFlag>> flags,
        bool approve, string by, DateTime atUtc)
    {
        if (State == ReportState.Approved)
        {
            throw new DomainException(ErrorCodes.ReportAlreadyApproved, null, Period.ToString());
        }

        foreach (var (indicator, value) in values)
        {
            SetValue(indicator, value, ValueOf(indicator.Id)?.Explanation);
        }

        if (flags.Any(f => f.Value.Count > 0 && ValueOf(f.Key)?.Explanation is null))
        {
            return;
        }

        Submit(by, atUtc, flags);
        if (approve)
        {
            Approve(by, atUtc);
        }
    }

    private void RequireState(ReportState state)
    {
        if (State != state)
        {
            throw new DomainException(ErrorCodes.ReportWrongState, null, Period.ToString());
        }
    }
}

/// <summary>One indicator's value in a report, with the submitter's explanation of a flagged value.</summary>
public sealed class ReportValue
{
    private ReportValue()
    {
    }

    internal ReportValue(Indicator indicator, decimal? value, string? explanation)
    {
        Indicator = indicator;
        IndicatorId = indicator.Id;
        Value = value;
        Explanation = explanation;
    }

    public int ReportId { get; private set; }

    public int IndicatorId { get; private set; }

    public Indicator Indicator { get; private set; } = default!;

    public decimal? Value { get; private set; }

    public string? Explanation { get; private set; }

    /// <summary>The flags the value carried when its report was last submitted (JSON); null before the first submission.</summary>
    public string? SubmittedFlags { get; private set; }

    public IReadOnlyList<AnomalyFlag>? FlagsAtSubmit => SubmittedFlags is null ? null : ParseFlags(SubmittedFlags);

    internal void Set(decimal? value, string? explanation)
    {
        Value = value;
        Explanation = explanation;
    }

    internal void KeepFlags(IReadOnlyList<AnomalyFlag> flags) => SubmittedFlags = FormatFlags(flags);

    internal static string FormatFlags(IReadOnlyList<AnomalyFlag> flags) => System.Text.Json.JsonSerializer.Serialize(flags);

    private static IReadOnlyList<AnomalyFlag> ParseFlags(string json) => System.Text.Json.JsonSerializer.Deserialize<List<AnomalyFlag>>(json) ?? [];
}

/// <summary>An approved state of a report that a correction superseded; kept for ever.</summary>
public sealed class ReportRevision
{
    private ReportRevision()
    {
        ValuesJson = "";
        Reason = "";
        SupersededBy = "";
    }

    public int Id { get; private set; }

    public int ReportId { get; private set; }

    public int Revision { get; private set; }

    /// <summary>{ indicator code: value } as approved.</summary>
    public string ValuesJson { get; private set; }

    public DateTime? ApprovedAtUtc { get; private set; }

    public string? ApprovedBy { get; private set; }

    public string Reason { get; private set; }

    public string SupersededBy { get; private set; }

    public DateTime SupersededAtUtc { get; private set; }

    internal static ReportRevision Of(MonthlyReport report, string reason, string by, DateTime atUtc) => new()
    {
        Revision = report.Revision,
        ValuesJson = System.Text.Json.JsonSerializer.Serialize(
            report.Values.Where(v => v.Value is not null).ToDictionary(v => v.Indicator.Code, v => v.Value)),
        ApprovedAtUtc = report.ReviewedAtUtc,
        ApprovedBy = report.ReviewedBy,
        Reason = reason,
        SupersededBy = by,
        SupersededAtUtc = atUtc,
    };
}

/// <summary>
/// One return of a report: the comment on the whole report and on single values, on the revision it was made on. It
/// is open while the report stays returned; the next submission answers it, and it stays in the report's history.
/// </summary>
public sealed class ReportReturn
{
    private readonly List<ReturnNote> _notes = [];

    private ReportReturn()
    {
        Comment = "";
        ReturnedBy = "";
    }

    internal ReportReturn(int revision, string comment, string by, DateTime atUtc, List<ReturnNote> notes)
    {
        Revision = revision;
        Comment = comment;
        ReturnedBy = by;
        ReturnedAtUtc = atUtc;
        _notes = notes;
    }

    public int Id { get; private set; }

    public int ReportId { get; private set; }

    public int Revision { get; private set; }

    public string Comment { get; private set; }

    public string ReturnedBy { get; private set; }

    public DateTime ReturnedAtUtc { get; private set; }

    public IReadOnlyList<ReturnNote> Notes => _notes;
}

/// <summary>The reviewer's comment on one value of a returned report.</summary>
public sealed class ReturnNote
{
    private ReturnNote()
    {
        Text = "";
    }

    internal ReturnNote(Indicator indicator, string text)
    {
        Indicator = indicator;
        IndicatorId = indicator.Id;
        Text = text;
    }

    public int ReturnId { get; private set; }

    public int IndicatorId { get; private set; }

    public Indicator Indicator { get; private set; } = default!;

    public string Text { get; private set; }
}
