using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Network;

/// <summary>Adds the demo network's units that are missing, so it can run on every start.</summary>
public sealed class DemoNetworkSeeder(IDbContextFactory<BranchNetworkDbContext> dbFactory, CountyClock clock)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        var added = 0;
        foreach (var demo in DemoNetwork.Units())
        {
            if (existing.ContainsKey(demo.Code))
            {
                continue;
            }

            var parent = demo.ParentCode is null ? null : existing[demo.ParentCode];
            var unit = Unit.Create(demo.Kind, demo.Code, parent, demo.Profile, UnitStatus.Open, Actor.System.Name, clock.UtcNow);
            unit.MarkPlaqued(demo.PlaquedOn, "统一标识牌 (演示数据)", clock.Today);
            db.Units.Add(unit);
            existing.Add(unit.Code, unit);
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
