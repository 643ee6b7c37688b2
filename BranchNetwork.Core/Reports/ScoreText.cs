using System.Globalization;
using BranchNetwork.Core.Scores;

namespace BranchNetwork.Core.Reports;

/// <summary>The words and numbers of a score sheet, the same on the page and in the PDF.</summary>
public static class ScoreText
{
    public static string Name(ScoreComponentRecord c) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? c.Definition.NameZh : c.Definition.NameEn;

    /// <summary>A raw value with its unit (1.57 次/人, 97.9 %, 12 场), or why there is none (缺人口数据).</summary>
    public static string Value(ReportText t, ScoreMetric metric, MetricValue raw) => raw.Value is { } v
        ? $"{Number(metric, v)} {t($"Scores.Unit.{metric}")}"
        : t($"Scores.Gap.{raw.Gap}");

    /// <summary>What a ratio was computed from (已审核到馆 45,159 人次 ÷ 常住人口 28,810); the source for a count.</summary>
    public static string Basis(ReportText t, ScoreMetric metric, MetricValue raw) => raw.Numerator is null && raw.Denominator is null
        ? (metric is ScoreMetric.ActivitiesHeld or ScoreMetric.DeliveryStandard ? t($"Scores.Basis.{metric}") : "—")
        : t($"Scores.Basis.{metric}", ReportFrame.Number(raw.Numerator), ReportFrame.Number(raw.Denominator));

    public static string Scale(ReportText t, ScoreDefinition d) => d.Scaling == ScoreScaling.Linear
        ? t("Scores.Scale.Linear", Parameter(d.Floor), Parameter(d.Target))
        : t("Scores.Scale.Threshold", Parameter(d.Target));

    public static string Score(decimal? score) => score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";

    public static string Points(decimal points) => points.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Weight(decimal weight) => weight.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Parameter(decimal? value) => value?.ToString("#,0.####", CultureInfo.InvariantCulture) ?? "—";

    private static string Number(ScoreMetric metric, decimal value) => metric switch
    {
        ScoreMetric.VisitsPerResident or ScoreMetric.LoansPerResident or ScoreMetric.TrainingHoursPerStaff => value.ToString("0.00", CultureInfo.InvariantCulture),
        ScoreMetric.OnTimeReporting or ScoreMetric.ChecklistMet => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", CultureInfo.InvariantCulture),
    };
}
