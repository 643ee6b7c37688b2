using System.Text;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BranchNetwork.Tests.Population;

/// <summary>The population kept by administrators: saved a year at a time, imported whole or not at all, and audited.</summary>
public sealed class PopulationTests : IDisposable
{
    private readonly TestNetwork network = new();

    public void Dispose() => network.Dispose();

    private PopulationService Population => network.Services.GetRequiredService<PopulationService>();

    private static MemoryStream Xlsx(params Dictionary<string, object?>[] rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => (IDictionary<string, object?>)r), excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    private static Dictionary<string, object?> Row(object? year, string township, object? residents, object? villages = null, string? point = null) => new()
    {
        ["year"] = year,
        ["township"] = township,
        ["service_point"] = point,
        ["name"] = township,
        ["residents"] = residents,
        ["villages"] = villages,
    };

    private async Task<int> StoredRowsAsync()
    {
        await using var db = network.Database.CreateDbContext();
        return await db.TownshipPopulations.CountAsync() + await db.VillagePopulations.CountAsync();
    }

    [Fact]
    public async Task A_year_lists_every_township_of_the_county_with_its_service_points()
    {
        var year = await Population.YearAsync(2025);

        Assert.Equal(13, year.Townships.Count);
        Assert.Equal("阳城镇", year.Townships[0].Township);
        Assert.All(year.Townships, t => Assert.True(t.HasBranch));
        Assert.Equal(["YS-QG-01", "YS-QG-02", "YS-QG-03"], year.Townships.Single(t => t.Township == "七拱镇").ServicePoints.Select(v => v.UnitCode));
        Assert.Equal(0, year.CountyTotal);
        Assert.Equal(13, year.TownshipsWithout);
    }

    [Fact]
    public async Task The_demo_population_sums_to_a_county_of_about_360000_for_every_year_with_figures_and_is_marked_demo()
    {
        network.User.Actor = Actor.System;
        await network.Services.GetRequiredService<DemoPopulation>().SeedAsync();
        network.User.Actor = TestCurrentUser.Administrator;

        foreach (var y in new[] { 2019, 2020, 2026 })
        {
            var year = await Population.YearAsync(y);
            Assert.InRange(year.CountyTotal, 350_000, 370_000);
            Assert.Equal(0, year.TownshipsWithout);
            Assert.True(year.HasDemo);
        }

        Assert.Equal(360_000, (await Population.YearAsync(2020)).CountyTotal);
        Assert.Equal(0, (await Population.YearAsync(2018)).Townships.Count(t => t.Residents is not null));
    }

