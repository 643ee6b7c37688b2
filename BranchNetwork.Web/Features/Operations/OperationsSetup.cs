using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Web.Features.Operations;

public static class OperationsSetup
{
    /// <summary>
    /// Backups and their daily schedule; running as a systemd service (start-up notification, journal-friendly
    /// logs) or as a Windows service (content root beside the program) when started as one, and as before otherwise.
    /// </summary>
    public static WebApplicationBuilder AddPortalOperations(this WebApplicationBuilder builder)
    {
        builder.Host.UseSystemd().UseWindowsService(o => o.ServiceName = "BranchNetwork");
        builder.Services.AddOperations(builder.Configuration, builder.Environment.ContentRootPath, allowTestHooks: !builder.Environment.IsProduction());
        builder.Services.AddHostedService<BackupSchedule>();
        return builder;
    }

    /// <summary>
    /// Holds the database's lock (shared) while the portal runs, so <c>restore</c> refuses to replace the file under
    /// it. A portal cannot start while a restore holds the lock.
    /// </summary>
    public static void HoldDatabaseLock(this WebApplication app)
    {
        if (FileConnectionString(app) is not { } connectionString)
        {
            return;
        }

        var database = DatabaseFiles.PathOf(connectionString);
        var held = PortalLock.TryShared(database)
            ?? throw new InvalidOperationException($"{database} is being restored; start the portal once the restore has finished.");
        app.Lifetime.ApplicationStopped.Register(held.Dispose);
    }

    /// <summary>
    /// Removes what a killed backup or restore left (a stage file beside the database is a full copy of it), logging
    /// each file; after <see cref="HoldDatabaseLock"/>, so that no restore is running, and before the portal serves.
    /// </summary>
    public static void RemoveLeftoverFiles(this WebApplication app)
    {
        if (FileConnectionString(app) is { } connectionString)
        {
            DatabaseFiles.RemoveLeftovers(connectionString, app.Services.GetRequiredService<IOptions<BackupOptions>>().Value.Directory,
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseFiles)));
        }
    }

    /// <summary>The SQLite file's connection string, or null on PostgreSQL and when the database lives in memory (tests).</summary>
    private static string? FileConnectionString(WebApplication app)
    {
        var options = app.Services.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>();
        return DatabaseProvider.SqliteFile(options) is null ? null : RelationalOptionsExtension.Extract(options).ConnectionString;
    }
}
