using System.Globalization;
using BranchNetwork.Core.Figures;

namespace BranchNetwork.Core.Reports;

/// <summary>The words of a like-for-like comparison, the same on screen and on paper: never "-100 %" for missing data.</summary>
public static class ComparisonText
{
    public static string Format(Comparison comparison, ReportText t) => comparison.Outcome switch
    {
        ComparisonOutcome.Compared when comparison.BaseDiffers => t("Compare.BaseDiffers", Percent(comparison.Change!.Value), comparison.ComparableUnits),
        ComparisonOutcome.Compared => Percent(comparison.Change!.Value),
        ComparisonOutcome.NotReportedNow => t("Compare.NotReportedNow"),
        ComparisonOutcome.NotReportedBefore => t("Compare.NotReportedBefore"),
        ComparisonOutcome.ClosedNow => t("Compare.ClosedNow"),
        ComparisonOutcome.ClosedBefore => t("Compare.ClosedBefore"),
        _ => "—",
    };

    public static string Percent(decimal change) => change.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
}
