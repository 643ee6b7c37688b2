using BranchNetwork.Core.Common;
using BranchNetwork.Core.Operations;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Features.Operations;

/// <summary>
/// The daily backup at <c>Backup:DailyAt</c> (county time, within a minute), on the injected clock; with several instances
/// the first to take the day's lease makes it (<see cref="BackupService.BackUpScheduledAsync"/>).
/// </summary>
internal sealed class BackupSchedule(
    IServiceScopeFactory scopes,
    IOptions<BackupOptions> options,
    CountyClock clock,
    TimeProvider time,
    ILogger<BackupSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.DailyTime is not { } at)
        {
            logger.LogInformation("No daily backup: Backup:DailyAt is empty");
            return;
        }

        // A tick a minute, comparing with the county clock: a clock that jumps (time sync, a suspended machine)
        // moves the backup to the next tick instead of losing it.
        var next = BackupOptions.NextRunUtc(clock.UtcNow, at, clock.Zone);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (clock.UtcNow < next)
                {
                    continue;
                }

                next = BackupOptions.NextRunUtc(clock.UtcNow, at, clock.Zone);
                await BackUpAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The portal stops.
        }
    }

    private async Task BackUpAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Inherited = Actor.System;
            await scope.ServiceProvider.GetRequiredService<BackupService>().BackUpScheduledAsync(stoppingToken);
        }
        catch (DomainException)
        {
            // Logged by the service; tomorrow's backup tries again.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed backup must not stop the portal (a background service's exception would).
            logger.LogError(e, "The daily backup failed; tomorrow's tries again");
        }
    }
}
