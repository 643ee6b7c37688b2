using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Resources;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Audit;

/// <summary>How audit entries read in the user's language: actions, record kinds, field names and values.</summary>
public static class AuditText
{
    public static string Action(this IStringLocalizer<SharedResource> l, string action) => l[$"AuditAction.{action}"];

    public static string Entity(this IStringLocalizer<SharedResource> l, string entity) => l[$"AuditEntity.{entity}"];

    public static string Field(this IStringLocalizer<SharedResource> l, string entity, string field) =>
        l[$"Field.{entity}.{field}"] is { ResourceNotFound: false } text ? text.Value : field;

    /// <param name="entity">The kind of record (<see cref="AuditEntities"/>): a grant's status or a resource's category reads in its own words.</param>
    public static string Value(this IStringLocalizer<SharedResource> l, FieldChange change, string? value, string? entity = null)
    {
        if (value is null)
        {
            return "—";
        }

        return change.Field switch
        {
            nameof(Grant.Status) when entity == AuditEntities.Grant && Enum.TryParse<GrantStatus>(value, out var grantStatus) => l[$"GrantStatus.{grantStatus}"],
            nameof(ResourceItem.Category) when entity == AuditEntities.Resource && Enum.TryParse<ResourceCategory>(value, out var category) => l[$"ResourceCategory.{category}"],
            nameof(StandardItem.Rule) when entity == AuditEntities.Standard && Enum.TryParse<StandardRule>(value, out var rule) => l[$"StandardRule.{rule}"],
            nameof(Unit.Status) when Enum.TryParse<UnitStatus>(value, out var status) => l.Status(status),
            nameof(Unit.Kind) when Enum.TryParse<UnitKind>(value, out var kind) => l.Kind(kind),
            "Role" => string.Join("、", value.Split(", ").Select(r => l[$"Role.{r}"].Value)),
            _ when bool.TryParse(value, out var yes) => yes ? l["Common.Yes"] : l["Common.No"],
            _ => value,
        };
    }
}
