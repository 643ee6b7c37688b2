using BranchNetwork.Core.Common;
using BranchNetwork.Core.Operations;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Features.Operations;

/// <summary>The daily backup at <c>Backup:DailyAt</c> (county time), on the injected clock.</summary>
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

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.UtcNow;
            var next = BackupOptions.NextRunUtc(now, at, clock.Zone);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
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
}
