using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Data;
using BranchNetwork.Tests.Infrastructure;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Tests.Network;

/// <summary>The roster service on real SQLite and PostgreSQL, with the demo network seeded.</summary>
public abstract class NetworkServiceTests(DatabaseKind kind) : IDisposable
{
    private readonly TestNetwork network = new(kind: kind);

    private NetworkService Service => network.Service;

    public void Dispose() => network.Dispose();

    private static NewUnit ServicePointUnder(string parent, string code, string name = "新村服务点") =>
        new(UnitKind.ServicePoint, code, parent, new UnitProfile(name, "七拱镇"));

    [Fact]
    public async Task The_demo_network_is_the_head_library_13_branches_and_39_service_points()
    {
        var counts = await Service.CountAsync();
        Assert.Equal(new NetworkCounts(1, 13, 39), counts);

        var units = await Service.ListAsync();
        Assert.All(units, u => Assert.NotNull(u.PlaquedOn));
        Assert.All(units, u => Assert.Equal(2020, u.PlaquedOn!.Value.Year));
        var branches = units.Where(u => u.Kind == UnitKind.Branch).ToList();
        Assert.Equal(5, branches.Count(b => b.BatchYear == 2019));
        Assert.Equal(15, units.Count(u => u.Kind == UnitKind.ServicePoint && u.BatchYear == 2019));
        Assert.Equal(24, units.Count(u => u.Kind == UnitKind.ServicePoint && u.BatchYear == 2020));
        Assert.Equal(13, branches.Select(b => b.Township).Distinct().Count());
    }

    [Fact]
    public async Task Qigong_branch_holds_Huogang_and_Sansuo()
    {
        var qigong = await Service.GetAsync("YS-QG");

        Assert.NotNull(qigong);
        Assert.Equal("阳山县图书馆七拱镇分馆", qigong.Profile.Name);
        Assert.Equal("YS", qigong.Parent!.Code);
        Assert.Contains(qigong.Children, c => c is { Code: "YS-QG-01", Name: "火岗村服务点" });
        Assert.Contains(qigong.Children, c => c is { Code: "YS-QG-02", Name: "三所村服务点" });
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing()
    {
        var added = await new DemoNetworkSeeder(network.Database, network.Clock).SeedAsync();

        Assert.Equal(0, added);
        Assert.Equal(53, (await Service.CountAsync()).Total);
    }

    [Fact]
    public async Task Codes_are_looked_up_case_insensitively_and_unknown_codes_give_null()
    {
        Assert.NotNull(await Service.GetAsync("ys-qg-01"));
        Assert.Null(await Service.GetAsync("YS-XX"));
    }

    [Fact]
    public async Task A_new_service_point_is_created_with_its_history_and_actor()
    {
        var code = await Service.CreateAsync(ServicePointUnder("YS-QG", "YS-QG-04", "上坪村服务点"));

        var unit = await Service.GetAsync(code);
        Assert.Equal("YS-QG-04", unit!.Code);
        Assert.Equal("YS-QG", unit.Parent!.Code);
        var created = Assert.Single(unit.History);
        Assert.Equal(("测试员 (tester@test.local)", TestNetwork.Now.UtcDateTime), (created.ChangedBy, created.ChangedAtUtc));
    }

    [Fact]
    public async Task The_suggested_code_is_the_next_free_number() =>
        Assert.Equal("YS-QG-04", await Service.SuggestCodeAsync(UnitKind.ServicePoint, "ys-qg"));

    [Fact]
    public async Task A_duplicate_code_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Service.CreateAsync(ServicePointUnder("YS-QG", "ys-qg-01")));

