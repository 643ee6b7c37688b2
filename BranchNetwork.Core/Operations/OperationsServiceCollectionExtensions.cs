using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BranchNetwork.Core.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>Backups (after <c>AddBranchNetworkData</c>).</summary>
    /// <param name="contentRoot">Backups go to <c>App_Data/backups</c> under it unless <c>Backup:Directory</c> says otherwise.</param>
    /// <param name="allowTestHooks">Whether <see cref="HoldCommitInterceptor.Setting"/> may be honoured (never in production).</param>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration, string contentRoot, bool allowTestHooks = false)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section)).PostConfigure(o =>
            o.Directory = ResolveFolder(o.Directory, contentRoot));
        services.AddSingleton<BackupGate>();
        services.AddSingleton<BackupEngines>();
        services.AddScoped<BackupService>();

        if (configuration[HoldCommitInterceptor.Setting] is { Length: > 0 } folder)
        {
            if (!allowTestHooks)
            {
                throw new InvalidOperationException($"{HoldCommitInterceptor.Setting} is a hook of the crash tests and holds commits: remove it from this portal's settings.");
            }

            var descriptor = services.Single(d => d.ServiceType == typeof(DbContextOptions<BranchNetworkDbContext>));
            var dbOptions = (DbContextOptions<BranchNetworkDbContext>)descriptor.ImplementationInstance!;
            services.Replace(ServiceDescriptor.Singleton(new DbContextOptionsBuilder<BranchNetworkDbContext>(dbOptions)
                .AddInterceptors(new HoldCommitInterceptor(folder)).Options));
        }

        return services;
    }

    public static string ResolveFolder(string? configured, string contentRoot) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine("App_Data", "backups") : configured, contentRoot);
}
