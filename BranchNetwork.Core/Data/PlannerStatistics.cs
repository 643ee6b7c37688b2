using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BranchNetwork.Core.Data;

public static class PlannerStatistics
{
    /// <summary>
    /// Refreshes SQLite's table statistics (ANALYZE, about 20 ms for ten years of figures). Without them the planner
    /// guesses that an indicator matches a handful of values and sums a month by walking that indicator's values of
    /// every year; with them it starts from the month's reports. Run after start-up and after large imports. The same
    /// statement refreshes PostgreSQL's statistics, which its autovacuum also keeps.
    /// </summary>
    public static Task RefreshPlannerStatisticsAsync(this DatabaseFacade database, CancellationToken ct = default) =>
        database.ExecuteSqlRawAsync("ANALYZE;", ct);
}
