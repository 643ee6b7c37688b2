using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Core.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "BranchNetwork";

    /// <summary>
    /// The database (SQLite file from <c>ConnectionStrings:BranchNetwork</c>, by default <c>App_Data/branchnetwork.db</c>
    /// under <paramref name="contentRoot"/>), the clock and the start-up initializer.
    /// </summary>
    public static IServiceCollection AddBranchNetworkData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), contentRoot);
        services.AddSingleton(new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite(connectionString).Options);
        services.AddScoped<IDbContextFactory<BranchNetworkDbContext>, BranchNetworkDbContextFactory>();
        // Identity's stores take a context from the container; it is the same kind, auditing the same user.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContext());
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CountyClock>();
        services.AddScoped<ActorContext>();
        services.AddScoped<AuditService>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton(InstanceIdentity.ForThisProcess());
        services.AddScoped<Leases>();
        services.AddScoped(MigrationGate);
        return services;
    }

    /// <summary>
    /// SQLite: the lock file beside the database. A server database: the lease in the database, once its table exists;
    /// before that (a new database) the provider seam's server lock must serialise the first migration.
    /// </summary>
    private static IMigrationGate MigrationGate(IServiceProvider services)
    {
        var options = services.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>();
        if (ProviderCheck.IsSqlite(options))
        {
            var relational = Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(options);
            var file = new SqliteConnectionStringBuilder(relational.ConnectionString ?? relational.Connection?.ConnectionString ?? "");
            return new FileMigrationGate(file.DataSource is { Length: > 0 } path && path != ":memory:" && file.Mode != SqliteOpenMode.Memory ? path : null);
        }

        return new LeaseMigrationGate(services.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>(), services.GetRequiredService<Leases>(),
            // The provider seam replaces this in-process stand-in with PostgreSQL's pg_advisory_lock.
            new FileMigrationGate(null));
    }

    /// <summary>Fills in the default file and makes sure its folder exists (SQLite creates files, not folders).</summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/branchnetwork.db" : configured);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}