    [Fact]
    public async Task Saving_a_year_keeps_the_figures_audits_them_and_refuses_a_stale_version()
    {
        await Population.SaveAsync(2025, [new TownshipInput("七拱镇", 29_000, 12, null)], [new VillageInput("YS-QG-01", 2_400, null)]);
        var saved = (await Population.YearAsync(2025)).Townships.Single(t => t.Township == "七拱镇");

        Assert.Equal((29_000, 12, false), (saved.Residents!.Value, saved.Villages!.Value, saved.IsDemo));
        Assert.Equal(2_400, saved.ServicePoints[0].Residents);
        await using (var db = network.Database.CreateDbContext())
        {
            var trail = await db.AuditEntries.Where(e => e.EntityType == AuditEntities.Population).Select(e => e.EntityKey).ToListAsync();
            Assert.Equal(["2025 YS-QG-01", "2025 七拱镇"], trail.Order(StringComparer.Ordinal));
        }

        await Population.SaveAsync(2025, [new TownshipInput("七拱镇", 29_100, 12, saved.Version)], []);
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Population.SaveAsync(2025, [new TownshipInput("七拱镇", 1, 12, saved.Version)], []));
        Assert.Equal(ErrorCodes.RecordChangedMeanwhile, stale.Code);
        Assert.Equal(29_100, (await Population.YearAsync(2025)).Townships.Single(t => t.Township == "七拱镇").Residents);
    }

    [Theory]
    [InlineData(-1, null, ErrorCodes.NegativeNumber, "七拱镇/Residents")]
    [InlineData(3_000_000, null, ErrorCodes.PopulationTooLarge, "七拱镇/Residents")]
    [InlineData(1_000, 2_000, ErrorCodes.PopulationTooLarge, "七拱镇/Villages")]
    [InlineData(1_000, null, ErrorCodes.PopulationVillagesExceedTownship, "七拱镇/Residents")]
    public async Task A_refused_figure_names_its_row_and_nothing_is_saved(int residents, int? villages, string code, string field)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Population.SaveAsync(2025, [new TownshipInput("七拱镇", residents, villages, null)], [new VillageInput("YS-QG-01", 2_400, null)]));

        Assert.Equal((code, field), (refused.Code, refused.Field));
        Assert.Equal(0, await StoredRowsAsync());
    }

    [Theory]
    [InlineData(Roles.HeadLibraryStaff)]
    [InlineData(Roles.Observer)]
    [InlineData(Roles.BranchWorker)]
    public async Task Only_administrators_read_save_or_import_the_population(string role)
    {
        if (role == Roles.BranchWorker)
        {
            network.ActAsBranchWorker("YS-QG");
        }
        else
        {
            network.ActAs(role);
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Population.YearAsync(2025));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Population.SaveAsync(2025, [new TownshipInput("七拱镇", 1, 1, null)], []));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Population.ImportAsync(Xlsx(Row(2025, "七拱镇", 29_000)), "population.xlsx"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Population.TemplateAsync(2025));
        Assert.Equal(0, await StoredRowsAsync());
    }

    [Fact]
    public async Task A_good_file_is_imported_whole_over_what_was_kept()
    {
        await Population.SaveAsync(2025, [new TownshipInput("七拱镇", 1_000, 12, null)], []);

        var result = await Population.ImportAsync(
            Xlsx(Row(2025, "七拱镇", 29_400, 12), Row(2025, "七拱镇", 2_100, point: "ys-qg-01"), Row(2024, "青莲镇", "30200", 11), Row(null, "", null)),
            "population.xlsx");

        Assert.True(result.Applied, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.Equal((2, 1), (result.Townships, result.Villages));
        var year = await Population.YearAsync(2025);
        Assert.Equal(29_400, year.Townships.Single(t => t.Township == "七拱镇").Residents);
        Assert.Equal(2_100, year.Townships.Single(t => t.Township == "七拱镇").ServicePoints[0].Residents);
        Assert.Equal(30_200, (await Population.YearAsync(2024)).Townships.Single(t => t.Township == "青莲镇").Residents);
    }

    [Fact]
    public async Task The_template_reads_back_as_a_file_the_import_takes()
    {
        await Population.SaveAsync(2025, [new TownshipInput("七拱镇", 29_000, 12, null)], []);

        var template = await Population.TemplateAsync(2025);
        var rows = new MemoryStream(template).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(13 + 39, rows.Count);
        Assert.Equal(["year", "township", "service_point", "name", "residents", "villages"], rows[0].Keys);
        Assert.Contains(rows, r => (string?)r["township"] == "七拱镇" && r["service_point"] is null && Convert.ToInt32(r["residents"]) == 29_000);
        Assert.True((await Population.ImportAsync(new MemoryStream(template), "template.xlsx")).Applied);
    }

    [Fact]
    public async Task Bad_rows_are_each_named_and_nothing_is_saved()
    {
        var result = await Population.ImportAsync(Xlsx(
                Row(2025, "七拱镇", 29_000, 12),
                Row("2o25", "七拱镇", 1),
                Row(2025, "火星镇", 1),
                Row(2025, "青莲镇", -5),
                Row(2025, "青莲镇", "12.5"),
                Row(2025, "七拱镇", 900, 2, "YS-QG-01"),
                Row(2025, "七拱镇", 900, null, "YS-QL-01"),
                Row(2025, "七拱镇", 28_000, 12),
                Row(2025, "杜步镇", null, 10),
                Row(2025, "黄坌镇", null)),
            "population.xlsx");

        Assert.False(result.Applied);
        Assert.Equal(
            [
                (3, "year", ErrorCodes.PopulationBadYear), (4, "township", ErrorCodes.PopulationUnknownTownship), (5, "residents", ErrorCodes.PopulationBadCount),
                (6, "residents", ErrorCodes.PopulationBadCount), (7, "villages", ErrorCodes.PopulationVillagesOnTownshipOnly),
                (8, "service_point", ErrorCodes.PopulationServicePointElsewhere), (9, "township", ErrorCodes.PopulationDuplicateRow),
                (10, "residents", ErrorCodes.ImportMissingValue),
            ],
            result.Errors.Select(e => (e.Row, e.Column!, e.Code)));
        Assert.Equal(0, await StoredRowsAsync());
    }

    [Fact]
    public async Task Villages_above_their_township_are_refused_as_a_whole()
    {
        var result = await Population.ImportAsync(Xlsx(Row(2025, "七拱镇", 3_000), Row(2025, "七拱镇", 2_000, point: "YS-QG-01"), Row(2025, "七拱镇", 1_500, point: "YS-QG-02")),
            "population.xlsx");

        Assert.Equal([(2, ErrorCodes.PopulationVillagesExceedTownship)], result.Errors.Select(e => (e.Row, e.Code)));
        Assert.Equal(0, await StoredRowsAsync());
    }

    [Fact]
    public async Task A_file_without_the_columns_a_wrong_file_and_a_huge_file_are_refused_with_one_reason()
    {
        var noColumns = await Population.ImportAsync(Xlsx(new Dictionary<string, object?> { ["town"] = "七拱镇" }), "population.xlsx");
        var pdf = await Population.ImportAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7\n\0binary")), "population.pdf");
        var broken = await Population.ImportAsync(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]), "population.xlsx");
        var huge = await Population.ImportAsync(new MemoryStream(new byte[new FiguresOptions().MaxImportBytes + 1]), "population.xlsx");
        var empty = await Population.ImportAsync(new MemoryStream(), "population.xlsx");

        Assert.Equal([ErrorCodes.ImportMissingColumn, ErrorCodes.ImportMissingColumn, ErrorCodes.ImportMissingColumn], noColumns.Errors.Select(e => e.Code));
        Assert.Equal(ErrorCodes.ImportWrongType, Assert.Single(pdf.Errors).Code);
        Assert.Equal(ErrorCodes.ImportUnreadable, Assert.Single(broken.Errors).Code);
        Assert.Equal(ErrorCodes.ImportTooLarge, Assert.Single(huge.Errors).Code);
        Assert.Equal(ErrorCodes.ImportEmpty, Assert.Single(empty.Errors).Code);
        Assert.Equal(0, await StoredRowsAsync());
    }
}
