using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Reports;
using BranchNetwork.Web.Features.Audit;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Localization;

public static class LocalizerExtensions
{
    /// <summary>The message of a refused change, in the user's language (resource <c>Error.{code}</c>).</summary>
    public static string Error(this IStringLocalizer<SharedResource> l, DomainException e) => e switch
    {
        // A conflict on a record the trail names shows, after its own arguments, what the other person saved beside what was sent.
        ConcurrencyConflictException { EntityType: { } entity } conflict => l[$"Error.{e.Code}", [.. e.Args, l.Differences(entity, conflict.Differences)]],
        _ => l[$"Error.{e.Code}", e.Args.ToArray()],
    };

    private static string Differences(this IStringLocalizer<SharedResource> l, string entity, IReadOnlyList<Core.Audit.FieldChange> differences) =>
        differences.Count == 0 ? "" : l["Conflict.Differences", string.Join(l["Conflict.Separator"].Value,
            differences.Select(d => l["Conflict.Difference", l.Field(entity, d.Field), l.Value(entity, d, d.Old), l.Value(entity, d, d.New)].Value))];

    public static string Kind(this IStringLocalizer<SharedResource> l, UnitKind kind) => l[$"UnitKind.{kind}"];

    /// <summary>The kinds of unit an indicator applies to, as a list in the reader's language.</summary>
    public static string Scope(this IStringLocalizer<SharedResource> l, IndicatorScope scope) =>
        ListText.Join(new[] { UnitKind.Branch, UnitKind.ServicePoint }.Where(k => scope.Includes(k)).Select(k => l.Kind(k)));

    /// <summary>
    /// A measure unit (人次, 册, 小时…) in the reader's language; one an administrator typed that the portal does not
    /// know reads as typed.
    /// </summary>
    public static string Measure(this IStringLocalizer<SharedResource> l, string unit) =>
        Core.Reports.ReportFrame.Measure((key, args) => l[key, args], unit);

    public static string Status(this IStringLocalizer<SharedResource> l, UnitStatus status) => l[$"UnitStatus.{status}"];

    /// <summary>A like-for-like comparison in the words the PDFs use ("+5.2%", "去年同期未填报", "闭馆").</summary>
    public static string Comparison(this IStringLocalizer<SharedResource> l, Comparison comparison) =>
        ComparisonText.Format(comparison, (key, args) => l[key, args]);
}
