using BranchNetwork.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BranchNetwork.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model (<c>--context BranchNetworkDbContext</c>) without starting the portal.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BranchNetworkDbContext>
{
    public BranchNetworkDbContext CreateDbContext(string[] args) =>
        new(DatabaseProvider.Options(DatabaseKind.Sqlite, "Data Source=design-time.db"), SystemUser.Instance, TimeProvider.System);
}

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model (<c>--context PostgreSqlBranchNetworkDbContext</c>). Adding a
/// migration or checking for pending model changes connects to no server; the connection string only names the provider.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlBranchNetworkDbContext>
{
    public PostgreSqlBranchNetworkDbContext CreateDbContext(string[] args) =>
        new(DatabaseProvider.Options(DatabaseKind.PostgreSql, "Host=localhost;Database=branchnetwork_design_time"), SystemUser.Instance, TimeProvider.System);
}
