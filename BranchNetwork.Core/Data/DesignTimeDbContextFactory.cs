using BranchNetwork.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BranchNetwork.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the portal.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BranchNetworkDbContext>
{
    public BranchNetworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite("Data Source=design-time.db").Options, SystemUser.Instance, TimeProvider.System);
}
