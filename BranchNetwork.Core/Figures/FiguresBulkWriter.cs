using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

/// <summary>
/// A report written in bulk (imports and demo data). <paramref name="CheckedUnflagged"/>: its values were checked at
/// submission and carried no flag, which is stored with them as the entry form stores the flags it saw.
/// </summary>
internal sealed record BulkReport(
    int UnitId,
    int PeriodKey,
    ReportState State,
    DateTime? SubmittedAtUtc,
    string? SubmittedBy,
    DateTime? ReviewedAtUtc,
    string? ReviewedBy,
    string? Comment,
    IReadOnlyList<(int IndicatorId, decimal? Value, string? Explanation)> Values,
    bool CheckedUnflagged = false);

/// <summary>
/// Writes many reports inside the caller's transaction with the provider's bulk copy (<see cref="DatabaseProvider.CopyAsync"/>):
/// their ids taken first, then the reports and their values. EF Core tracking 70,000 values takes seconds; this takes a
/// fraction of one. Used for imports (checked whole beforehand) and the demo data.
/// </summary>
internal static class FiguresBulkWriter
{
    private static readonly string[] ReportColumns =
        ["Id", "UnitId", "PeriodKey", "State", "Revision", "SubmittedAtUtc", "SubmittedBy", "ReviewedAtUtc", "ReviewedBy", "Comment", "Version"];

    private static readonly string[] ValueColumns = ["ReportId", "IndicatorId", "Value", "Explanation", "SubmittedFlags"];

    public static async Task<int> InsertAsync(BranchNetworkDbContext db, IReadOnlyList<BulkReport> reports, CancellationToken ct)
    {
        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk writes run inside a transaction.");
        var ids = await DatabaseProvider.ReserveIdsAsync(db.Database, "MonthlyReports", reports.Count, ct);
        await DatabaseProvider.CopyAsync(db.Database, "MonthlyReports", ReportColumns, reports.Select((r, i) => new object?[]
        {
            ids[i], r.UnitId, r.PeriodKey, (int)r.State, 1, r.SubmittedAtUtc, r.SubmittedBy, r.ReviewedAtUtc, r.ReviewedBy, r.Comment, 1,
        }), ct);
        var noFlags = ReportValue.FormatFlags([]);
        await DatabaseProvider.CopyAsync(db.Database, "ReportValues", ValueColumns, reports.SelectMany((r, i) => r.Values.Select(v => new object?[]
        {
            ids[i], v.IndicatorId, v.Value is null ? null : (double)v.Value.Value, v.Explanation, r.CheckedUnflagged ? noFlags : null,
        })), ct);
        return reports.Count;
    }
}
