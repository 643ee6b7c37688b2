using System.Diagnostics;
using System.Globalization;
using HttpStatusCode = System.Net.HttpStatusCode;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>
/// Issue 19's journey through a load balancer: two portal processes on one PostgreSQL database (a copy of the tests'
/// migrated template), the deployment guide's nginx in front of both, Chromium through nginx. The instance that answers
/// is read from a header only the test's nginx adds (<see cref="NginxProcess.UpstreamHeader"/>); a browser is moved to
/// the other instance by giving it another affinity cookie, as nginx would after an instance fails.
/// </summary>
[Collection(ReadingBrowserCollection.Name)]
public sealed class TwoInstanceJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Unit = "YS-CJ-01";
    private const string AffinityCookie = "branchnetwork_affinity";

    /// <summary>The backup's log lines (BackupService, category raised to Information below).</summary>
    private const string BackedUp = "Backed up the database to";
    private const string TakenElsewhere = "Another portal instance takes the daily backup";

    private static readonly TimeZoneInfo County = TimeZoneInfo.FindSystemTimeZoneById(CountyClock.DefaultTimeZone);

    private readonly string shared = Directory.CreateTempSubdirectory("branchnetwork-two-instances-").FullName;
    private readonly List<PortalChildProcess> portals = [];
    private TestDatabase? database;
    private NginxProcess? nginx;
    private DateTime backupDueUtc;

    public async ValueTask InitializeAsync()
    {
        database = new TestDatabase(new TestCurrentUser(), TimeProvider.System, DatabaseKind.PostgreSql);

        // BackupSchedule takes the first run after start-up at Backup:DailyAt and looks once a minute: two minutes ahead
        // (county time) is after both instances have started and computed it, so both are due within about three minutes.
        var countyNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, County);
        var dailyAt = new DateTime(countyNow.Year, countyNow.Month, countyNow.Day, countyNow.Hour, countyNow.Minute, 0).AddMinutes(2);
        backupDueUtc = TimeZoneInfo.ConvertTimeToUtc(dailyAt, County);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__BranchNetwork"] = database.ConnectionString,
            ["Backup__Directory"] = Path.Combine(shared, "backups"),
            ["Backup__DailyAt"] = dailyAt.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Photos__Folder"] = Path.Combine(shared, "photos"),
            ["Logging__LogLevel__BranchNetwork.Core.Operations.BackupService"] = "Information",
        };

        // Both at once, as a restarted service would: the start-up lease lets one migrate and seed, the other waits.
        var started = await Task.WhenAll(
            PortalChildProcess.StartAsync(Path.Combine(shared, "a"), settings),
            PortalChildProcess.StartAsync(Path.Combine(shared, "b"), settings));
        portals.AddRange(started);
        nginx = await NginxProcess.StartAsync(portals.Select(p => p.Address.Port).ToList(), revealUpstream: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }

        foreach (var portal in portals)
        {
            await portal.DisposeAsync();
        }

        database?.Dispose();
        Directory.Delete(shared, recursive: true);
    }

    [Fact]
    public async Task A_month_submitted_on_one_instance_is_approved_from_the_other_and_the_daily_backup_runs_once()
    {
        Assert.True(DateTime.UtcNow < backupDueUtc,
            $"Both portals started only after the daily backup's time ({backupDueUtc:HH:mm:ss} UTC): it is not due today in both.");
        var county = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, County);
        var month = new DateOnly(county.Year, county.Month, 1).AddMonths(-1);
        var figures = $"/figures?month={month:yyyy-MM}";

        // 1. A branch worker signs in through nginx, which picks an instance for the browser.
        var worker = await browser.NewPageAsync(baseUrl: nginx!.BaseAddress.ToString());
        await worker.GotoAsync("/Account/Login");
        await worker.SignInAsync("ys-cj@demo.local", PortalChildProcess.DemoPassword);
        var first = await OpenAsync(worker, figures);
        var second = portals.Single(p => p != first);
        var firstAffinity = (await worker.Context.CookiesAsync()).Single(c => c.Name == AffinityCookie).Value;
        await BrowserFixture.ScreenshotAsync(worker, "90-two-instances-signed-in");

        // 2. The same browser lands on the other instance: its sign-in cookie holds there (keys in the database).
        await RouteToAsync(worker, second);
        Assert.Same(second, await OpenAsync(worker, figures));
        await Expect(worker).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        await Expect(FiguresJourneyTests.Unit(worker, Unit)).ToBeVisibleAsync();

        // 3. It submits the unit's month there.
        await FiguresJourneyTests.FillLikeLastMonthAsync(worker, Unit);
        await FiguresJourneyTests.SubmitAsync(worker, Unit);
        await FiguresJourneyTests.ExpectStateAsync(worker, Unit, "待审核");
        await BrowserFixture.ScreenshotAsync(worker, "91-two-instances-submitted");

        // 4. Head-library staff approve it from the first instance.
        var staff = await browser.NewPageAsync(baseUrl: nginx.BaseAddress.ToString());
        await staff.Context.AddCookiesAsync([Affinity(firstAffinity)]);
        Assert.Same(first, await OpenAsync(staff, "/Account/Login"));
        await staff.SignInAsync("staff@demo.local", PortalChildProcess.DemoPassword);
        Assert.Same(first, await OpenAsync(staff, "/figures/review"));
        await FiguresJourneyTests.Unit(staff, Unit).GetByTestId("approve").ClickAsync();
        await Expect(FiguresJourneyTests.Unit(staff, Unit)).ToHaveCountAsync(0);

        // 5. Approved on both: the board on each instance, and the worker's page on the second.
        var board = $"/figures/board?year={month.Year}";
        var cell = staff.Locator($"[data-unit='{Unit}'] td").Nth(month.Month - 1);
        Assert.Same(first, await OpenAsync(staff, board));
        await Expect(cell).ToContainTextAsync("通过");
        await RouteToAsync(staff, second);
        Assert.Same(second, await OpenAsync(staff, board));
        await Expect(cell).ToContainTextAsync("通过");
        await BrowserFixture.ScreenshotAsync(staff, "92-two-instances-board");
        Assert.Same(second, await OpenAsync(worker, figures));
        await Expect(FiguresJourneyTests.Unit(worker, Unit).GetByTestId("report-state")).ToHaveTextAsync("已通过");

        // 6. The daily backup: both instances came to it, one made it.
        var waited = Stopwatch.StartNew();
        while (!portals.All(p => p.Log.Contains(BackedUp, StringComparison.Ordinal) || p.Log.Contains(TakenElsewhere, StringComparison.Ordinal)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(5),
                $"The daily backup (due {backupDueUtc:HH:mm} UTC) did not run in both instances within 5 minutes:\n{portals[0].Log}\n---\n{portals[1].Log}");
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, portals.Count(p => p.Log.Contains(BackedUp, StringComparison.Ordinal)));
        Assert.Equal(1, portals.Count(p => p.Log.Contains(TakenElsewhere, StringComparison.Ordinal)));
        var files = Directory.GetFiles(Path.Combine(shared, "backups"), $"{BackupService.FilePrefix}*");
        Assert.Single(files);
        Assert.EndsWith(".dump", files[0], StringComparison.Ordinal);
        await using var db = database!.CreateDbContext();
        var audited = await db.AuditEntries
            .Where(a => a.EntityType == AuditEntities.Backup && a.Action == AuditActions.BackedUp)
            .Select(a => a.EntityKey)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([Path.GetFileName(files[0])], audited);
    }

    /// <summary>Opens a page through nginx, waits for its circuit and returns the instance that served it.</summary>
    private async Task<PortalChildProcess> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}");
        var upstream = await response.HeaderValueAsync(NginxProcess.UpstreamHeader)
            ?? throw new InvalidOperationException($"nginx did not name the instance of {path} ({nginx!.ConfigurationFile})");
        if (!path.StartsWith("/Account/", StringComparison.Ordinal))
        {
            await page.WaitForInteractiveAsync();
        }

        return portals.Single(p => upstream == $"127.0.0.1:{p.Address.Port}");
    }

    /// <summary>Gives the browser an affinity cookie that nginx's hash sends to <paramref name="portal"/>.</summary>
    private async Task RouteToAsync(IPage page, PortalChildProcess portal)
    {
        using var probe = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nginx!.BaseAddress };
        for (var i = 0; i < 64; i++)
        {
            var value = $"journey-{i}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            request.Headers.Add("Cookie", $"{AffinityCookie}={value}");
            using var response = await probe.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (response.Headers.GetValues(NginxProcess.UpstreamHeader).Single() == $"127.0.0.1:{portal.Address.Port}")
            {
                await page.Context.AddCookiesAsync([Affinity(value)]);
                return;
            }
        }

        throw new InvalidOperationException($"No affinity value of 64 reached {portal.Address}");
    }

    private Cookie Affinity(string value) =>
        new() { Name = AffinityCookie, Value = value, Domain = nginx!.BaseAddress.Host, Path = "/", HttpOnly = true, SameSite = SameSiteAttribute.Lax };
}
