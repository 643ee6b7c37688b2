using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using BranchNetwork.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Operations;

/// <summary>
/// The command-line verbs, run instead of the web host: <c>backup &lt;file&gt;</c> (also while the portal runs),
/// <c>restore &lt;file&gt;</c> (SQLite: portal stopped; PostgreSQL: into an empty database) and <c>check [&lt;file&gt;]</c>
/// (PostgreSQL: the server's version too), each by the backup engine of the configured database. They read the portal's own settings
/// (appsettings, environment, <c>--Key=value</c> after the verb) and answer 0, or 1 with a message on error
/// (2 for a wrong command line).
/// </summary>
public static class OperationsCommands
{
    public const int Ok = 0, Failed = 1, Usage = 2;

    private static readonly string[] Verbs = ["backup", "restore", "check"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        await using var services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();
        var l = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var file = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        if (file is null && args[0] != "check")
        {
            await error.WriteLineAsync(l["Ops.Usage"]);
            return Usage;
        }

        // The same settings, content root and database as the portal, without starting it.
        var portal = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Skip(file is null ? 1 : 2).ToArray() });
        await using var data = new ServiceCollection()
            .AddBranchNetworkData(portal.Configuration, portal.Environment.ContentRootPath)
            .AddOperations(portal.Configuration, portal.Environment.ContentRootPath)
            .BuildServiceProvider();
        await using var db = DatabaseProvider.CreateContext(data.GetRequiredService<DbContextOptions<BranchNetworkDbContext>>(), SystemUser.Instance, TimeProvider.System);
        var engine = data.GetRequiredService<BackupEngines>().For(db);
        var database = DatabaseTarget.Of(db);
        try
        {
            switch (args[0])
            {
                case "backup":
                    var bytes = await engine.BackUpAsync(database, file!, null, null, CancellationToken.None);
                    await output.WriteLineAsync(l["Ops.BackedUp", engine.Location(database), Path.GetFullPath(file!), bytes]);
                    return Ok;
                case "restore":
                    var restored = await engine.RestoreAsync(database, file!, CancellationToken.None);
                    await output.WriteLineAsync(engine is SqliteBackupEngine
                        ? l["Ops.Restored", Path.GetFullPath(file!), restored.File, restored.LastMigration ?? "—", restored.File + ".before-restore", restored.PendingMigrations]
                        : l["Ops.RestoredServer", Path.GetFullPath(file!), restored.File, restored.LastMigration ?? "—", restored.PendingMigrations]);
                    return Ok;
                default:
                    var check = await engine.CheckAsync(database, file, CancellationToken.None);
                    if (!check.IntegrityOk)
                    {
                        await error.WriteLineAsync(l["Ops.CheckFailed", check.File, string.Join(Environment.NewLine, check.IntegrityProblems)]);
                        return Failed;
                    }

                    var newer = check.UnknownMigrations.Count == 0 ? "" : l["Error.Backup.NewerSchema", check.File, string.Join(", ", check.UnknownMigrations)].Value;
                    await output.WriteLineAsync(check.ServerVersion is { } server
                        ? l["Ops.CheckServer", check.File, server, check.LastMigration ?? "—", check.PendingMigrations, check.Bytes, newer]
                        : l["Ops.CheckOk", check.File, check.LastMigration ?? "—", check.PendingMigrations, check.Bytes, newer]);
                    return Ok;
            }
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync(l.Error(e));
            return Failed;
        }
    }
}
