using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Npgsql;

namespace BranchNetwork.Bench;

/// <summary>
/// Issue 19, item 6: the due day of a network that outgrew one machine — 600 branch workers at once against two portal
/// instances on one PostgreSQL database, behind the deployment guide's nginx, everything on loopback. Each worker signs in
/// through nginx, then month after month opens the quick entry page of a unit of their branch, sends its values one by
/// one and submits it through the page's own JSON endpoints (<c>/figures/quick/values</c>, <c>/figures/quick/submit</c>),
/// and every fifth month fetches the unit annual PDF and the year's CSV export. A person's pace is the single-instance
/// due day's (<see cref="LoadBench"/>): 2 s to read the page, a value a second, so this is ten times its load on two
/// instances. The 600 accounts are copies of the demo's branch workers (46 or so per branch, each on other months).
/// </summary>
internal static partial class TwoInstanceLoadBench
{
    public const int DefaultUsers = 600;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(120);

    /// <summary>The workers arrive over the first 60 s: 10 sign-ins a second, each a password hash of about 0.1 s of a core.</summary>
    private static readonly TimeSpan RampUp = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ReadPage = TimeSpan.FromSeconds(2), TypeValue = TimeSpan.FromSeconds(1);

    private const string AccountDomain = "dueday.local";

    private sealed record Worker(string Email, string Branch);

    public static async Task<List<(string Measure, string Value, string Target)>> RunAsync(string folder, string server, int users)
    {
        var database = $"branchnetwork_dueday_{Guid.NewGuid():N}"[..32];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var portals = new List<PortalChildProcess>();
        NginxProcess? nginx = null;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__BranchNetwork"] = connectionString,
            };
            // Both at once, as a restarted service: one migrates and seeds the demo, the other waits for it.
            portals.AddRange(await Task.WhenAll(
                PortalChildProcess.StartAsync(Path.Combine(folder, "a"), settings, environment: "Production"),
                PortalChildProcess.StartAsync(Path.Combine(folder, "b"), settings, environment: "Production")));
            nginx = await NginxProcess.StartAsync(portals.Select(p => p.Address.Port).ToList(), revealUpstream: true);

