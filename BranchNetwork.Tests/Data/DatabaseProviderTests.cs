using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Data;

/// <summary>What the provider seam promises, on both databases alike: the same search hits, unique violations, bulk copies.</summary>
public abstract class DatabaseProviderTests(DatabaseKind kind) : IDisposable
{
    private readonly TestNetwork network = new(kind: kind);

    public void Dispose() => network.Dispose();

    [Theory]
    [InlineData("ys-qg-0")]
    [InlineData("Ys-Qg")]
    [InlineData("火岗")]
    [InlineData("七拱镇")]
    public async Task A_search_finds_the_same_units_whatever_the_case_of_Latin_letters(string text)
    {
        await using var db = network.Database.CreateDbContext();
        var all = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Name }).ToListAsync();

        var hits = await db.Units.AsNoTracking().WhereContainsIgnoringCase(db.Database, text, u => u.Code, u => u.Name)
            .OrderBy(u => u.Code).Select(u => u.Code).ToListAsync();

        var expected = all.Where(u => u.Code.Contains(text, StringComparison.OrdinalIgnoreCase) || u.Name.Contains(text, StringComparison.Ordinal))
            .Select(u => u.Code).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, hits);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData(@"\")]
    public async Task Wildcards_in_the_search_text_match_only_themselves(string text)
    {
        await using var db = network.Database.CreateDbContext();

        var hits = await db.Units.AsNoTracking().WhereContainsIgnoringCase(db.Database, text, u => u.Code, u => u.Name).CountAsync();

        Assert.Equal(0, hits);
        Assert.Equal(53, await db.Units.CountAsync());
    }

    [Fact]
    public async Task A_second_report_for_the_same_unit_and_month_is_a_unique_violation()
    {
        await using var db = network.Database.CreateDbContext();
        var unit = await db.Units.SingleAsync(u => u.Code == "YS-QG-01");
        db.MonthlyReports.Add(MonthlyReport.Start(unit, new Period(2026, 1)));
        db.MonthlyReports.Add(MonthlyReport.Start(unit, new Period(2026, 1)));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(DatabaseProvider.IsUniqueViolation(error), error.InnerException?.Message);
    }

    [Fact]
    public async Task Reports_written_in_bulk_read_back_with_their_values_times_and_explanations()
    {
        var submitted = new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        await using var db = network.Database.CreateDbContext();
        var units = await db.Units.Where(u => u.Code == "YS-QG-01" || u.Code == "YS-QG-02").OrderBy(u => u.Id).ToListAsync();
        await network.Indicators.SeedStandardAsync();
        var indicator = await db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await FiguresBulkWriter.InsertAsync(db, [
                new BulkReport(units[0].Id, 202601, ReportState.Submitted, submitted, "甲", null, null, null, [(indicator, 12.5m, "说明")]),
                new BulkReport(units[1].Id, 202601, ReportState.Draft, null, null, null, null, "备注", [(indicator, null, null)], CheckedUnflagged: true),
            ], default);
            await transaction.CommitAsync();
        }

        await using var read = network.Database.CreateDbContext();
        var reports = await read.MonthlyReports.AsNoTracking().Include(r => r.Values).Where(r => r.PeriodKey == 202601)
            .OrderBy(r => r.UnitId).ToListAsync();
        Assert.Equal(2, reports.Count);
        Assert.Equal((ReportState.Submitted, (DateTime?)submitted, "甲", 1), (reports[0].State, reports[0].SubmittedAtUtc, reports[0].SubmittedBy, reports[0].Version));
        Assert.Equal((12.5m, "说明"), (reports[0].Values.Single().Value, reports[0].Values.Single().Explanation));
        Assert.Equal((ReportState.Draft, "备注"), (reports[1].State, reports[1].Comment));
        Assert.Null(reports[1].Values.Single().Value);
        // Ids taken for the copy come from the table's own sequence: the next report the portal adds gets a new one.
        read.MonthlyReports.Add(MonthlyReport.Start(await read.Units.SingleAsync(u => u.Id == units[0].Id), new Period(2026, 2)));
        await read.SaveChangesAsync();
        Assert.Equal(3, await read.MonthlyReports.Select(r => r.Id).Distinct().CountAsync());
    }

    [Fact]
    public async Task Ids_taken_for_a_bulk_write_are_never_those_of_reports_deleted_before_it()
    {
        await using var db = network.Database.CreateDbContext();
        var unit = await db.Units.Where(u => u.Code == "YS-QG-01").Select(u => u.Id).SingleAsync();
        async Task<int> WriteAsync(int periodKey)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await FiguresBulkWriter.InsertAsync(db, [new BulkReport(unit, periodKey, ReportState.Draft, null, null, null, null, null, [])], default);
            await transaction.CommitAsync();
            return await db.MonthlyReports.Where(r => r.UnitId == unit && r.PeriodKey == periodKey).Select(r => r.Id).SingleAsync();
        }

        var first = await WriteAsync(202512);
        var deleted = await WriteAsync(202601);
        await db.MonthlyReports.Where(r => r.Id == deleted).ExecuteDeleteAsync();
        var next = await WriteAsync(202601);

        Assert.True(deleted > first && next > deleted, $"ids {first}, {deleted} (deleted), then {next}");
    }
}

public sealed class DatabaseProviderTestsOnSqlite() : DatabaseProviderTests(DatabaseKind.Sqlite);

public sealed class DatabaseProviderTestsOnPostgreSql() : DatabaseProviderTests(DatabaseKind.PostgreSql);
