using BranchNetwork.Core.Resources;
using BranchNetwork.Web.Features.Figures;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Resources;

/// <summary>How a measured checklist item reads: what was measured against its line ("40 小时/周 / ≥ 30 小时/周").</summary>
public static class ChecklistText
{
    public static string Measured(this IStringLocalizer<SharedResource> l, ChecklistRow row) => row.Rule switch
    {
        StandardRule.None => "",
        StandardRule.Plaqued => row.MeasuredOn is { } on ? l["Standard.Plaqued", on.ToString("yyyy-MM-dd")] : l["Unit.NotPlaqued"],
        _ => l[$"Standard.Measured.{row.Rule}", row.Measured is null ? l["Standard.NoValue"] : FiguresText.Number(row.Measured), FiguresText.Number(row.Threshold)],
    };
}
