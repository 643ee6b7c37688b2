using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
