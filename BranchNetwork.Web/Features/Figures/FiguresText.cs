using System.Globalization;
using BranchNetwork.Core.Figures;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Figures;

/// <summary>How figures read in the user's language.</summary>
public static class FiguresText
{
    public static string IndicatorName(this IndicatorInfo indicator) => PortalCultures.IsChinese ? indicator.NameZh : indicator.NameEn;

    public static string State(this IStringLocalizer<SharedResource> l, ReportState? state) =>
        state is null ? l["ReportState.None"] : l[$"ReportState.{state}"];

    public static string Board(this IStringLocalizer<SharedResource> l, BoardState state) => l[$"BoardState.{state}"];

    /// <summary>What a flag says, and with the value it was raised on, how far off it is ("比近期中位数 1,967.5 高出 357%").</summary>
    public static string Flag(this IStringLocalizer<SharedResource> l, AnomalyFlag flag, decimal? value = null) =>
        flag.Code is AnomalyCodes.FarFromMedian or AnomalyCodes.FarFromLastYear && value is { } v && flag.Reference is { } reference and not 0
            ? l[$"Anomaly.{flag.Code}.{(v >= reference ? "Above" : "Below")}", Number(reference),
                Math.Abs((v - reference) / reference).ToString("P0", CultureInfo.CurrentCulture)]
            : l[$"Anomaly.{flag.Code}", Number(flag.Reference)];

    public static string Number(decimal? value) => value?.ToString("#,0.##", CultureInfo.CurrentCulture) ?? "—";

    public static MudBlazor.Color Color(ReportState? state) => state switch
    {
        ReportState.Approved => MudBlazor.Color.Success,
        ReportState.Submitted => MudBlazor.Color.Info,
        ReportState.Returned => MudBlazor.Color.Error,
        ReportState.Draft => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>Reads what the user typed: digits with an optional decimal point (full-width digits too).</summary>
    /// <summary>A value as the server reads it back (<see cref="TryParse"/>): invariant digits, no separators.</summary>
    public static string? Invariant(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out decimal? value)
    {
        value = null;
        var normalized = (text ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace(",", "").Replace("，", "");
        if (normalized.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
