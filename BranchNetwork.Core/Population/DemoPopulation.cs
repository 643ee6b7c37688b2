using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Population;

/// <summary>
/// The demo's resident population: invented figures, plausible for Yangshan County (about 360,000 residents in 2020,
/// a third of them in the county town 阳城镇), with a few hundred more in the town and slightly fewer in the villages
/// each year, for every year the demo has figures. Every row is marked demo data, and shows so.
/// </summary>
public sealed class DemoPopulation(IDbContextFactory<BranchNetworkDbContext> dbFactory, FiguresService figures)
{
    public const int BaseYear = 2020;

    /// <summary>Residents in 2020, administrative villages, and the yearly change (the county town grows, the villages shrink).</summary>
    public static readonly IReadOnlyDictionary<string, (int Residents, int Villages, decimal Change)> Townships = new Dictionary<string, (int, int, decimal)>
    {
        ["YC"] = (120_600, 15, 0.008m),
        ["QG"] = (29_400, 12, -0.004m),
        ["DB"] = (21_800, 10, -0.004m),
        ["LIB"] = (32_500, 13, -0.003m),
        ["QL"] = (30_200, 11, -0.004m),
        ["TP"] = (18_900, 9, -0.005m),
        ["JY"] = (16_700, 9, -0.005m),
        ["YM"] = (12_300, 8, -0.006m),
        ["DL"] = (19_600, 10, -0.004m),
        ["XJ"] = (21_400, 11, -0.004m),
        ["LB"] = (15_800, 9, -0.005m),
        ["HB"] = (11_200, 8, -0.006m),
        ["CJ"] = (9_600, 7, -0.006m),
    };

    /// <summary>A township's residents in a year, to the nearest ten.</summary>
    public static int ResidentsOf(string townshipCode, int year)
    {
        var (residents, _, change) = Townships[townshipCode];
        return (int)Math.Round(residents * (1 + change * (year - BaseYear)) / 10m) * 10;
    }

    /// <summary>The village a service point serves: 1,500 to 3,120 residents.</summary>
    public static int VillageResidentsOf(string townshipCode, int pointIndex) => 1_500 + ((townshipCode.Length * 7) + (pointIndex * 11)) % 10 * 180;

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.TownshipPopulations.AnyAsync(ct))
        {
            return 0;
        }

        var points = await db.Units.Where(u => u.Kind == UnitKind.ServicePoint).ToDictionaryAsync(u => u.Code, ct);
        var added = 0;
        for (var year = DemoFigures.First.Year; year <= figures.LastFullMonth.Year; year++)
        {
            foreach (var town in DemoNetwork.Townships)
            {
                db.TownshipPopulations.Add(TownshipPopulation.Create(year, town.Name, ResidentsOf(town.Code, year), Townships[town.Code].Villages, isDemo: true));
                added++;
                for (var v = 0; v < town.Villages.Length; v++)
                {
                    if (points.TryGetValue($"{DemoNetwork.HeadLibraryCode}-{town.Code}-{v + 1:00}", out var point))
                    {
                        db.VillagePopulations.Add(VillagePopulation.Create(year, point, VillageResidentsOf(town.Code, v), isDemo: true));
                    }
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
