using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BranchNetwork.Core.Data;

/// <summary>
/// Which kind of database the portal runs on, for the few things that differ by kind (how backups are made, how
/// instances are serialised at start-up). The one place that reads the provider's name: the provider seam's
/// <c>Database:Provider</c> setting replaces it.
/// </summary>
public static class ProviderCheck
{
    public static bool IsSqlite(DatabaseFacade database) => database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public static bool IsSqlite(DbContextOptions<BranchNetworkDbContext> options)
    {
        using var probe = new BranchNetworkDbContext(options, Common.SystemUser.Instance, TimeProvider.System);
        return IsSqlite(probe.Database);
    }
}
