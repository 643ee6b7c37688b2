using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BranchNetwork.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database (<c>Database:Provider</c>: a SQLite file from <c>ConnectionStrings:BranchNetwork</c>, by default
    /// <c>App_Data/branchnetwork.db</c> under <paramref name="contentRoot"/>, or the PostgreSQL database it names), the
    /// clock and the start-up initializer.
    /// </summary>
    /// <exception cref="DatabaseSettingException">The provider is unknown or PostgreSQL has no connection string.</exception>
    public static IServiceCollection AddBranchNetworkData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(DatabaseProvider.Options(configuration, contentRoot));
        services.AddScoped<IDbContextFactory<BranchNetworkDbContext>, BranchNetworkDbContextFactory>();
        // Identity's stores take a context from the container; it is the same kind, auditing the same user.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContext());
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CountyClock>();
        services.AddScoped<ActorContext>();
        services.AddScoped<AuditService>();
        services.AddScoped<DatabaseInitializer>();
        services.TryAddSingleton<StartupTimeline>();
        services.AddSingleton(InstanceIdentity.ForThisProcess());
        services.AddScoped<Leases>();
        services.AddScoped(MigrationGate);
        return services;
    }

    /// <summary>
    /// SQLite: the lock file beside the database. A server database: the lease in the database, once its table exists;
    /// before that (a new database) the server's own lock serialises the first migration.
    /// </summary>
    private static IMigrationGate MigrationGate(IServiceProvider services)
    {
        var options = services.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>();
        return DatabaseProvider.KindOf(options) == DatabaseKind.Sqlite
            ? new FileMigrationGate(DatabaseProvider.SqliteFile(options))
            : new LeaseMigrationGate(dbFactory, services.GetRequiredService<Leases>(), new ServerLockMigrationGate(dbFactory));
    }
}
