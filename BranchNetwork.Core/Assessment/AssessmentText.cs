using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Reports;

namespace BranchNetwork.Core.Assessment;

/// <summary>The words of the score sheet, the same on the page and in the PDF (the page passes its string resources).</summary>
public static class AssessmentText
{
    public static string Name(ItemInfo item) => new BilingualName(item.Definition.NameZh, item.Definition.NameEn).ToString();

    public static string Name(SectionInfo section) => new BilingualName(section.NameZh, section.NameEn).ToString();

    public static string Name(GradeDefinition? grade, ReportText t) => grade is null ? t("Assessment.NoGrade") : new BilingualName(grade.NameZh, grade.NameEn).ToString();

    public static string? Note(AssessmentTreeInfo tree) => tree.NoteZh is null && tree.NoteEn is null ? null
        : new BilingualName(tree.NoteZh ?? tree.NoteEn!, tree.NoteEn ?? tree.NoteZh!).ToString();

    public static string Points(decimal points) => points.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A metric's value with the decimals it is judged by (a percentage with its sign).</summary>
    public static string Value(AssessmentMetric metric, decimal? value) => value is not { } v ? "—"
        : v.ToString(metric.Decimals == 0 ? "#,0" : "#,0." + new string('0', metric.Decimals), CultureInfo.InvariantCulture) + (metric.MeasureUnit == "%" ? "%" : "");

    /// <summary>What the item measures and over which years (or that it is scored by hand).</summary>
    public static string Rule(ReportText t, ItemInfo item, int year)
    {
        if (item.Metric is not { } metric)
        {
            return t("Assessment.ManualRule");
        }

        var period = item.PeriodOf(year);
        var years = period.Count == 1 ? t("Assessment.PeriodOne", period[0]) : t("Assessment.PeriodAverage", period.Count, period[0], period[^1]);
        return $"{t($"Assessment.MetricRule.{metric.Code}")}{t("Assessment.RuleSeparator")}{years}"
            + (metric.FromProfile ? t("Assessment.FromProfile") : "");
    }

    /// <summary>"≥ 25 → 10；≥ 20 → 8".</summary>
    public static string Steps(ReportText t, ItemInfo item) => item.Metric is not { } metric ? "—"
        : string.Join(t("Assessment.StepSeparator"), (item.Definition.Thresholds ?? []).Select(s => t("Assessment.Step", Value(metric, s.Minimum), Points(s.Points))));

    /// <summary>Each year's value, or why it has none ("2022：缺人口数据").</summary>
    public static string Years(ReportText t, ItemScore score) => score.Item.Metric is not { } metric ? "—"
        : string.Join(t("Assessment.StepSeparator"), score.Years.Select(y => $"{y.Year}{t("Assessment.YearSeparator")}{(y.Value is null ? Gap(t, y.Gap) : Value(metric, y.Value))}"));

    public static string Gap(ReportText t, MetricGap gap) => t($"Assessment.Gap.{gap}");

    /// <summary>Why an item earns what it earns, when it is not simply a threshold reached.</summary>
    public static string? Reason(ReportText t, ItemScore score) => score.State switch
    {
        ItemState.MissingData => t("Assessment.Reason.Missing", ListText.Join(score.MissingYears.Select(y => $"{y.Year}{t("Assessment.YearSeparator")}{Gap(t, y.Gap)}"))),
        ItemState.NotScored => t("Assessment.Reason.NotScored"),
        _ when score.Item.Metric is { } metric && score.Reached is null => t("Assessment.Reason.BelowAll", Value(metric, score.Item.Definition.Thresholds![^1].Minimum)),
        _ => null,
    };

    public static string Suggestion(ReportText t, Suggestion s) => s.Item.Item.Metric is { } metric
        ? t("Assessment.Suggest.Measured", Name(s.Item.Item), Value(metric, s.Item.Average), Value(metric, s.TargetValue), Points(s.Gain))
        : t("Assessment.Suggest.Manual", Name(s.Item.Item), Points(s.Gain));

    public static string Evidence(ReportText t, EvidenceInfo e) => e.Kind == EvidenceKind.Ledger
        ? t("Assessment.Evidence.Ledger", e.Name)
        : t("Assessment.Evidence.File", e.Name, (Math.Max(1, e.SizeBytes / 1024)).ToString("#,0", CultureInfo.InvariantCulture));
}
