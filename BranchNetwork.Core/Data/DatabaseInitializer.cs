using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Brings the database up to date at start-up: migrations (and WAL mode on SQLite), files left in the photo folder moved in, then
/// bootstrap and demo data. One instance at a time (<see cref="IMigrationGate"/>): an instance that waited finds the
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
    Microsoft.Extensions.Logging.ILogger<DatabaseInitializer> logger)
{
    /// <exception cref="DatabaseSettingException">The server cannot be reached: already by the gate, before any migration.</exception>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        try
        {
            await gate.RunExclusivelyAsync(InitializeExclusivelyAsync, ct);
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

    private async Task InitializeExclusivelyAsync(CancellationToken ct)
    {
        // Start-up has no signed-in user: the portal itself migrates and seeds, and the trail says so.
        actor.Inherited = Actor.System;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await DatabaseProvider.MigrateAsync(db, ct);
        }

        await photos.MoveFolderIntoDatabaseAsync(dbFactory, logger, ct);

        await indicators.SeedStandardAsync(ct);
        await exampleAssessment.SeedAsync(ct);
        await scores.SeedExampleAsync(ct);
        if (!options.Value.DemoData)
        {
            await accounts.BootstrapAsync();
        }
        else
        {
            await demoNetwork.SeedAsync(ct);
            // The accounts need the units; the rest of the demo needs nothing of the accounts. Side by side they take a
            // second less on a new database (SQLite still takes the writes one at a time).
            await Task.WhenAll(accounts.BootstrapAsync(), SeedDemoRecordsAsync(ct));
        }

        await using var statistics = await dbFactory.CreateDbContextAsync(ct);
        await statistics.Database.RefreshPlannerStatisticsAsync(ct);
    }

    private async Task SeedDemoRecordsAsync(CancellationToken ct)
    {
        await demoFigures.SeedAsync(ct);
        await demoTraining.SeedAsync(ct);
        await demoActivities.SeedAsync(ct);
        await demoResources.SeedAsync(ct);
        await demoPopulation.SeedAsync(ct);
    }
}
