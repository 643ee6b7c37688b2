using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Operations;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Tests.Operations;

/// <summary>The backups page: the list, the button that cannot be pressed twice, and errors in the user's words.</summary>
public sealed class BackupsPageTests : ComponentTest
{
    private readonly string folder = Directory.CreateTempSubdirectory("branchnetwork-backups-page-").FullName;
    private readonly BackupGate gate = new();

    public BackupsPageTests()
    {
        Services.AddSingleton(gate);
    }

    /// <summary>The page's service backs up a migrated database file (an in-memory one has no file to copy).</summary>
    private void UseFolder(string backups)
    {
        var factory = new BranchNetworkDbContextFactory(
            new DbContextOptionsBuilder<BranchNetworkDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "live.db")};Pooling=False").Options,
            Network.User, Network.Time);
        using (var db = factory.CreateDbContext())
        {
            db.Database.Migrate();
        }

        var options = Options.Create(new BackupOptions { Directory = backups });
        Services.AddScoped(_ => new BackupService(factory, Network.User, Network.Clock, gate, new BackupEngines(options),
            new Leases(factory, new InstanceIdentity("page"), Network.Time, NullLogger<Leases>.Instance), options, NullLogger<BackupService>.Instance));
    }

    [Fact]
    public void The_page_lists_the_backups_newest_first_with_time_and_size()
    {
        UseFolder(folder);
        File.WriteAllBytes(Path.Combine(folder, "branchnetwork-20260301-023000.db"), new byte[1024 * 1024]);
        File.WriteAllBytes(Path.Combine(folder, "branchnetwork-20260302-023000.db"), new byte[3 * 1024 * 1024 / 2]);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a backup");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "branchnetwork-20260302-023000.db"), new DateTime(2026, 3, 1, 18, 30, 0, DateTimeKind.Utc));

        var page = Render<BackupsPage>();

        var rows = page.FindAll("[data-testid=backup-table] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("branchnetwork-20260302-023000.db", rows[0].TextContent);
        Assert.Contains("2026-03-02 02:30:00", rows[0].TextContent);
        Assert.Contains("1.5 MB", rows[0].TextContent);
        Assert.Contains("branchnetwork-20260301-023000.db", rows[1].TextContent);
        Assert.Contains(folder, page.Find("[data-testid=backup-folder]").TextContent);
    }

    [Fact]
    public void A_backup_that_cannot_be_written_says_why_in_the_users_language_and_the_button_works_again()
    {
        var file = Path.Combine(folder, "a-file");
        File.WriteAllText(file, "");
        UseFolder(Path.Combine(file, "backups"));
        var page = Render<BackupsPage>();
        Assert.NotNull(page.Find("[data-testid=backup-empty]"));

        page.Find("[data-testid=backup-now]").Click();

        page.WaitForAssertion(() => Assert.Contains("无法写入备份文件", page.Find("[data-testid=backup-error]").TextContent));
        Assert.Contains("在用数据库未受影响", page.Find("[data-testid=backup-error]").TextContent);
        Assert.False(page.Find("[data-testid=backup-now]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=backup-progress]"));
        Assert.False(gate.IsBusy);
    }

    [Fact]
    public void While_a_backup_runs_the_button_is_disabled_and_progress_shows()
    {
        UseFolder(folder);
        Assert.True(gate.TryEnter());

        var page = Render<BackupsPage>();

        Assert.True(page.Find("[data-testid=backup-now]").HasAttribute("disabled"));
        Assert.NotNull(page.Find("[data-testid=backup-progress]"));
        gate.Exit();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
