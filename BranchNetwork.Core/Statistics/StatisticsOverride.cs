using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Statistics;

/// <summary>
/// A value of the statistical return set by hand for what lies outside the portal (the head library's own figures, a
/// figure the bureau corrected), always with its reason. It replaces the computed value in every output, marked as
/// such; removing it voids it, so the trail keeps what was sent.
/// </summary>
public sealed class StatisticsOverride : VoidableRecord
{
    public const int ReasonMaxLength = 300;
    public const int SetByMaxLength = 300;
    public const decimal MaxValue = 1_000_000_000_000;

    private StatisticsOverride()
    {
        FieldCode = "";
        Reason = "";
        SetBy = "";
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>The field's code on the form (<see cref="ReturnField.Code"/>).</summary>
    public string FieldCode { get; private set; }

    public decimal Value { get; private set; }

    public string Reason { get; private set; }

    /// <summary>Who set the value last, as the audit trail names them.</summary>
    public string SetBy { get; private set; }

    public DateTime SetAtUtc { get; private set; }

    public static StatisticsOverride Create(int year, ReturnField field, decimal value, string? reason, string by, DateTime atUtc)
    {
        var entry = new StatisticsOverride { Year = year, FieldCode = field.Code };
        entry.Apply(field, value, reason, by, atUtc);
        return entry;
    }

    public void Change(ReturnField field, decimal value, string? reason, string by, DateTime atUtc)
    {
        DemandNotVoided();
        Apply(field, value, reason, by, atUtc);
        Version++;
    }

    private void Apply(ReturnField field, decimal value, string? reason, string by, DateTime atUtc)
    {
        if (value < 0 || value > MaxValue)
        {
            throw new DomainException(ErrorCodes.OverrideOutOfRange, nameof(Value));
        }

        if (!field.IsDecimal && decimal.Truncate(value) != value)
        {
            throw new DomainException(ErrorCodes.OverrideNotWhole, nameof(Value), field.Name);
        }

        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException(ErrorCodes.TooManyDecimals, nameof(Value), 2);
        }

        Reason = Texts.Required(reason, ReasonMaxLength, nameof(Reason));
        Value = value;
        SetBy = by.Length > SetByMaxLength ? by[..SetByMaxLength] : by;
        SetAtUtc = atUtc;
    }
}
