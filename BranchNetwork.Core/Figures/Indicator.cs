using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Figures;

/// <summary>Which kinds of unit report an indicator.</summary>
[Flags]
public enum IndicatorScope
{
    None = 0,
    Branch = 1,
    ServicePoint = 2,
    BranchesAndServicePoints = Branch | ServicePoint,
}

/// <summary>How often a unit reports an indicator.</summary>
public enum IndicatorFrequency
{
    Monthly = 0,

    /// <summary>Once a year, on the report of <see cref="Indicator.AnnualMonth"/> (year-end stocks and the year's money).</summary>
    Annual = 1,
}

public static class IndicatorScopeExtensions
{
    public static bool Includes(this IndicatorScope scope, UnitKind kind) => kind switch
    {
        UnitKind.Branch => scope.HasFlag(IndicatorScope.Branch),
        UnitKind.ServicePoint => scope.HasFlag(IndicatorScope.ServicePoint),
        _ => false,
    };

    public static bool Includes(this IndicatorFrequency frequency, Period period) =>
        frequency == IndicatorFrequency.Monthly || period.Month == Indicator.AnnualMonth;
}

/// <summary>
/// One figure a unit reports every month (指标), e.g. visits, or once a year on its December report, e.g. valid library
/// cards. Standard indicators are seeded; administrators add
/// custom ones. An indicator is deactivated, never deleted, so old reports keep their meaning.
/// </summary>
public sealed partial class Indicator
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 60;
    public const int MeasureUnitMaxLength = 20;
    public const int MappingMaxLength = 30;

    /// <summary>
    /// Annual figures travel on the year's last monthly report, due early in January: the same entry, review and
    /// revision workflow, and a year's total of an annual indicator is simply its December value.
    /// </summary>
    public const int AnnualMonth = 12;

    private Indicator()
    {
        Code = "";
        NameZh = "";
        NameEn = "";
        MeasureUnit = "";
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public string MeasureUnit { get; private set; }

    public bool IsDecimal { get; private set; }

    /// <summary>The name in the reader's language, for messages.</summary>
    public BilingualName Name => new(NameZh, NameEn);

    public decimal Minimum { get; private set; }

    public decimal Maximum { get; private set; }

    public IndicatorScope AppliesTo { get; private set; }

    public IndicatorFrequency Frequency { get; private set; }

    /// <summary>The line of the national statistical return it feeds, if any.</summary>
    public string? NationalCode { get; private set; }

    /// <summary>The IMLS Public Libraries Survey element it matches (VISITS, TOTCIR…), if any.</summary>
    public string? PlsCode { get; private set; }

    public bool IsStandard { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int SortOrder { get; private set; }

    public int Version { get; private set; }

    public static Indicator Create(string code, IndicatorDefinition definition, bool isStandard, int sortOrder)
    {
        code = (code ?? "").Trim().ToLowerInvariant();
        if (!CodePattern().IsMatch(code))
        {
            throw new DomainException(ErrorCodes.IndicatorInvalidCode, nameof(Code));
        }

        var indicator = new Indicator { Code = code, IsStandard = isStandard, SortOrder = sortOrder };
        indicator.Apply(definition);
        return indicator;
    }

    public void Update(IndicatorDefinition definition)
    {
        // Reports already hold values at the old frequency; a changed frequency would hide or orphan them.
        if (definition.Frequency != Frequency)
        {
            throw new DomainException(ErrorCodes.IndicatorFrequencyFixed, nameof(definition.Frequency));
        }

        Apply(definition);
        Version++;
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        Version++;
    }

    public bool AppliesToKind(UnitKind kind) => AppliesTo.Includes(kind);

    /// <summary>Whether a unit of this kind reports this indicator on its report of that month.</summary>
    public bool IsDueIn(UnitKind kind, Period period) => AppliesToKind(kind) && Frequency.Includes(period);

    /// <summary>The type and range check every saved value goes through.</summary>
    public void CheckValue(decimal value, string field)
    {
        if (ProblemWith(value) is { } problem)
        {
            throw new DomainException(problem.Code, field, problem.Args);
        }
    }

    /// <summary>
    /// What <see cref="CheckValue"/> would refuse a value for (the error code and its arguments), or null: an import
    /// checks tens of thousands of cells, and an exception per bad one costs more than the whole check of a good one.
    /// </summary>
    public (string Code, object[] Args)? ProblemWith(decimal value) =>
        !IsDecimal && value != decimal.Truncate(value) ? (ErrorCodes.FigureNotWhole, [Name])
        : value < Minimum ? (ErrorCodes.FigureBelowMinimum, [Name, new Bound(Minimum, IsDecimal)])
        : value > Maximum ? (ErrorCodes.FigureAboveMaximum, [Name, new Bound(Maximum, IsDecimal)])
        : IsDecimal && decimal.Round(value, 2) != value ? (ErrorCodes.FigureTooPrecise, [Name])
        : null;

    private void Apply(IndicatorDefinition d)
    {
        NameZh = Texts.Required(d.NameZh, NameMaxLength, nameof(d.NameZh));
        NameEn = Texts.Required(d.NameEn, NameMaxLength, nameof(d.NameEn));
        MeasureUnit = Texts.Required(d.MeasureUnit, MeasureUnitMaxLength, nameof(d.MeasureUnit));
        NationalCode = Texts.Optional(d.NationalCode, MappingMaxLength, nameof(d.NationalCode));
        PlsCode = Texts.Optional(d.PlsCode, MappingMaxLength, nameof(d.PlsCode));
        if (d.Minimum < 0 || d.Maximum <= d.Minimum || d.Maximum > 1_000_000_000)
        {
            throw new DomainException(ErrorCodes.IndicatorBadRange, nameof(d.Maximum));
        }

        if (d.AppliesTo == IndicatorScope.None)
        {
            throw new DomainException(ErrorCodes.IndicatorNoScope, nameof(d.AppliesTo));
        }

        IsDecimal = d.IsDecimal;
        Minimum = d.Minimum;
        Maximum = d.Maximum;
        AppliesTo = d.AppliesTo;
        Frequency = Enum.IsDefined(d.Frequency) ? d.Frequency : throw new DomainException(ErrorCodes.IndicatorBadFrequency, nameof(d.Frequency));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex CodePattern();
}

/// <summary>The editable definition of an indicator.</summary>
public sealed record IndicatorDefinition(
    string NameZh,
    string NameEn,
    string MeasureUnit,
    bool IsDecimal,
    decimal Minimum,
    decimal Maximum,
    IndicatorScope AppliesTo,
    string? NationalCode = null,
    string? PlsCode = null,
    IndicatorFrequency Frequency = IndicatorFrequency.Monthly);
