using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Figures;

/// <summary>
/// Lands many submitted reports at once (the bulk writer, as imports do), months from January 2000 on, long before
/// the demo figures: every reporting unit for a month, then the next month. From a unit's fifth month on, a report
/// for which <paramref name="flag"/> says so carries 50 times the unit's usual visits, which its own history flags.
/// </summary>
public static class ReviewQueueSeed
{
    public static readonly Period First = new(2000, 1);

    public static async Task<int> SubmitAsync(BranchNetworkDbContext db, int count, Func<int, bool>? flag = null)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code).ToListAsync();
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.IsActive).ToListAsync();
        if (indicators.Count == 0)
        {
            throw new InvalidOperationException("Seed the indicator catalogue first.");
        }
        var submitted = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var reports = new List<BulkReport>(count);
        for (var month = 0; reports.Count < count; month++)
        {
            var period = First.AddMonths(month);
            foreach (var unit in units.TakeWhile(_ => reports.Count < count))
            {
                var flagged = month >= 4 && (flag?.Invoke(reports.Count) ?? false);
                var values = indicators.Where(i => i.AppliesToKind(unit.Kind))
                    .Select(i => (i.Id, (decimal?)(i.Code == "visits" && flagged ? 5_000m : Math.Min(i.Maximum, 100m)), (string?)null))
                    .ToList();
                reports.Add(new BulkReport(unit.Id, period.Key, ReportState.Submitted, submitted, "测试", null, null, null, values));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await FiguresBulkWriter.InsertAsync(db, reports, default);
        await transaction.CommitAsync();
        return reports.Count;
    }
}
