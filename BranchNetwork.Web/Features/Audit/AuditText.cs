using BranchNetwork.Core.Common;
using System.Globalization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Scores;
using BranchNetwork.Core.Training;
using BranchNetwork.Web.Features.Figures;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Audit;

/// <summary>How audit entries read in the user's language: actions, record kinds, field names and values.</summary>
public static class AuditText
{
    public static string Action(this IStringLocalizer<SharedResource> l, string action) => l[$"AuditAction.{action}"];

    public static string Entity(this IStringLocalizer<SharedResource> l, string entity) => l[$"AuditEntity.{entity}"];

    /// <remarks>
    /// A report's value is recorded under its indicator's code, and a field about one value as <c>{indicator code}:{part}</c>
    /// (its explanation, the reviewer's comment on it): both read with the indicator's name from <paramref name="indicators"/>.
    /// </remarks>
    public static string Field(this IStringLocalizer<SharedResource> l, string entity, string field,
        IReadOnlyDictionary<string, BilingualName>? indicators = null)
    {
        string Indicator(string code) => indicators?.GetValueOrDefault(code)?.ToString() ?? code;
        return entity == AuditEntities.Report && field.Split(':') is [var code, var part] && l[$"Field.Report.{part}", Indicator(code)] is { ResourceNotFound: false } aboutValue
            ? aboutValue.Value
            : l[$"Field.{entity}.{field}"] is { ResourceNotFound: false } text ? text.Value
            : entity == AuditEntities.Report ? Indicator(field)
            : field;
    }

    /// <summary>
    /// A value as the record kind names it: an activity's or a resource's category, a staff member's title, a grant's
    /// status, a checklist rule, a count of photos, a UTC moment.
    /// </summary>
    public static string Value(this IStringLocalizer<SharedResource> l, string entity, FieldChange change, string? value) => (entity, change.Field) switch
    {
        (_, _) when value is null => "—",
        (AuditEntities.Activity, nameof(Activity.Category)) when Enum.TryParse<ActivityCategory>(value, out var category) => l[$"Category.{category}"],
        (AuditEntities.Activity, nameof(Activity.PhotoFiles)) => l["Audit.PhotoCount", value.Split('|').Length],
        (AuditEntities.Staff, nameof(StaffMember.Title)) when Enum.TryParse<ProfessionalTitle>(value, out var title) => l[$"Title.{title}"],
        (AuditEntities.Grant, nameof(Grant.Status)) when Enum.TryParse<GrantStatus>(value, out var grantStatus) => l[$"GrantStatus.{grantStatus}"],
        (AuditEntities.Resource, nameof(ResourceItem.Category)) when Enum.TryParse<ResourceCategory>(value, out var resource) => l[$"ResourceCategory.{resource}"],
        (AuditEntities.Standard, nameof(StandardItem.Rule)) when Enum.TryParse<StandardRule>(value, out var rule) => l[$"StandardRule.{rule}"],
        (AuditEntities.Scores, nameof(ScoreComponent.Metric)) when Enum.TryParse<ScoreMetric>(value, out var metric) => l[$"Scores.Metric.{metric}"],
        (AuditEntities.Scores, nameof(ScoreComponent.Scaling)) when Enum.TryParse<ScoreScaling>(value, out var scaling) => l[$"Scores.Scaling.{scaling}"],
        (AuditEntities.Report, nameof(MonthlyReport.State)) when Enum.TryParse<ReportState>(value, out var reportState) => l.State(reportState),
        (AuditEntities.Indicator, nameof(Indicator.Frequency)) when Enum.TryParse<IndicatorFrequency>(value, out var frequency) => l[$"Indicators.Frequency.{frequency}"],
        (AuditEntities.Indicator, nameof(Indicator.AppliesTo)) when Enum.TryParse<IndicatorScope>(value, out var scope) => l.Scope(scope),
        (_, var field) when field.EndsWith("AtUtc", StringComparison.Ordinal)
            && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) =>
            at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
        _ => l.Value(change, value),
    };

    public static string Value(this IStringLocalizer<SharedResource> l, FieldChange change, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        return change.Field switch
        {
            nameof(Unit.Status) when Enum.TryParse<UnitStatus>(value, out var status) => l.Status(status),
            nameof(Unit.Kind) when Enum.TryParse<UnitKind>(value, out var kind) => l.Kind(kind),
            "Role" => ListText.Join(value.Split(", ").Select(r => l[$"Role.{r}"].Value)),
            _ when bool.TryParse(value, out var yes) => yes ? l["Common.Yes"] : l["Common.No"],
            _ => value,
        };
    }
}
