using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in memory, built by the checked-in migrations. The connection stays open for the
/// database's lifetime (an in-memory database lives as long as its connection); every context shares it.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<BranchNetworkDbContext>, IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly BranchNetworkDbContextFactory factory;

    public TestDatabase(ICurrentUser currentUser, TimeProvider time)
    {
        connection.Open();
        factory = new BranchNetworkDbContextFactory(
            new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite(connection).Options, currentUser, time);
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public BranchNetworkDbContext CreateDbContext() => factory.CreateDbContext();

    public void Dispose() => connection.Dispose();
}
