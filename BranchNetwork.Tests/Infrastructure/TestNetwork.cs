using System.Collections.Concurrent;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Reports;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Scores;
using BranchNetwork.Core.Training;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// The Core services on a fresh database with the demo network, at a fixed moment (2026-03-02 10:00 in the county),
/// acting as <see cref="User"/> (an administrator unless a test switches it).
/// </summary>
public sealed class TestNetwork : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services;

    // The demo a test asks for, seeded once per run and kind: each test's database is a copy of it.
    private static readonly ConcurrentDictionary<(DatabaseKind Kind, bool Figures), Lazy<TestTemplate>> DemoTemplates = new();

    /// <param name="seedDemo">Seed the demo network (53 units).</param>
    /// <param name="seedFigures">Also seed the indicator catalogue, the 2020 closure and the demo monthly figures.</param>
    /// <param name="kind">The database it runs on: a test class runs on both by taking the kind from its two derived classes.</param>
    public TestNetwork(bool seedDemo = true, bool seedFigures = false, DatabaseKind kind = DatabaseKind.Sqlite)
        : this(seedDemo ? DemoTemplate(kind, seedFigures) : TestTemplate.Migrated(kind))
    {
    }

    private TestNetwork(TestTemplate template)
    {
        Clock = new CountyClock(Time, TimeZoneInfo.FindSystemTimeZoneById(CountyClock.DefaultTimeZone));
        Database = new TestDatabase(User, Time, template);
        services = AddTo(new ServiceCollection()).BuildServiceProvider();
    }

    /// <summary>
    /// The demo seeded as the portal seeds it, at <see cref="Now"/> and as the system, on a database of the kind: the
    /// first test that asks seeds it, the others copy it.
    /// </summary>
    private static TestTemplate DemoTemplate(DatabaseKind kind, bool figures) =>
        DemoTemplates.GetOrAdd((kind, figures), key => new Lazy<TestTemplate>(() =>
        {
            using var network = new TestNetwork(TestTemplate.Migrated(key.Kind));
            network.User.Actor = Actor.System;
            new DemoNetworkSeeder(network.Database, network.Clock).SeedAsync().GetAwaiter().GetResult();
            if (key.Figures)
            {
                network.services.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync().GetAwaiter().GetResult();
                network.services.GetRequiredService<ScoresService>().SeedExampleAsync().GetAwaiter().GetResult();
                network.services.GetRequiredService<DemoFigures>().SeedAsync().GetAwaiter().GetResult();
            }

            return network.Database.SaveAsTemplate();
        })).Value;

    public TestCurrentUser User { get; } = new();

    /// <summary>The photo folder of an older portal, whose files start-up moves into the database (deleted with the network).</summary>
    public string PhotoFolder { get; } = Path.Combine(Path.GetTempPath(), "branchnetwork-photos", Guid.NewGuid().ToString("N"));

    /// <summary>The paths of the uploaded files in the database, those under <paramref name="folder"/> when given.</summary>
    public async Task<List<string>> StoredFilesAsync(string folder = "")
    {
        await using var db = Database.CreateDbContext();
        return await db.StoredFiles.Where(f => f.Path.StartsWith(folder)).Select(f => f.Path).OrderBy(p => p).ToListAsync();
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public CountyClock Clock { get; }

    public TestDatabase Database { get; }

    public IServiceProvider Services => services;

    public NetworkService Service => services.GetRequiredService<NetworkService>();

    public AuditService Audit => services.GetRequiredService<AuditService>();

    public UserAdminService UserAdmin => services.GetRequiredService<UserAdminService>();

    public FiguresService Figures => services.GetRequiredService<FiguresService>();

    public IndicatorCatalogue Indicators => services.GetRequiredService<IndicatorCatalogue>();

    /// <summary>Puts a unit's month in a workflow state directly (tests of what is counted need every state side by side).</summary>
    public async Task MarkAsync(string unitCode, Period period, ReportState state)
    {
        using var db = Database.CreateDbContext();
        var updated = await db.MonthlyReports.Where(r => r.Unit.Code == unitCode && r.PeriodKey == period.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state).SetProperty(r => r.Version, r => r.Version + 1));
        Assert.Equal(1, updated);
    }

    /// <summary>Acts as a branch worker of the given branch (e.g. YS-QG).</summary>
    public void ActAsBranchWorker(string branchCode)
    {
        using var db = Database.CreateDbContext();
        var branch = db.Units.AsNoTracking().Single(u => u.Code == branchCode);
        User.Actor = new Actor($"worker-{branchCode}", $"{branchCode} 管理员", Roles.BranchWorker, branch.Id);
    }

    public void ActAs(string role) => User.Actor = new Actor($"{role}-id", $"{role} 用户", role);

    /// <summary>Creates the roles and one administrator account (root@x.local), and acts as it.</summary>
    public async Task<string> ActAsFirstAdministratorAsync()
    {
        User.Actor = Actor.System;
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = new ApplicationUser { UserName = "root@x.local", Email = "root@x.local", DisplayName = "管理员" };
        await users.CreateAsync(admin, "Root-Password-1");
        await users.AddToRoleAsync(admin, Roles.Administrator);
        User.Actor = new Actor(admin.Id, "管理员 (root@x.local)", Roles.Administrator);
        return admin.Id;
    }

    /// <summary>The same registrations the portal makes, on the test database and user.</summary>
    public IServiceCollection AddTo(IServiceCollection collection)
    {
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton(Clock);
        collection.AddSingleton<ICurrentUser>(User);
        collection.AddScoped<ActorContext>();
        collection.AddSingleton<IDbContextFactory<BranchNetworkDbContext>>(Database);
        collection.AddScoped(_ => Database.CreateDbContext());
        collection.AddNetwork();
        collection.AddFigures(new ConfigurationBuilder().Build());
        collection.AddTraining();
        collection.AddActivities();
        collection.AddResources(new ConfigurationBuilder().AddInMemoryCollection([new("Photos:Folder", PhotoFolder)]).Build(), PhotoFolder);
        collection.AddScoped<AuditService>();
        collection.AddAccounts();
        collection.AddReports();
        collection.AddAnalytics();
        collection.AddPopulation();
        collection.AddStatistics();
        collection.AddAssessment();
        collection.AddScores();
        return collection;
    }

    public void Dispose()
    {
        services.Dispose();
        Database.Dispose();
        if (Directory.Exists(PhotoFolder))
        {
            Directory.Delete(PhotoFolder, recursive: true);
        }
    }
}