        Assert.Equal((ErrorCodes.DuplicateCode, nameof(Unit.Code)), (error.Code, error.Field));
        Assert.Equal(53, (await Service.CountAsync()).Total);
    }

    [Fact]
    public async Task A_second_head_library_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.CreateAsync(new NewUnit(UnitKind.HeadLibrary, "LZ", null, new UnitProfile("连州市图书馆"))));

        Assert.Equal(ErrorCodes.SecondHeadLibrary, error.Code);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_head_library()
    {
        await using var db = network.Database.CreateDbContext();
        var second = Unit.Create(UnitKind.HeadLibrary, "LZ", null, new UnitProfile("连州市图书馆"), UnitStatus.Open, "t", DateTime.UtcNow);
        db.Units.Add(second);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(DatabaseProvider.IsUniqueViolation(error), error.InnerException?.Message);
    }

    [Theory]
    [InlineData(UnitKind.ServicePoint, "YS-QG-01-01", "YS-QG-01", ErrorCodes.ServicePointParentMustBeBranch)]
    [InlineData(UnitKind.ServicePoint, "YS-01", "YS", ErrorCodes.ServicePointParentMustBeBranch)]
    [InlineData(UnitKind.Branch, "YS-QG-XX", "YS-QG", ErrorCodes.BranchParentMustBeHeadLibrary)]
    [InlineData(UnitKind.ServicePoint, "YS-ZZ-01", "YS-ZZ", ErrorCodes.ParentNotFound)]
    public async Task A_unit_under_the_wrong_parent_is_refused(UnitKind kind, string code, string parent, string expected)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.CreateAsync(new NewUnit(kind, code, parent, new UnitProfile("x"))));

        Assert.Equal((expected, "ParentCode"), (error.Code, error.Field));
    }

    [Fact]
    public async Task A_new_unit_under_a_closed_branch_is_refused()
    {
        var branch = await Service.GetAsync("YS-CJ");
        var version = branch!.Version;
        foreach (var child in branch.Children)
        {
            var point = await Service.GetAsync(child.Code);
            await Service.ChangeStatusAsync(child.Code, point!.Version, UnitStatus.Closed, "并入镇分馆");
        }

        version = await Service.ChangeStatusAsync("YS-CJ", version, UnitStatus.Closed, "乡镇撤并");

        var error = await Assert.ThrowsAsync<DomainException>(() => Service.CreateAsync(ServicePointUnder("YS-CJ", "YS-CJ-04")));
        Assert.Equal(ErrorCodes.ParentClosed, error.Code);
        Assert.Equal(UnitStatus.Closed, (await Service.GetAsync("YS-CJ"))!.Status);
    }

    [Fact]
    public async Task A_branch_with_open_service_points_is_not_closed()
    {
        var branch = await Service.GetAsync("YS-QG");

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.ChangeStatusAsync("YS-QG", branch!.Version, UnitStatus.Closed, "撤并"));

        Assert.Equal(ErrorCodes.ChildrenStillOpen, error.Code);
        Assert.Equal(3, error.Args[0]);
    }

    [Fact]
    public async Task An_edit_is_saved_and_bumps_the_version()
    {
        var unit = await Service.GetAsync("YS-QG-01");

        var version = await Service.UpdateProfileAsync("YS-QG-01", unit!.Version, unit.Profile with { Phone = "0763-6688001" });

        var saved = await Service.GetAsync("YS-QG-01");
        Assert.Equal(("0763-6688001", version), (saved!.Profile.Phone, saved.Version));
        Assert.Equal(unit.Version + 1, version);
    }

    [Fact]
    public async Task An_edit_of_a_unit_someone_else_changed_meanwhile_is_refused_and_theirs_is_kept()
    {
        var mine = await Service.GetAsync("YS-QG-01");
        var theirs = await Service.GetAsync("YS-QG-01");
        await Service.UpdateProfileAsync("YS-QG-01", theirs!.Version, theirs.Profile with { Phone = "0763-6000001" });

        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.UpdateProfileAsync("YS-QG-01", mine!.Version, mine.Profile with { Phone = "0763-6000002" }));

        Assert.Equal(ErrorCodes.UnitChangedMeanwhile, error.Code);
        Assert.Equal("0763-6000001", (await Service.GetAsync("YS-QG-01"))!.Profile.Phone);
    }

    [Fact]
    public async Task A_write_between_read_and_save_is_caught_by_the_database()
    {
        // Two contexts load version N; the first saves N+1; the second's UPDATE ... WHERE Version = N matches nothing.
        await using var first = network.Database.CreateDbContext();
        await using var second = network.Database.CreateDbContext();
        var a = await first.Units.SingleAsync(u => u.Code == "YS-QG-02");
        var b = await second.Units.SingleAsync(u => u.Code == "YS-QG-02");
        a.UpdateProfile(new UnitProfile("三所村服务点", Phone: "0763-6000003"));
        await first.SaveChangesAsync();

        b.UpdateProfile(new UnitProfile("三所村服务点", Phone: "0763-6000004"));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task A_status_change_is_listed_newest_first_with_its_reason()
    {
        var unit = await Service.GetAsync("YS-QG-01");
        network.Time.Advance(TimeSpan.FromDays(1));

        await Service.ChangeStatusAsync("YS-QG-01", unit!.Version, UnitStatus.Suspended, "村委会装修");

        var history = (await Service.GetAsync("YS-QG-01"))!.History;
        Assert.Equal(2, history.Count);
        Assert.Equal((UnitStatus.Open, UnitStatus.Suspended, "村委会装修"), (history[0].From!.Value, history[0].To, history[0].Reason));
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_status_history()
    {
        await using var db = network.Database.CreateDbContext();

        var update = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"UnitStatusChanges\" SET \"Reason\" = 'rewritten'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"UnitStatusChanges\""));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(53, await db.UnitStatusChanges.CountAsync());
    }

    [Fact]
    public async Task Marking_a_plaque_in_the_future_is_refused()
    {
        var unit = await Service.GetAsync("YS-QG-01");

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Service.MarkPlaquedAsync("YS-QG-01", unit!.Version, network.Clock.Today.AddDays(1), null));

        Assert.Equal(ErrorCodes.PlaqueDateInFuture, error.Code);
    }

    [Fact]
    public async Task A_change_to_an_unknown_unit_is_refused() =>
        Assert.Equal(ErrorCodes.UnitNotFound,
            (await Assert.ThrowsAsync<DomainException>(() => Service.UpdateProfileAsync("YS-ZZ", 0, new UnitProfile("x")))).Code);

    [Fact]
    public async Task A_unit_name_or_address_the_report_font_cannot_print_is_refused_naming_the_character()
    {
        var name = await Assert.ThrowsAsync<DomainException>(() => Service.CreateAsync(ServicePointUnder("YS-QG", "YS-QG-04", "新村😀服务点")));
        var address = await Assert.ThrowsAsync<DomainException>(() =>
            Service.CreateAsync(new NewUnit(UnitKind.ServicePoint, "YS-QG-04", "YS-QG", new UnitProfile("新村服务点", "七拱镇", Address: "新村🏠一号"))));

        Assert.Equal((ErrorCodes.Unprintable, nameof(Unit.Name)), (name.Code, name.Field));
        Assert.Equal(["新村😀服务点", "😀"], name.Args);
        Assert.Equal((ErrorCodes.Unprintable, nameof(Unit.Address), "🏠"), (address.Code, address.Field, address.Args[1]));
        Assert.Equal(53, (await Service.CountAsync()).Total);
    }
}

public sealed class NetworkServiceTestsOnSqlite() : NetworkServiceTests(DatabaseKind.Sqlite);

public sealed class NetworkServiceTestsOnPostgreSql() : NetworkServiceTests(DatabaseKind.PostgreSql);
