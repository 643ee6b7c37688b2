using System.ComponentModel.DataAnnotations;
using BranchNetwork.Core.Figures;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Web.Features.Admin;

public sealed class IndicatorInput
{
    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(Indicator.CodeMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string Code { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(Indicator.NameMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string NameZh { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(Indicator.NameMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string NameEn { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Required))]
    [StringLength(Indicator.MeasureUnitMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string MeasureUnit { get; set; } = "";

    public bool IsDecimal { get; set; }

    [Range(0, 1_000_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Range))]
    public decimal Minimum { get; set; }

    [Range(0, 1_000_000_000, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.Range))]
    public decimal Maximum { get; set; } = 10_000;

    public bool ForBranches { get; set; } = true;

    public bool ForServicePoints { get; set; } = true;

    public IndicatorFrequency Frequency { get; set; } = IndicatorFrequency.Monthly;

    [StringLength(Indicator.MappingMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string? NationalCode { get; set; }

    [StringLength(Indicator.MappingMaxLength, ErrorMessageResourceType = typeof(ValidationText), ErrorMessageResourceName = nameof(ValidationText.StringLength))]
    public string? PlsCode { get; set; }

    /// <summary>The domain names the scope field AppliesTo; the form shows two checkboxes for it.</summary>
    public bool AppliesTo => ForBranches || ForServicePoints;

    public static IndicatorInput From(IndicatorInfo i) => new()
    {
        Code = i.Code, NameZh = i.NameZh, NameEn = i.NameEn, MeasureUnit = i.MeasureUnit, IsDecimal = i.IsDecimal, Minimum = i.Minimum,
        Maximum = i.Maximum, ForBranches = i.AppliesTo.HasFlag(IndicatorScope.Branch), ForServicePoints = i.AppliesTo.HasFlag(IndicatorScope.ServicePoint),
        NationalCode = i.NationalCode, PlsCode = i.PlsCode, Frequency = i.Frequency,
    };

    public IndicatorDefinition ToDefinition() => new(
        NameZh, NameEn, MeasureUnit, IsDecimal, Minimum, Maximum,
        (ForBranches ? IndicatorScope.Branch : IndicatorScope.None) | (ForServicePoints ? IndicatorScope.ServicePoint : IndicatorScope.None),
        NationalCode, PlsCode, Frequency);
}
