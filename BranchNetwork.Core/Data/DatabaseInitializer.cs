using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Operations;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Brings the database up to date at start-up: migrations (and WAL mode on SQLite), files left in the photo folder moved in, then
/// bootstrap and demo data; the planner's statistics are the caller's to refresh afterwards
/// (<see cref="PlannerStatistics.RefreshPlannerStatisticsAsync"/>). One instance at a time (<see cref="IMigrationGate"/>): an instance that waited finds the
/// database ready and every seeder finds its data there.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    AccountBootstrapper accounts,
    DemoNetworkSeeder demoNetwork,
    IndicatorCatalogue indicators,
    DemoFigures demoFigures,
    DemoTraining demoTraining,
    DemoActivities demoActivities,
    DemoResources demoResources,
    DemoPopulation demoPopulation,
    ExampleAssessment exampleAssessment,
    Scores.ScoresService scores,
    IOptions<BootstrapOptions> options,
    ActorContext actor,
    IMigrationGate gate,
    PhotoStore photos,
    StartupTimeline timeline,
    Microsoft.Extensions.Logging.ILogger<DatabaseInitializer> logger)
{
    /// <param name="dataReady">
    /// Called inside the gate once the database holds its data: right after the migrations on a database that had a
    /// migration history (the seeders then find their data there, or add what a release brought), after the seeding on
    /// a new one. The portal serves requests from then on.
    /// </param>
    /// <exception cref="DatabaseSettingException">The server cannot be reached: already by the gate, before any migration.</exception>
    public async Task InitializeAsync(Func<CancellationToken, Task> dataReady, CancellationToken ct = default)
    {
        try
        {
            await gate.RunExclusivelyAsync(c => InitializeExclusivelyAsync(dataReady, c), ct);
        }
        catch (Exception e) when (e is not DatabaseSettingException)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (DatabaseProvider.Unreachable(db.Database, e) is { } unreachable)
            {
                throw unreachable;
            }

            throw;
        }
    }

    private async Task InitializeExclusivelyAsync(Func<CancellationToken, Task> dataReady, CancellationToken ct)
    {
        // Start-up has no signed-in user: the portal itself migrates and seeds, and the trail says so.
        actor.Inherited = Actor.System;
        bool existing;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            timeline.Mark("gate entered");
            existing = (await db.Database.GetAppliedMigrationsAsync(ct)).Any();
            await DatabaseProvider.MigrateAsync(db, ct);
        }

        timeline.Mark("migrated");
        await photos.MoveFolderIntoDatabaseAsync(dbFactory, logger, ct);
        timeline.Mark("photos");
        if (existing)
        {
            await dataReady(ct);
        }

        await indicators.SeedStandardAsync(ct);
        timeline.Mark("indicators");
        await exampleAssessment.SeedAsync(ct);
        timeline.Mark("assessment");
        await scores.SeedExampleAsync(ct);
        timeline.Mark("scores");
        if (!options.Value.DemoData)
        {
            await accounts.BootstrapAsync();
        }
        else
        {
            await demoNetwork.SeedAsync(ct);
            timeline.Mark("demo network");
            // The accounts need the units; the rest of the demo needs nothing of the accounts. Side by side they take a
            // second less on a new database (SQLite still takes the writes one at a time).
            await Task.WhenAll(Marked(accounts.BootstrapAsync(), "accounts"), SeedDemoRecordsAsync(ct));
        }

        timeline.Mark("seeded");
        if (!existing)
        {
            await dataReady(ct);
        }
    }

    private async Task Marked(Task task, string step)
    {
        await task;
        timeline.Mark(step);
    }

    private async Task SeedDemoRecordsAsync(CancellationToken ct)
    {
        await demoFigures.SeedAsync(ct);
        timeline.Mark("demo figures");
        await demoTraining.SeedAsync(ct);
        timeline.Mark("demo training");
        await demoActivities.SeedAsync(ct);
        timeline.Mark("demo activities");
        await demoResources.SeedAsync(ct);
        timeline.Mark("demo resources");
        await demoPopulation.SeedAsync(ct);
        timeline.Mark("demo population");
    }
}
