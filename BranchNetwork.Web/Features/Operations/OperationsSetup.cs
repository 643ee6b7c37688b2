using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BranchNetwork.Web.Features.Operations;

public static class OperationsSetup
{
    /// <summary>Backups, their daily schedule and the page's services.</summary>
    public static IServiceCollection AddPortalOperations(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOperations(configuration, contentRoot);
        services.AddHostedService<BackupSchedule>();
        return services;
    }

    /// <summary>
    /// Holds the database's lock (shared) while the portal runs, so <c>restore</c> refuses to replace the file under
    /// it. A portal cannot start while a restore holds the lock.
    /// </summary>
    public static void HoldDatabaseLock(this WebApplication app)
    {
        var connectionString = RelationalOptionsExtension.Extract(app.Services.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>()).ConnectionString;
        if (connectionString is null || connectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var database = DatabaseFiles.PathOf(connectionString);
        var held = PortalLock.TryShared(database)
            ?? throw new InvalidOperationException($"{database} is being restored; start the portal once the restore has finished.");
        app.Lifetime.ApplicationStopped.Register(held.Dispose);
    }
}
