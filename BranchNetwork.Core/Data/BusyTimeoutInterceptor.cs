using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Lets SQLite wait for the write lock itself (it retries after a few milliseconds) on every connection. Otherwise a
/// save that meets another unit's save gets SQLITE_BUSY and Microsoft.Data.Sqlite retries only after sleeping
/// 150 ms — on the due day that sleep was the p95 of a value save (153 ms; p99 304 ms, two sleeps).
/// </summary>
internal sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
{
    public static readonly BusyTimeoutInterceptor Instance = new();

    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
