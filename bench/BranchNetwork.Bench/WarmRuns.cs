using System.Diagnostics;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Scores;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Bench;

/// <summary>
/// The in-process output benches' shared parts: a database file with the whole demo, and one piece of work timed warm
/// (five untimed runs, then twenty, each in its own scope) with its median and 95th percentile.
/// </summary>
internal static class WarmRuns
{
    public const int WarmUp = 5;
    public const int Runs = 20;

    /// <summary>The whole demo (network, catalogue, figures, staff, activities, resources, population, the example assessment and scheme), analysed.</summary>
    public static async Task<ServiceProvider> DemoAsync(string file)
    {
        var services = FiguresBench.Build(file);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using var db = await provider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await provider.GetRequiredService<DemoNetworkSeeder>().SeedAsync();
        await provider.GetRequiredService<IndicatorCatalogue>().SeedStandardAsync();
        await provider.GetRequiredService<DemoFigures>().SeedAsync();
        await provider.GetRequiredService<DemoTraining>().SeedAsync();
        await provider.GetRequiredService<DemoActivities>().SeedAsync();
        await provider.GetRequiredService<DemoResources>().SeedAsync();
        await provider.GetRequiredService<DemoPopulation>().SeedAsync();
        await provider.GetRequiredService<ExampleAssessment>().SeedAsync();
        await provider.GetRequiredService<ScoresService>().SeedExampleAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        return services;
    }

    /// <summary>Times <paramref name="work"/> warm; returns what its last run gave and "median / p95 ms".</summary>
    public static async Task<(T Last, string MedianP95)> TimeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        var (last, median, p95) = await TimeAsync(services, work, WarmUp, Runs);
        return (last, $"{median:N1} / {p95:N1} ms");
    }

    /// <summary>Times <paramref name="work"/> warm (<paramref name="warmUp"/> untimed runs, then <paramref name="runs"/>); returns what its last run gave, the median and the 95th percentile in ms.</summary>
    public static async Task<(T Last, double Median, double P95)> TimeAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work, int warmUp, int runs)
    {
        var times = new List<double>(runs);
        T last = default!;
        for (var i = 0; i < warmUp + runs; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            last = await work(scope.ServiceProvider);
            clock.Stop();
            if (i >= warmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        var sorted = times.Order().ToList();
        return (last, sorted[runs / 2], sorted[(int)Math.Ceiling(0.95 * runs) - 1]);
    }
}
