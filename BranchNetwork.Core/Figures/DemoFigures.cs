using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Figures;

/// <summary>
/// The demo's monthly figures: deterministic (a fixed seed), plausible for a county network, zero while closed in
/// 2020, mostly approved, with drafts, a return, a submitted month and late submissions in the latest quarter.
/// 七拱镇's latest month is left empty for the walk-through. All of it is demo data.
/// </summary>
public sealed class DemoFigures(IDbContextFactory<BranchNetworkDbContext> dbFactory, CountyClock clock, FiguresService figures)
{
    public static readonly Period First = new(2019, 1);
    public const string Reviewer = "总馆工作人员 (演示)";

    /// <summary>The 2020 closure of the whole network (source report: closed 24 January, reopened step by step from 13 May).</summary>
    public static readonly (DateOnly Start, DateOnly End, string Reason) Closure2020 =
        (new DateOnly(2020, 1, 24), new DateOnly(2020, 5, 12), "新冠肺炎疫情防控，临时闭馆");

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A voided closure is still recorded: the demo is not seeded again over it.
        if (!await db.Closures.IgnoreQueryFilters().AnyAsync(ct))
        {
            db.Closures.Add(Closure.Create(null, Closure2020.Start, Closure2020.End, Closure2020.Reason));
            await db.SaveChangesAsync(ct);
        }

        if (await db.MonthlyReports.AnyAsync(ct))
        {
            return 0;
        }

        var units = await db.Units.AsNoTracking().Where(u => u.Kind != UnitKind.HeadLibrary).OrderBy(u => u.Code).ToListAsync(ct);
        var indicators = await FiguresService.ActiveIndicatorsAsync(db, ct);
        var closures = await db.Closures.AsNoTracking().ToListAsync(ct);
        var last = figures.LastFullMonth;
        var reports = new List<BulkReport>();
        foreach (var unit in units)
        {
            var start = unit.OpenedOn is { } opened && Period.Of(opened) > First ? Period.Of(opened) : First;
            foreach (var period in Period.Range(start, last))
            {
                if (Plan(unit.Code, period, last) is not { } plan)
                {
                    continue;
                }

                var openShare = OpenShare(closures, unit.Id, period);
                var values = indicators.Where(i => i.IsDueIn(unit.Kind, period))
                    .Select(i => (i.Id, (decimal?)Value(unit, i, period, openShare), (string?)null))
                    .ToList();
                if (plan.State == ReportState.Draft)
                {
                    values = values.Take(values.Count / 2).ToList();
                }
                else if (plan.FlagVisits)
                {
                    var visits = indicators.First(i => i.Code == "visits").Id;
                    values = values.Select(v => v.Id == visits ? (v.Id, v.Item2 * 3, (string?)"本月举办乡村文化节，到馆人数大增 (演示)") : v).ToList();
                }

                var due = figures.DueOn(period);
                var submitted = plan.State == ReportState.Draft ? (DateTime?)null : NotAfterNow(Utc(due.AddDays(plan.Late ? 3 : -2)), hoursAgo: 6);
                var reviewed = plan.State is ReportState.Approved or ReportState.Returned ? NotAfterNow(submitted!.Value.AddDays(2), hoursAgo: 2) : (DateTime?)null;
                reports.Add(new BulkReport(unit.Id, period.Key, plan.State, submitted, submitted is null ? null : $"{unit.Name}管理员 (演示)",
                    reviewed, reviewed is null ? null : Reviewer,
                    plan.State == ReportState.Returned ? "外借册次明显低于上月，请核对后重新提交。(演示)" : null,
                    values));
            }
        }

