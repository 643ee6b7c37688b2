using BranchNetwork.Core.Common;
using BranchNetwork.Core.Reports;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Reports;

public static class LedgerEndpoints
{
    /// <summary>The ledgers a page offers (its '导出台账' button) and the report centre lists, by the name in their route.</summary>
    public static readonly string[] Yearly = ["figures", "activities", "training", "deliveries", "grants"];

    public static readonly string[] Standing = ["staff", "resources", "plaques"];

    /// <summary>
    /// The ledgers (台账) as workbooks, for every signed-in reader in their scope:
    /// <c>GET /exports/ledgers/{figures|activities|training|deliveries|grants}/{yyyy}.xlsx</c> (404 for a year not begun) and
    /// <c>GET /exports/ledgers/{staff|resources|plaques}.xlsx</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapLedgers(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/exports/ledgers").RequireAuthorization();
        group.MapGet("/figures/{year:int}.xlsx", (int year, FiguresLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Figures", year, t => ledger.BuildAsync(year, t, ct), ct));
        group.MapGet("/activities/{year:int}.xlsx", (int year, ActivitiesLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Activities", year, t => ledger.BuildAsync(year, t, ct), ct));
        group.MapGet("/training/{year:int}.xlsx", (int year, TrainingLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Training", year, t => ledger.BuildAsync(year, t, ct), ct));
        group.MapGet("/deliveries/{year:int}.xlsx", (int year, DeliveriesLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Deliveries", year, t => ledger.BuildAsync(year, t, ct), ct));
        group.MapGet("/grants/{year:int}.xlsx", (int year, GrantsLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Grants", year, t => ledger.BuildAsync(year, t, ct), ct));
        group.MapGet("/staff.xlsx", (StaffLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Staff", null, async t => await ledger.BuildAsync(t, ct), ct));
        group.MapGet("/resources.xlsx", (ResourcesLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Resources", null, async t => await ledger.BuildAsync(t, ct), ct));
        group.MapGet("/plaques.xlsx", (PlaquesLedger ledger, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            Xlsx(l, "Plaques", null, async t => await ledger.BuildAsync(t, ct), ct));
        return endpoints;
    }

    /// <summary>The workbook as an attachment named in the reader's language (filename* per RFC 5987); 404 for a year not begun, 403 outside the reader's rights.</summary>
    private static async Task<IResult> Xlsx(IStringLocalizer<SharedResource> l, string ledger, int? year, Func<ReportText, Task<LedgerWorkbook?>> build,
        CancellationToken ct)
    {
        ReportText t = (key, args) => l[key, args];
        try
        {
            if (await build(t) is not { } workbook)
            {
                return Results.NotFound();
            }

            return Results.File(await LedgerWriter.WriteAsync(workbook, ct), LedgerWorkbook.ContentType, LedgerFrame.FileName(t, ledger, year));
        }
        catch (AccessDeniedException)
        {
            return Results.Forbid();
        }
    }
}