            // The months to enter: 2000–2018, before the demo figures.
            await ExecuteAsync(connectionString, "UPDATE \"Units\" SET \"OpenedOn\" = NULL;");
            var workers = await AddWorkersAsync(connectionString, users);
            var units = await UnitsAsync(connectionString);
            var work = units.GroupBy(u => u.Branch).ToDictionary(g => g.Key, g => new ConcurrentQueue<(string Unit, UnitKind Kind, Period Month)>(
                Period.Range(new Period(2000, 1), new Period(2018, 12)).SelectMany(p => g.Select(u => (u.Code, u.Kind, p)))));
            var indicators = await IndicatorsAsync(connectionString);
            return await LoadAsync(nginx, portals, workers, work, indicators);
        }
        finally
        {
            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            foreach (var portal in portals)
            {
                await portal.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<List<(string, string, string)>> LoadAsync(NginxProcess nginx, List<PortalChildProcess> portals, List<Worker> workers,
        Dictionary<string, ConcurrentQueue<(string Unit, UnitKind Kind, Period Month)>> work, IReadOnlyList<IndicatorInfo> indicators)
    {
        // Each worker awaits its think time on the thread pool: enough threads that the client's own scheduling does not show
        // up as the portals' latency.
        ThreadPool.SetMinThreads(256, 256);
        var samples = new LoadSamples();
        var served = new ConcurrentDictionary<string, int>();
        var peaks = portals.Select(p => p.WorkingSetBytes).ToArray();
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < portals.Count; i++)
                {
                    peaks[i] = Math.Max(peaks[i], portals[i].WorkingSetBytes);
                }

                await Task.Delay(100);
            }
        });

        var lastYear = DateTime.Today.Year - 1;
        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + Duration;
        await Task.WhenAll(workers.Select((worker, i) => Task.Run(async () =>
        {
            await Task.Delay(RampUp * i / workers.Count);
            await WorkerAsync(nginx.BaseAddress, worker, work[worker.Branch], indicators, lastYear, deadline, clock, samples, served);
        })));
        var elapsed = clock.Elapsed;
        stop.Cancel();
        await sampler;

        var all = samples.All.ToList();
        var ok = samples.Times();
        var rows = new List<(string, string, string)>
        {
            ($"due day on PostgreSQL, {workers.Count} branch workers, 2 instances behind nginx, {elapsed.TotalSeconds:N0} s: requests (sign-ins, pages, values, submits, PDFs, exports)",
                $"{all.Count:N0}", ""),
            ("due day on PostgreSQL: throughput", $"{all.Count / elapsed.TotalSeconds:N1} /s", ""),
            ("due day on PostgreSQL: month reports submitted", $"{all.Count(s => s.Kind == "submit" && s.Ok):N0}", ""),
            ("due day on PostgreSQL: latency of all requests, p50 / p95 / p99", Percentiles(ok), ""),
        };
        foreach (var kind in new[] { "sign-in", "quick entry page", "save value", "submit", "unit annual PDF", "CSV export" })
        {
            var times = samples.Times(kind);
            if (times.Count > 0)
            {
                rows.Add(($"due day on PostgreSQL: {kind} ({times.Count:N0}), p50 / p95 / p99", Percentiles(times), ""));
            }
        }

        rows.Add(("due day on PostgreSQL: errors", $"{samples.Errors.Count}", "0"));
        rows.Add(("due day on PostgreSQL: requests answered by each instance (all but the sign-ins)",
            string.Join(" / ", portals.Select(p => served.GetValueOrDefault($"127.0.0.1:{p.Address.Port}").ToString("N0"))), ""));
        rows.Add(("due day on PostgreSQL: peak working set of each instance",
            string.Join(" / ", peaks.Select(b => $"{b / 1024 / 1024} MB")), ""));
        foreach (var error in samples.Errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(10))
        {
            Console.Error.WriteLine($"load error ×{error.Count()}: {error.Key}");
        }

        return rows;
    }

    private static async Task WorkerAsync(Uri address, Worker worker, ConcurrentQueue<(string Unit, UnitKind Kind, Period Month)> work,
        IReadOnlyList<IndicatorInfo> indicators, int lastYear, TimeSpan deadline, Stopwatch clock, LoadSamples samples,
        ConcurrentDictionary<string, int> served)
    {
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        // The status of the last answer, named in the error line of a wrong one.
        var status = 0;
        Task<bool> Timed(string what, Func<Task<bool>> action) => samples.TimedAsync(what, () =>
        {
            status = 0;
            return action();
        }, () => $" (HTTP {status})");
        if (!await Timed("sign-in", async () => (await PortalSignIn.SignInAsync(client, worker.Email, PortalChildProcess.DemoPassword)).StatusCode == HttpStatusCode.Redirect))
        {
            return;
        }

        var months = 0;
        while (clock.Elapsed < deadline && work.TryDequeue(out var item))
        {
            var (unit, kind, month) = item;
            string? user = null, token = null;
            if (!await Timed("quick entry page", async () =>
                {
                    using var response = await client.GetAsync($"/figures/quick?unit={unit}&month={month}");
                    var html = await response.Content.ReadAsStringAsync();
                    (user, token) = (UserId().Match(html).Groups[1].Value, Token().Match(html).Groups[1].Value);
                    return Served(response) && response.StatusCode == HttpStatusCode.OK && user.Length > 0 && token.Length > 0;
                }))
            {
                continue;
            }

            await Task.Delay(ReadPage);
            var version = 0;
            foreach (var due in indicators.Where(i => i.IsDueIn(kind, month)))
            {
                var (indicator, value) = (due.Code, Math.Min(due.Maximum, 10).ToString(CultureInfo.InvariantCulture));
                await Timed("save value", async () =>
                {
                    using var response = await PostAsync(client, "/figures/quick/values", token!, new
                    {
                        user, unit, month = month.ToString(), indicator, value, explanation = (string?)null, typedAgainstVersion = version,
                        typedOver = (string?)null,
                    });
                    version = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<Answer>())!.Version : version;
                    return Served(response) && response.IsSuccessStatusCode;
                });
                await Task.Delay(TypeValue);
            }

            await Timed("submit", async () =>
            {
                using var response = await PostAsync(client, "/figures/quick/submit", token!, new { user, unit, month = month.ToString(), version });
                return Served(response) && response.IsSuccessStatusCode;
            });
            if (++months % 5 == 0)
            {
                await Timed("unit annual PDF", () => GetAsync($"/reports/unit-annual/{worker.Branch}/{lastYear}.pdf"));
                await Timed("CSV export", () => GetAsync($"/exports/figures/{lastYear}.csv"));
            }
        }

        async Task<bool> GetAsync(string path)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            return Served(response) && response.StatusCode == HttpStatusCode.OK && body.Length > 500;
        }

        // Counts the instance that answered; an error answer is named by its status in the error list.
        bool Served(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues(NginxProcess.UpstreamHeader, out var upstream))
            {
                served.AddOrUpdate(upstream.First(), 1, (_, n) => n + 1);
            }

            status = (int)response.StatusCode;
            return true;
        }
    }

    private sealed record Answer(int Version);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    /// <summary>
    /// Copies each demo branch worker (same branch, role and password hash; an address, security stamp and id of its
    /// own) until there are <paramref name="users"/> workers, spread evenly over the branches.
    /// </summary>
    private static async Task<List<Worker>> AddWorkersAsync(string connectionString, int users)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var read = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'AspNetUsers' AND column_name NOT IN " +
            "('Id', 'UserName', 'NormalizedUserName', 'Email', 'NormalizedEmail', 'SecurityStamp', 'ConcurrencyStamp') ORDER BY ordinal_position", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add($"\"{reader.GetString(0)}\"");
            }
        }

        var copied = string.Join(", ", columns);
        var sql = $"""
            CREATE TEMP TABLE originals AS
                SELECT u."Id", b."Code" AS branch, row_number() OVER (ORDER BY b."Code") - 1 AS n, count(*) OVER () AS branches
                FROM "AspNetUsers" u JOIN "Units" b ON b."Id" = u."BranchId"
                JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                WHERE r."Name" = '{Roles.BranchWorker}';
            CREATE TEMP TABLE copies AS
                SELECT o."Id" AS original, o.branch, 'w' || g || '@{AccountDomain}' AS email, gen_random_uuid()::text AS id
                FROM generate_series(0, @users - 1) g JOIN originals o ON o.n = g % o.branches;
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "SecurityStamp", "ConcurrencyStamp", {copied})
                SELECT c.id, c.email, upper(c.email), c.email, upper(c.email), gen_random_uuid()::text, gen_random_uuid()::text, {string.Join(", ", columns.Select(c => "u." + c))}
                FROM copies c JOIN "AspNetUsers" u ON u."Id" = c.original;
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
                SELECT c.id, ur."RoleId" FROM copies c JOIN "AspNetUserRoles" ur ON ur."UserId" = c.original;
            UPDATE "AspNetUsers" SET "MustChangePassword" = false, "LockoutEnabled" = false WHERE "Email" LIKE '%@{AccountDomain}';
            SELECT email, branch FROM copies ORDER BY split_part(email, '@', 1);
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("users", users);
        var workers = new List<Worker>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                workers.Add(new Worker(reader.GetString(0), reader.GetString(1)));
            }
        }

        return workers.Count == users ? workers : throw new InvalidOperationException($"Made {workers.Count} accounts instead of {users}.");
    }

    private static async Task<List<(string Code, UnitKind Kind, string Branch)>> UnitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT u.\"Code\", u.\"Kind\", coalesce(p.\"Code\", u.\"Code\") FROM \"Units\" u LEFT JOIN \"Units\" p ON p.\"Id\" = u.\"ParentId\" AND p.\"Kind\" = {(int)UnitKind.Branch} " +
            $"WHERE u.\"Kind\" <> {(int)UnitKind.HeadLibrary} ORDER BY u.\"Code\"", connection);
        var units = new List<(string, UnitKind, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            units.Add((reader.GetString(0), (UnitKind)reader.GetInt32(1), reader.GetString(2)));
        }

        return units;
    }

    private static async Task<IReadOnlyList<IndicatorInfo>> IndicatorsAsync(string connectionString)
    {
        await using var services = FiguresBench.Build(DatabaseKind.PostgreSql, connectionString, Path.GetTempPath());
        return await LoadBench.IndicatorsAsync(services);
    }

    private static string Percentiles(List<double> times) =>
        $"{LoadBench.Ms(LoadBench.P(times, 0.50))} / {LoadBench.Ms(LoadBench.P(times, 0.95))} / {LoadBench.Ms(LoadBench.P(times, 0.99))}";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-user=\"([^\"]+)\"")]
    private static partial Regex UserId();
}
