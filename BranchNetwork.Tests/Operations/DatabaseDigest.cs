using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace BranchNetwork.Tests.Operations;

/// <summary>What a database holds, table by table: row counts and a hash over every row (in a fixed order of the rows).</summary>
public static class DatabaseDigest
{
    public static readonly string[] FiguresTables = ["Units", "MonthlyReports", "ReportValues", "ReportRevisions", "AuditEntries", "Activities"];

    public static Dictionary<string, (long Rows, string Hash)> Of(string file, params string[] tables)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return Of(connection, tables);
    }

    /// <summary>The same on an open connection of either database.</summary>
    public static Dictionary<string, (long Rows, string Hash)> Of(DbConnection connection, params string[] tables)
    {
        var digest = new Dictionary<string, (long, string)>();
        foreach (var table in tables.Length > 0 ? tables : FiguresTables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Concat(Enumerable.Range(0, reader.FieldCount)
                    .Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) + "\u001f")));
            }

            rows.Sort(StringComparer.Ordinal);
            digest[table] = (rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001e", rows)))));
        }

        return digest;
    }

    public static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    public static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
