using System.Diagnostics;
using System.Globalization;
using System.Text;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BranchNetwork.Bench;

/// <summary>
/// Issue 19, item 6: a synthetic network (1 head library, <c>branches</c> branches with 10 service points each; 130 by
/// default, about 1,400 units) with ten years of monthly figures, the same measures on SQLite and on PostgreSQL side by
/// side, through the Core services the portal uses. The ten years go in through the import (<see cref="FiguresExchange"/>,
/// which writes with <c>FiguresBulkWriter</c>: one prepared insert stepped a row on SQLite, binary COPY on PostgreSQL), one .csv a year
/// as the import's row limit allows; the last year is imported as submitted, so the review queue holds it (flagged reports
/// land as drafts, as they do for a user).
/// </summary>
internal static class ScaleBench
{
    public const int DefaultBranches = 130;
    private const int PointsPerBranch = 10;
    private const int WarmUp = 2;
    private const int Runs = 10;

    public sealed record Row(string Measure, string Sqlite, string PostgreSql, string Ratio);

    /// <summary>The PostgreSQL server to create the bench's database on: BENCH_POSTGRES, else the tests' BRANCHNETWORK_TEST_POSTGRES.</summary>
    public static string? Server() =>
        Environment.GetEnvironmentVariable("BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("BRANCHNETWORK_TEST_POSTGRES") is { Length: > 0 } tests ? tests : null;

    public static async Task<List<Row>> RunAsync(string folder, string server, int branches)
    {
        var sqlite = await MeasureAsync(DatabaseKind.Sqlite, $"Data Source={Path.Combine(folder, "scale.db")}", folder, branches);
        var database = $"branchnetwork_scale_{Guid.NewGuid():N}"[..32];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" };
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"");
        Dictionary<string, (string Label, double Median, double P95)> postgres;
        try
        {
            postgres = await MeasureAsync(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, folder, branches);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }

        return [.. sqlite.Select(m => new Row(m.Value.Label, Format(m.Value), Format(postgres[m.Key]),
            $"{postgres[m.Key].Median / m.Value.Median:N2}"))];
    }

    private static string Format((string Label, double Median, double P95) m) =>
        double.IsNaN(m.P95) ? $"{m.Median:N0} ms" : $"{m.Median:N1} / {m.P95:N1} ms";

    private static async Task<Dictionary<string, (string Label, double Median, double P95)>> MeasureAsync(DatabaseKind kind, string connectionString, string folder,
        int branches)
    {
        var measures = new Dictionary<string, (string, double, double)>();
        await using var services = FiguresBench.Build(kind, connectionString, folder);
        var units = await SeedNetworkAsync(services, branches);

        var figures = services.GetRequiredService<FiguresService>();
        var last = figures.LastFullMonth;
        var first = last.AddMonths(-119);
        var exchange = services.GetRequiredService<FiguresExchange>();
        var random = new Random(2020);
        var clock = new Stopwatch();
        var (reports, values) = (0, 0);
        // Twelve months a file, ending at the last full month; the last file is left submitted for the review queue.
        for (var year = 0; year < 10; year++)
        {
            var csv = Year(units, first.AddMonths(12 * year), random);
            clock.Start();
            var result = await exchange.ImportAsync(new MemoryStream(csv), "year.csv", approve: year < 9);
            clock.Stop();
            if (!result.Applied)
            {
                throw new InvalidOperationException($"Scale import rejected on {kind}: {string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Row}:{e.Column}:{e.Code}"))}");
            }

