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
    private readonly DbContextOptions<BranchNetworkDbContext> options;

    public TestDatabase()
    {
        connection.Open();
        options = new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite(connection).Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
    }

    public BranchNetworkDbContext CreateDbContext() => new(options);

    public void Dispose() => connection.Dispose();
}
