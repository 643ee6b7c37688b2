using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Figures;

public sealed class CatalogueAndClosureTests : IDisposable
{
    private static readonly IndicatorDefinition ReadingRoom = new("阅览室人次", "Reading-room visits", "人次", false, 0, 50_000, IndicatorScope.Branch);
    private readonly TestNetwork network = new(seedFigures: true);

    public void Dispose() => network.Dispose();

    private ClosureService Closures => network.Services.GetRequiredService<ClosureService>();

    [Fact]
    public async Task The_standard_catalogue_is_seeded_with_its_mappings()
    {
        var all = await network.Indicators.ListAsync();

        Assert.Equal(17, all.Count);
        Assert.Equal(5, all.Count(i => i.Frequency == IndicatorFrequency.Annual));
        Assert.All(all, i => Assert.True(i.IsStandard && i.IsActive));
        Assert.Equal("TOTCIR", all.Single(i => i.Code == "loans").PlsCode);
        Assert.True(all.Single(i => i.Code == "open_hours").IsDecimal);
    }

    [Fact]
    public async Task A_custom_indicator_joins_the_entry_form_of_the_kinds_it_applies_to()
    {
        await network.Indicators.AddAsync("reading_room", ReadingRoom);

        var sheet = (await network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!;
        Assert.Contains(sheet.Units[0].Cells, c => c.IndicatorCode == "reading_room");
        Assert.DoesNotContain(sheet.Units[1].Cells, c => c.IndicatorCode == "reading_room");
    }

    [Theory]
    [InlineData("9visits", ErrorCodes.IndicatorInvalidCode)]
    [InlineData("VISITS", ErrorCodes.IndicatorDuplicateCode)]
    [InlineData("reading room", ErrorCodes.IndicatorInvalidCode)]
    [InlineData("visits", ErrorCodes.IndicatorDuplicateCode)]
    [InlineData("x", ErrorCodes.IndicatorInvalidCode)]
    public async Task Bad_codes_are_refused(string code, string expected) =>
        Assert.Equal(expected, (await Assert.ThrowsAsync<DomainException>(() => network.Indicators.AddAsync(code, ReadingRoom))).Code);

    [Fact]
    public async Task A_range_upside_down_or_no_unit_kind_is_refused()
    {
        Assert.Equal(ErrorCodes.IndicatorBadRange,
            (await Assert.ThrowsAsync<DomainException>(() => network.Indicators.AddAsync("abc", ReadingRoom with { Minimum = 10, Maximum = 5 }))).Code);
        Assert.Equal(ErrorCodes.IndicatorNoScope,
            (await Assert.ThrowsAsync<DomainException>(() => network.Indicators.AddAsync("abc", ReadingRoom with { AppliesTo = IndicatorScope.None }))).Code);
    }

    [Fact]
    public async Task A_deactivated_indicator_leaves_the_form_and_keeps_its_values()
    {
        var loans = (await network.Indicators.ListAsync()).Single(i => i.Code == "loans");

        await network.Indicators.SetActiveAsync("loans", loans.Version, false);

        var sheet = (await network.Figures.EntryAsync("YS-QG", new Period(2025, 6)))!;
        Assert.DoesNotContain(sheet.Units[0].Cells, c => c.IndicatorCode == "loans");
        Assert.False((await network.Indicators.ListAsync()).Single(i => i.Code == "loans").IsActive);
    }

    [Fact]
    public async Task Only_administrators_change_the_catalogue()
    {
        network.ActAs(Roles.HeadLibraryStaff);

        await Assert.ThrowsAsync<AccessDeniedException>(() => network.Indicators.AddAsync("abc", ReadingRoom));
    }

    [Fact]
    public async Task The_demo_holds_the_2020_closure_and_head_staff_record_a_unit_closure()
    {
        Assert.Contains(await Closures.ListAsync(), c => c.UnitCode is null && c.StartsOn == new DateOnly(2020, 1, 24));

        network.ActAs(Roles.HeadLibraryStaff);
        await Closures.AddAsync("YS-QG-01", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修");

        var sheet = (await network.Figures.EntryAsync("YS-QG", new Period(2026, 2)))!;
        Assert.Equal(MonthClosure.Closed, sheet.Units.Single(u => u.UnitCode == "YS-QG-01").Closure);
        Assert.Equal(MonthClosure.Open, sheet.Units.Single(u => u.UnitCode == "YS-QG-02").Closure);
    }

    [Fact]
    public async Task A_branch_worker_cannot_record_a_closure_and_sees_only_theirs()
    {
        await Closures.AddAsync("YS-QL-01", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 9), "停电");
        network.ActAsBranchWorker("YS-QG");

        await Assert.ThrowsAsync<AccessDeniedException>(() => Closures.AddAsync(null, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 2), "x"));
        Assert.DoesNotContain(await Closures.ListAsync(), c => c.UnitCode == "YS-QL-01");
    }

    [Fact]
    public async Task A_closure_reason_or_indicator_name_the_report_font_cannot_print_is_refused_naming_the_character()
    {
        var closure = await Assert.ThrowsAsync<DomainException>(() =>
            Closures.AddAsync("YS-QG-01", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修🚧"));
        var indicator = await Assert.ThrowsAsync<DomainException>(() => network.Indicators.AddAsync("reading_room", ReadingRoom with { NameZh = "阅览室😀" }));

        Assert.Equal((ErrorCodes.Unprintable, nameof(Closure.Reason)), (closure.Code, closure.Field));
        Assert.Equal(["村委会装修🚧", "🚧"], closure.Args);
        Assert.Equal((ErrorCodes.Unprintable, nameof(IndicatorDefinition.NameZh), "😀"), (indicator.Code, indicator.Field, indicator.Args[1]));
    }

    [Theory]
    [InlineData("zh-CN", 50_001, "“阅览室人次”不能大于 50,000。")]
    [InlineData("en", 50_001, "“Reading-room visits” cannot be above 50,000.")]
    [InlineData("zh-CN", -1, "“阅览室人次”不能小于 0。")]
    public void A_value_out_of_range_names_the_indicator_and_its_bound_as_the_reader_reads_them(string culture, int value, string message)
    {
        var indicator = Indicator.Create("reading_room", ReadingRoom, isStandard: false, sortOrder: 1);
        var refusal = Assert.Throws<DomainException>(() => indicator.CheckValue(value, "value"));
        var (ui, current) = (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture);
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);

            Assert.Equal(message, PortalText.Of($"Error.{refusal.Code}", [.. refusal.Args]));
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (ui, current);
        }
    }
}
