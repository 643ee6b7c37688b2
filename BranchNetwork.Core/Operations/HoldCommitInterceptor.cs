using System.Data.Common;
using System.Text.Json;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// Test-only: lets the crash tests kill the portal at the one moment that matters — every row of a change written,
/// the commit not yet done — without guessing at timings. Off unless the setting <c>Testing:HoldCommitFolder</c>
/// names a folder. When the file <c>arm</c> is in that folder, the next transaction to commit takes it, writes the
/// row count of every table as it sees them inside the transaction to <c>held.json</c>, and waits (five minutes at
/// most) instead of committing. The test then kills the process.
/// </summary>
public sealed class HoldCommitInterceptor(string folder) : DbTransactionInterceptor
{
    public const string Setting = "Testing:HoldCommitFolder";
    public const string ArmFile = "arm";
    public const string HeldFile = "held.json";

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (!TryTakeArm())
        {
            return result;
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await ReadAsync(transaction, DatabaseProvider.ListTablesSql(transaction.Connection!), cancellationToken))
        {
            counts[table] = Convert.ToInt64((await ReadAsync(transaction, $"SELECT COUNT(*) FROM \"{table}\";", cancellationToken))[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        var temporary = Path.Combine(folder, HeldFile + ".tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(counts), cancellationToken);
        File.Move(temporary, Path.Combine(folder, HeldFile), overwrite: true);
        await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
        return result;
    }

    private bool TryTakeArm()
    {
        try
        {
            // A rename succeeds once: one transaction is held, however many commit at the same moment.
            File.Move(Path.Combine(folder, ArmFile), Path.Combine(folder, ArmFile + ".taken"), overwrite: true);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static async Task<List<string>> ReadAsync(DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
