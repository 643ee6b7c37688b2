using BranchNetwork.Core.Common;
using BranchNetwork.Core.Reports;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Statistics;

/// <summary>The words of a filled field, the same on the page, in the PDF and in the workbook.</summary>
public static class ReturnText
{
    /// <summary>How many units a missing list names before "等N个单位".</summary>
    public const int MissingShown = 3;

    public static string Value(FilledField f, ReportText t) => f.Value is { } value ? Number(value)
        : f.Field.Rule.Kind == SourceKind.Manual || f.Computed is null && f.Completeness is null ? t("Statistics.FillByHand")
        : t("Statistics.NotDueYet");

    /// <summary>Where the value comes from: 已审核月报, 活动登记（讲座）, 请手工填写…</summary>
    public static string Source(FilledField f, ReportText t)
    {
        var rule = f.Field.Rule;
        string Listed<T>(IReadOnlyList<T> items, string prefix) => ListText.Join(items.Select(i => t($"{prefix}.{i}")));
        return rule.Kind switch
        {
            SourceKind.CountedSum when f.Completeness is not null => t("Statistics.Source.Counted"),
            SourceKind.YearEnd when f.Completeness is not null => t("Statistics.Source.YearEnd"),
            SourceKind.UnitCount => t("Statistics.Source.Units", Listed(rule.UnitKinds(), "UnitKind")),
            SourceKind.StaffCount => rule.Titles().Count == 0 ? t("Statistics.Source.Staff") : t("Statistics.Source.StaffTitles", Listed(rule.Titles(), "Title")),
            SourceKind.ActivityCount or SourceKind.ActivityParticipants => rule.Categories().Count == 0
                ? t("Statistics.Source.Activities")
                : t("Statistics.Source.ActivityCategories", Listed(rule.Categories(), "Category")),
            SourceKind.UnitProfileSum => t("Statistics.Source.Profile", t($"Unit.{rule.Arguments[0]}")),
            SourceKind.GrantsSum => t("Statistics.Source.Grants"),
            _ => t("Statistics.FillByHand"),
        };
    }

    /// <summary>How complete the value is: "52/52个单位，12/12个月", "41条记录", "12月报尚未到期"…</summary>
    public static string Completeness(FilledField f, StatisticsReturn r, ReportText t)
    {
        var c = f.Completeness;
        var text = f.Field.Rule.Kind switch
        {
            SourceKind.CountedSum when c is not null => t("Statistics.Complete.Monthly", c.CompleteUnits, c.DueUnits, c.CompleteMonths, c.Months),
            SourceKind.YearEnd when c is not null => r.YearEnded ? t("Statistics.Complete.YearEnd", c.CompleteUnits, c.DueUnits) : t("Statistics.NotDueYet"),
            SourceKind.UnitCount => t("Statistics.Complete.AtEnd", r.LastMonth.ToString()),
            SourceKind.StaffCount => t("Statistics.Complete.Staff", f.Records),
            SourceKind.ActivityCount or SourceKind.ActivityParticipants => t("Statistics.Complete.Records", f.Records),
            SourceKind.UnitProfileSum => t("Statistics.Complete.Profile", f.Records, f.Of),
            SourceKind.GrantsSum => t("Statistics.Complete.Grants", f.Records),
            _ => "—",
        };
        return c is { Provisional: > 0 } ? $"{text}{t("Statistics.ProvisionalApart", Number(c.Provisional))}" : text;
    }

    /// <summary>The units still missing, the first few by name with their months ("七拱镇分馆（2个月）"), the rest counted.</summary>
    public static string Missing(FilledField f, ReportText t, int shown = MissingShown)
    {
        if (f.Missing.Count == 0)
        {
            return f.Completeness is null ? "—" : t("Statistics.NoneMissing");
        }

        var names = f.Missing.Take(shown).Select(m => m.Months.Count == 0 ? m.Name : t("Statistics.MissingMonths", m.Name, m.Months.Count));
        var listed = ListText.Join(names);
        return f.Missing.Count > shown ? t("Statistics.AndMore", listed, f.Missing.Count) : listed;
    }

    /// <summary>The override's note: what the portal computed and why it was replaced.</summary>
    public static string Override(FilledField f, ReportText t) => f.Override is { } o
        ? t("Statistics.OverrideNote", f.Computed is { } computed ? Number(computed) : t("Statistics.FillByHand"), o.Reason, o.SetBy)
        : "";
}
