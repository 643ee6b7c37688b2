using System.Data.Common;
using System.Globalization;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
/// Writes many reports inside the caller's transaction: with the provider's binary copy where it has one
/// (PostgreSQL), with prepared statements otherwise (SQLite). EF Core tracking 70,000 values takes seconds; this takes
/// a fraction of one. Used for imports (checked whole beforehand) and the demo data.
/// </summary>
internal static class FiguresBulkWriter
{
    private static readonly string[] ReportColumns =
        ["Id", "UnitId", "PeriodKey", "State", "Revision", "SubmittedAtUtc", "SubmittedBy", "ReviewedAtUtc", "ReviewedBy", "Comment", "Version"];

    private static readonly string[] ValueColumns = ["ReportId", "IndicatorId", "Value", "Explanation", "SubmittedFlags"];

    public static async Task<int> InsertAsync(BranchNetworkDbContext db, IReadOnlyList<BulkReport> reports, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction.");
        return DatabaseProvider.HasBinaryCopy(db.Database)
            ? await CopyAsync(db, reports, ct)
            : await InsertPreparedAsync(db.Database.GetDbConnection(), transaction, reports, ct);
    }

    private static async Task<int> CopyAsync(BranchNetworkDbContext db, IReadOnlyList<BulkReport> reports, CancellationToken ct)
    {
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

    private static async Task<int> InsertPreparedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<BulkReport> reports, CancellationToken ct)
    {
        await using var report = Command(connection, transaction,
            "INSERT INTO MonthlyReports (UnitId, PeriodKey, State, Revision, SubmittedAtUtc, SubmittedBy, ReviewedAtUtc, ReviewedBy, Comment, Version) " +
            "VALUES ($unit, $period, $state, 1, $submittedAt, $submittedBy, $reviewedAt, $reviewedBy, $comment, 1) RETURNING Id;",
            "$unit", "$period", "$state", "$submittedAt", "$submittedBy", "$reviewedAt", "$reviewedBy", "$comment");
        // A report's values go in one statement (one per number of values, prepared once): a statement per value
        // was a fifth of a ten-year import's time.
        var valueCommands = new Dictionary<int, DbCommand>();
        var noFlags = ReportValue.FormatFlags([]);
        try
        {
            foreach (var r in reports)
            {
                Set(report, r.UnitId, r.PeriodKey, (int)r.State, Time(r.SubmittedAtUtc), r.SubmittedBy, Time(r.ReviewedAtUtc), r.ReviewedBy, r.Comment);
                var id = Convert.ToInt32(await report.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                if (r.Values.Count == 0)
                {
                    continue;
                }

                if (!valueCommands.TryGetValue(r.Values.Count, out var values))
                {
                    valueCommands[r.Values.Count] = values = ValuesCommand(connection, transaction, r.Values.Count);
                }

                var (reportId, flags) = ((object)id, (object?)(r.CheckedUnflagged ? noFlags : null) ?? DBNull.Value);
                for (var i = 0; i < r.Values.Count; i++)
                {
                    var (indicator, amount, explanation) = r.Values[i];
                    values.Parameters[5 * i].Value = reportId;
                    values.Parameters[5 * i + 1].Value = indicator;
                    values.Parameters[5 * i + 2].Value = amount is null ? DBNull.Value : (object)(double)amount.Value;
                    values.Parameters[5 * i + 3].Value = (object?)explanation ?? DBNull.Value;
                    values.Parameters[5 * i + 4].Value = flags;
                }

                await values.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            foreach (var command in valueCommands.Values)
            {
                await command.DisposeAsync();
            }
        }

        return reports.Count;
    }

    /// <summary>An insert of <paramref name="count"/> values in one statement, parameters five a value in column order.</summary>
    private static DbCommand ValuesCommand(DbConnection connection, DbTransaction transaction, int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => $"($r{i}, $i{i}, $v{i}, $e{i}, $f{i})");
        return Command(connection, transaction,
            $"INSERT INTO ReportValues (ReportId, IndicatorId, Value, Explanation, SubmittedFlags) VALUES {string.Join(", ", rows)};",
            [.. Enumerable.Range(0, count).SelectMany(i => new[] { $"$r{i}", $"$i{i}", $"$v{i}", $"$e{i}", $"$f{i}" })]);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    // The format EF Core's SQLite provider writes, so EF reads these back as it reads its own.
    private static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
