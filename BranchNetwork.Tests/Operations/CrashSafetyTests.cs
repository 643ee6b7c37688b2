using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Operations;

/// <summary>
/// The portal killed (SIGKILL) in the middle of a large import and of a review action, then started again: the
/// database is exactly as before the interrupted action and sound. The kill comes at the worst moment — every row
/// written inside the transaction, the commit not yet done — found without timing guesses by the test-only
/// <see cref="HoldCommitInterceptor"/> (off unless <c>Testing:HoldCommitFolder</c> is set). The actions are started
/// as a person starts them, in the browser. On SQLite the portal's file, on PostgreSQL a database of its own.
/// </summary>
public abstract class CrashSafetyTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-crash-").FullName;
    private readonly string? postgresDatabase = kind == DatabaseKind.PostgreSql ? TestPostgres.CreateDatabase() : null;
    private IPlaywright? playwright;
    private IBrowser? browser;

    private string Database => Path.Combine(folder, "portal.db");

    private string ConnectionString => postgresDatabase is null ? $"Data Source={Database}" : TestPostgres.ConnectionString(postgresDatabase);

    private string Probe => Path.Combine(folder, "probe");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Probe);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        if (postgresDatabase is not null)
        {
            TestPostgres.DropDatabase(postgresDatabase);
        }
    }

    [Fact]
    public async Task A_portal_killed_in_the_middle_of_a_ten_year_import_restarts_with_the_database_as_before()
    {
        Dictionary<string, (long Rows, string Hash)> before;
        Dictionary<string, long> held;
        (byte[] Bytes, int Reports, int Values) file;
        await using (var portal = await StartAsync())
        {
            // Ten years before the demo figures begin, for a network that has served readers that long.
            Execute("UPDATE \"Units\" SET \"OpenedOn\" = NULL;");
            file = TenYearsBefore2019(UnitCodes());
            var page = await SignedInPageAsync(portal, PortalChildProcess.AdminEmail, "/figures/exchange");
            before = Digest();

            Arm();
            await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "ten-years.xlsx",
                MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = file.Bytes,
            });
            held = await HeldAsync(portal);

            await portal.KillAsync();
            await BrowserFixture.ScreenshotAsync(page, "crash-import-killed");
        }

        // Inside the transaction every report and value had been written...
        Assert.Equal(before["MonthlyReports"].Rows + file.Reports, held["MonthlyReports"]);
        Assert.Equal(before["ReportValues"].Rows + file.Values, held["ReportValues"]);
        // ... and none of them survived the kill.
        await AssertAsBeforeAfterRestartAsync(before);
    }

    [Fact]
    public async Task A_portal_killed_in_the_middle_of_approving_the_review_queue_restarts_with_the_database_as_before()
    {
        Dictionary<string, (long Rows, string Hash)> before;
        Dictionary<string, long> held;
        int unflagged;
        await using (var portal = await StartAsync())
        {
            var page = await SignedInPageAsync(portal, "staff@demo.local", "/figures/review");
            var approveAll = page.GetByTestId("approve-all");
            await Expect(approveAll).ToBeEnabledAsync();
            unflagged = int.Parse(System.Text.RegularExpressions.Regex.Match(await approveAll.InnerTextAsync(), "[0-9]+").Value, System.Globalization.CultureInfo.InvariantCulture);
            before = Digest();

            await approveAll.ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "通过", Exact = true });
            await Expect(confirm).ToBeVisibleAsync();
            Arm();
            await confirm.ClickAsync();
            held = await HeldAsync(portal);

            await portal.KillAsync();
        }

        // The approvals were written inside the transaction (each lands in the audit trail with it) ...
        Assert.True(unflagged > 0);
        Assert.True(held["AuditEntries"] - before["AuditEntries"].Rows >= unflagged, "every approval was written before the kill");
        // ... and none of them survived it.
        await AssertAsBeforeAfterRestartAsync(before);
    }

    private Task<PortalChildProcess> StartAsync() =>
        PortalChildProcess.StartAsync(folder, new Dictionary<string, string>
        {
            ["Testing__HoldCommitFolder"] = Probe,
            ["Database__Provider"] = kind.ToString(),
            ["ConnectionStrings__BranchNetwork"] = ConnectionString,
        });

    private async Task AssertAsBeforeAfterRestartAsync(Dictionary<string, (long Rows, string Hash)> before)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.True(File.Exists(Database + "-wal"), "the killed portal left its write-ahead log for SQLite to recover");
        }

        await using var restarted = await StartAsync();
        Assert.Equal(before, Digest());
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Equal("ok", DatabaseDigest.IntegrityCheck(Database));
            Assert.True(DatabaseFiles.Inspect(Database).IntegrityOk);
        }
        else
        {
            Assert.Equal(0L, Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"));
        }
    }

    private DbConnection Open()
    {
        DbConnection connection = postgresDatabase is null ? new SqliteConnection(ConnectionString + ";Pooling=False") : new NpgsqlConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    private Dictionary<string, (long Rows, string Hash)> Digest()
    {
        using var connection = Open();
        return DatabaseDigest.Of(connection);
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The next transaction to commit is held before its commit.</summary>
    private void Arm() => File.WriteAllText(Path.Combine(Probe, HoldCommitInterceptor.ArmFile), "");

    /// <summary>Waits for the held transaction; returns each table's row count as seen inside it.</summary>
    private async Task<Dictionary<string, long>> HeldAsync(PortalChildProcess portal)
    {
        var held = Path.Combine(Probe, HoldCommitInterceptor.HeldFile);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(held))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"No transaction reached its commit within 120 s.\n{portal.Log}");
            }

            await Task.Delay(50);
        }

        return JsonSerializer.Deserialize<Dictionary<string, long>>(await File.ReadAllTextAsync(held))!;
    }

    private async Task<IPage> SignedInPageAsync(PortalChildProcess portal, string email, string path)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.Address.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.SignInAsync(email, PortalChildProcess.DemoPassword);
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        return page;
    }

    private List<string> UnitCodes()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Code\" FROM \"Units\" WHERE \"ParentId\" IS NOT NULL ORDER BY \"Code\";";
        using var reader = command.ExecuteReader();
        var codes = new List<string>();
        while (reader.Read())
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    private static (byte[] Bytes, int Reports, int Values) TenYearsBefore2019(List<string> units)
    {
        var random = new Random(2009);
        var rows = new List<IDictionary<string, object?>>();
        var values = 0;
        foreach (var unit in units)
        {
            foreach (var period in Period.Range(new Period(2009, 1), new Period(2018, 12)))
            {
                var row = new Dictionary<string, object?> { ["unit_code"] = unit, ["month"] = period.ToString() };
                // Every row names every column (the first row makes the sheet's header); yearly ones stay empty but in December.
                foreach (var (code, definition) in StandardIndicators.All)
                {
                    var due = definition.Frequency.Includes(period);
                    row[code] = due ? random.Next(0, (int)Math.Min(definition.Maximum, 500)) : null;
                    values += due ? 1 : 0;
                }

                rows.Add(row);
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return (stream.ToArray(), rows.Count, values);
    }
}

public sealed class CrashSafetyTestsOnSqlite() : CrashSafetyTests(DatabaseKind.Sqlite);

public sealed class CrashSafetyTestsOnPostgreSql() : CrashSafetyTests(DatabaseKind.PostgreSql);