            (reports, values) = (reports + result.Reports, values + result.Values);
        }

        measures["import"] = ($"import of ten years, 10 .csv files of 12 months ({reports:N0} reports, {values:N0} values), total", clock.Elapsed.TotalMilliseconds, double.NaN);

        var analytics = services.GetRequiredService<AnalyticsService>();
        await TimeAsync(measures, "dashboard", $"dashboard aggregates for {last.Year - 1}, median / p95 of {Runs}", services,
            p => p.GetRequiredService<AnalyticsService>().DashboardAsync(new AnalyticsPeriod(last.Year - 1)));
        await TimeAsync(measures, "trend", $"ten-year monthly trend of the network (visits), median / p95 of {Runs}", services,
            p => p.GetRequiredService<AnalyticsService>().TrendAsync("visits", [new TrendTarget(TrendTargetKind.Network)], first.Year, last.Year, TrendScale.Months, _ => ""));
        var queue = await figures.ReviewQueueAsync(ReviewFilter.None, new PageRequest());
        await TimeAsync(measures, "review", $"review queue, first page of 20 (of {queue.Page.Total:N0} submitted), median / p95 of {Runs}", services,
            p => p.GetRequiredService<FiguresService>().ReviewQueueAsync(ReviewFilter.None, new PageRequest()));
        ReportText t = (key, args) => args.Length == 0 ? key : $"{key} {string.Join(" ", args)}";
        if (ReportFonts.Register(null) is not null)
        {
            var (size, _, _) = await WarmRuns.TimeAsync(services, async p => (await p.GetRequiredService<MonthlyFiguresReport>().NetworkAsync(last, t))!.Length, 0, 1);
            await TimeAsync(measures, "pdf", $"network monthly PDF {last} ({size / 1024:N0} KB), in-process, median / p95 of {Runs}", services,
                async p => (await p.GetRequiredService<MonthlyFiguresReport>().NetworkAsync(last, t))!.Length);
        }

        await TimeAsync(measures, "statistics", $"statistical return {last.Year - 1}, filled, median / p95 of {Runs}", services,
            p => p.GetRequiredService<StatisticsReturnService>().FillAsync(last.Year - 1));
        return measures;
    }

    private static async Task TimeAsync<T>(Dictionary<string, (string, double, double)> into, string key, string label, IServiceProvider services,
        Func<IServiceProvider, Task<T>> work)
    {
        var (_, median, p95) = await WarmRuns.TimeAsync(services, work, WarmUp, Runs);
        into[key] = (label, median, p95);
    }

    /// <summary>The network as the demo seeder writes units (<see cref="Unit.Create"/> in one context), with generated codes: SC, SC-BAA, SC-BAA-01.</summary>
    private static async Task<List<string>> SeedNetworkAsync(IServiceProvider services, int branches)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync())
        {
            await DatabaseProvider.MigrateAsync(db, CancellationToken.None);
            var now = DateTime.UtcNow;
            var head = Unit.Create(UnitKind.HeadLibrary, "SC", null, new UnitProfile("规模测试县图书馆"), UnitStatus.Open, Actor.System.Name, now);
            db.Units.Add(head);
            for (var b = 0; b < branches; b++)
            {
                var branch = Unit.Create(UnitKind.Branch, $"SC-B{(char)('A' + b / 26)}{(char)('A' + b % 26)}", head, new UnitProfile($"第{b + 1}分馆", OpeningHoursPerWeek: 40),
                    UnitStatus.Open, Actor.System.Name, now);
                db.Units.Add(branch);
                for (var s = 1; s <= PointsPerBranch; s++)
                {
                    db.Units.Add(Unit.Create(UnitKind.ServicePoint, $"{branch.Code}-{s:00}", branch, new UnitProfile($"第{b + 1}分馆第{s}服务点", OpeningHoursPerWeek: 20),
                        UnitStatus.Open, Actor.System.Name, now));
                }
            }

            await db.SaveChangesAsync();
        }

        await provider.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync();
        return [.. (await provider.GetRequiredService<NetworkService>().ListAsync()).Where(u => u.Kind != UnitKind.HeadLibrary).Select(u => u.Code)];
    }

    /// <summary>Twelve months from <paramref name="start"/> for every reporting unit as the import's .csv; yearly indicators only in December.</summary>
    private static byte[] Year(List<string> units, Period start, Random random)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", ["unit_code", "month", .. StandardIndicators.All.Select(i => i.Code)]));
        foreach (var (unit, u) in units.Select((unit, u) => (unit, u)))
        {
            foreach (var period in Period.Range(start, start.AddMonths(11)))
            {
                csv.Append(unit).Append(',').Append(period.ToString());
                foreach (var ((_, definition), i) in StandardIndicators.All.Select((indicator, i) => (indicator, i)))
                {
                    // Each unit keeps its own level month after month (±10 %), as real figures do, so few values are flagged.
                    var level = (double)Math.Min(definition.Maximum, 2000) * (0.2 + 0.6 * ((uint)(u * 31 + i) * 2654435761u % 1000) / 1000);
                    var amount = level * (0.9 + 0.2 * random.NextDouble());
                    csv.Append(',');
                    if (definition.Frequency.Includes(period))
                    {
                        csv.Append(definition.IsDecimal
                            ? Math.Round(amount, 1).ToString(CultureInfo.InvariantCulture)
                            : ((int)amount).ToString(CultureInfo.InvariantCulture));
                    }
                }

                csv.AppendLine();
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
