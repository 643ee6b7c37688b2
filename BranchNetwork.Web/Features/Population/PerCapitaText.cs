using System.Globalization;
using BranchNetwork.Core.Population;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Population;

/// <summary>Per-capita and coverage figures in the reader's words: a value in its own scale, or why there is none.</summary>
public static class PerCapitaText
{
    /// <summary>The key an analytics view gives a per-capita figure beside the indicators' codes.</summary>
    public const string KeyPrefix = "pc:";

    public static string Name(this IStringLocalizer<SharedResource> l, string ruleCode) => l[$"PerCapita.{ruleCode}"];

    public static string Value(this IStringLocalizer<SharedResource> l, PerCapitaValue value) => value.Gap switch
    {
        PerCapitaGap.NoPopulation => l["PerCapita.NoPopulation"],
        PerCapitaGap.NoVillageCount => l["PerCapita.NoVillageCount"],
        PerCapitaGap.NoFigures => l["PerCapita.NoFigures"],
        _ => Number(PerCapitaRules.Find(value.Code), value.Value),
    };

    /// <summary>Coverage as a percentage, per 10,000 residents to two places, per resident to three (a month's visits are a few hundredths).</summary>
    public static string Number(PerCapitaRule rule, decimal? value) => value is not { } v ? "—"
        : rule.IsPercentage ? (v / 100).ToString("0.0%", CultureInfo.CurrentCulture)
        : v.ToString(rule.Per > 1 ? "#,0.00" : "#,0.000", CultureInfo.CurrentCulture);

    /// <summary>
    /// Charts take whole-number tick steps: a figure is drawn in units of its last shown decimal (a per-resident figure
    /// in thousandths) and its axis labels divide back, so the chart reads the same numbers as the table.
    /// </summary>
    public static double ChartFactor(PerCapitaRule rule) => rule.IsPercentage ? 10 : rule.Per > 1 ? 100 : 1000;

    public static Func<double, string> AxisLabel(PerCapitaRule rule) => v => Number(rule, (decimal)(v / ChartFactor(rule)));

    public static bool IsKey(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public static string RuleOf(string key) => key[KeyPrefix.Length..];
}
