using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.Data.Sqlite;

namespace BranchNetwork.Bench;

/// <summary>
/// Issue 14, item 10: the review queue with 6,000 submitted reports (the hardening issue found 6,245 made a 35.6 MB page).
/// The reports land in the portal's own database file beside the demo's, ten years back from 2000, every reporting unit a
/// month, twelve values each, unflagged when submitted.
/// </summary>
internal static class ReviewBench
{
    public const int Reports = 6_000;

    /// <returns>How many reports the review queue holds afterwards.</returns>
    public static async Task<long> SeedAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseFile}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            WITH RECURSIVE month(k, n) AS (SELECT 200001, 0 UNION ALL SELECT CASE WHEN k % 100 = 12 THEN k + 89 ELSE k + 1 END, n + 1 FROM month WHERE n < 239)
            INSERT INTO MonthlyReports (UnitId, PeriodKey, State, Revision, SubmittedAtUtc, SubmittedBy, Version)
            SELECT u.Id, month.k, {(int)ReportState.Submitted}, 1, '2026-01-01 00:00:00', 'bench', 1
            FROM month, Units u WHERE u.Kind <> {(int)UnitKind.HeadLibrary}
            ORDER BY month.k, u.Code LIMIT {Reports};
            INSERT INTO ReportValues (ReportId, IndicatorId, Value, SubmittedFlags)
            SELECT r.Id, i.Id, 100, '[]' FROM MonthlyReports r, Indicators i WHERE r.SubmittedBy = 'bench' AND i.IsActive = 1;
            """;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM MonthlyReports WHERE State = {(int)ReportState.Submitted}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
