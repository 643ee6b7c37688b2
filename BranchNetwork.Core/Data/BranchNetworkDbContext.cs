using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Network;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Data;

/// <summary>The one database of the portal: the network, its figures and the Identity tables.</summary>
/// <remarks>
/// Add a migration from the repository root:
/// <code>dotnet tool restore &amp;&amp; dotnet ef migrations add &lt;Name&gt; --project BranchNetwork.Core --startup-project BranchNetwork.Core --output-dir Data/Migrations</code>
/// Migrations are applied at start-up by <see cref="DatabaseInitializer"/>.
/// </remarks>
public sealed class BranchNetworkDbContext(DbContextOptions<BranchNetworkDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitStatusChange> UnitStatusChanges => Set<UnitStatusChange>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BranchNetworkDbContext).Assembly);
    }
}
