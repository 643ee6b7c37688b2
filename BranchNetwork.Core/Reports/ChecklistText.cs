using BranchNetwork.Core.Resources;

namespace BranchNetwork.Core.Reports;

/// <summary>How a measured checklist item reads, on screen and on paper: what was measured against its line ("40 / ≥ 30 小时/周").</summary>
public static class ChecklistText
{
    public static string Measured(ChecklistRow row, ReportText t) => row.Rule switch
    {
        StandardRule.None => "",
        StandardRule.Plaqued => row.MeasuredOn is { } on ? t("Standard.Plaqued", on.ToString("yyyy-MM-dd")) : t("Unit.NotPlaqued"),
        _ => t($"Standard.Measured.{row.Rule}", row.Measured is null ? t("Standard.NoValue") : ReportFrame.Number(row.Measured), ReportFrame.Number(row.Threshold)),
    };
}