        await db.Database.InTransactionAsync(() => FiguresBulkWriter.InsertAsync(db, reports, ct), ct);
        return reports.Count;
    }

    private sealed record DemoPlan(ReportState State, bool Late = false, bool FlagVisits = false);

    /// <summary>Which reports exist and in what state; null: none yet.</summary>
    private static DemoPlan? Plan(string code, Period period, Period last)
    {
        if (period == last)
        {
            return code switch
            {
                _ when code.StartsWith("YS-QG", StringComparison.Ordinal) => null,
                _ when code.StartsWith("YS-QL", StringComparison.Ordinal) => new DemoPlan(ReportState.Submitted, FlagVisits: code == "YS-QL-01"),
                _ when code.StartsWith("YS-TP", StringComparison.Ordinal) => new DemoPlan(ReportState.Draft),
                "YS-DB-01" => new DemoPlan(ReportState.Returned),
                _ when code.StartsWith("YS-CJ", StringComparison.Ordinal) => null,
                _ => new DemoPlan(ReportState.Approved),
            };
        }

        var late = (period == last.Previous && code.StartsWith("YS-YC", StringComparison.Ordinal))
            || (period == last.AddMonths(-2) && code == "YS-HB-02");
        return new DemoPlan(ReportState.Approved, Late: late);
    }

    /// <summary>The month before today is still being submitted: nothing in the demo is dated after the county clock's now.</summary>
    private DateTime NotAfterNow(DateTime utc, int hoursAgo) => utc < clock.UtcNow.AddHours(-hoursAgo) ? utc : clock.UtcNow.AddHours(-hoursAgo);

    private DateTime Utc(DateOnly countyDay) =>
        TimeZoneInfo.ConvertTimeToUtc(countyDay.ToDateTime(new TimeOnly(16, 30)), clock.Zone);

    private static decimal OpenShare(List<Closure> closures, int unitId, Period period)
    {
        var days = period.LastDay.Day;
        var open = Enumerable.Range(0, days).Count(d => !closures.Any(c => c.Covers(unitId, period.FirstDay.AddDays(d))));
        return (decimal)open / days;
    }

    private static decimal Value(Unit unit, Indicator indicator, Period period, decimal openShare)
    {
        if (indicator.Frequency == IndicatorFrequency.Annual)
        {
            return AnnualValue(unit, indicator, period);
        }

        if (openShare == 0)
        {
            return 0;
        }

        var branch = unit.Kind == UnitKind.Branch;
        // Winter holiday and summer holiday bring pupils; the Spring Festival month is quiet.
        decimal season = period.Month switch { 1 => 1.1m, 2 => 0.75m, 7 or 8 => 1.35m, 10 => 0.9m, _ => 1m };
        var growth = 1 + 0.05m * (period.Year - First.Year);
        var noise = 0.85m + (decimal)(Hash(unit.Code, period.Key, indicator.Code) % 30) / 100m;
        var visits = (branch ? 1500m : 420m) * season * growth * noise * openShare;
        var amount = indicator.Code switch
        {
            "visits" => visits,
            "loans" => visits * 0.9m,
            "borrowers" => visits * 0.35m,
            "new_cards" => visits * 0.02m,
            "programs" => (branch ? 4m : 2m) * noise * openShare,
            "program_attendance" => (branch ? 100m : 45m) * season * noise * openShare,
            "exhibitions" => branch || period.Month % 3 == 0 ? 1m : 0m,
            "digital_uses" => (branch ? 800m : 150m) * growth * noise * openShare,
            "pc_uses" => visits * 0.1m,
            "open_hours" => Math.Round((unit.OpeningHoursPerWeek ?? 24m) * 4.3m * openShare, 1),
            "volunteer_hours" => Math.Round((branch ? 20m : 6m) * noise * openShare, 1),
            "items_added" => (branch ? 60m : 15m) * noise,
            _ => 10m * noise * openShare,
        };
        amount = indicator.IsDecimal ? Math.Round(amount, 1) : Math.Round(amount, 0);
        return Math.Clamp(amount, indicator.Minimum, indicator.Maximum);
    }

    /// <summary>Year-end stocks that grow a little each year, and the year's money of a township branch or a village room.</summary>
    private static decimal AnnualValue(Unit unit, Indicator indicator, Period period)
    {
        var branch = unit.Kind == UnitKind.Branch;
        var years = period.Year - First.Year;
        var noise = 0.9m + (decimal)(Hash(unit.Code, period.Key, indicator.Code) % 20) / 100m;
        var amount = indicator.Code switch
        {
            "valid_cards" => (branch ? 1800m : 260m) * (1 + 0.06m * years) * noise,
            "holdings" => (branch ? 12_000m : 2_500m) + (branch ? 700m : 180m) * years * noise,
            "pc_terminals" => branch ? 6m + years / 2 : 2m,
            "appropriation" => (branch ? 60_000m : 8_000m) * noise,
            "expenditure" => (branch ? 56_000m : 7_600m) * noise,
            _ => 10m * noise,
        };
        amount = indicator.IsDecimal ? Math.Round(amount, 2) : Math.Round(amount, 0);
        return Math.Clamp(amount, indicator.Minimum, indicator.Maximum);
    }

    /// <summary>A stable hash (string.GetHashCode changes between runs).</summary>
    private static uint Hash(string code, int period, string indicator)
    {
        var h = 2166136261u;
        foreach (var c in $"{code}|{period}|{indicator}")
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }
}
