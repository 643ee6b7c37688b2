using BranchNetwork.Core.Network;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Network;

public sealed class RosterFilterTests : IClassFixture<RosterFilterTests.DemoRoster>
{
    private readonly IReadOnlyList<UnitSummary> units;

    public RosterFilterTests(DemoRoster roster) => units = roster.Units;

    [Fact]
    public void An_empty_filter_lets_every_unit_through()
    {
        Assert.True(new RosterFilter().IsEmpty);
        Assert.Equal(53, new RosterFilter().Apply(units).Count());
    }

    [Fact]
    public void Township_filter_keeps_the_branch_and_its_service_points() =>
        Assert.Equal(
            ["YS-QG", "YS-QG-01", "YS-QG-02", "YS-QG-03"],
            new RosterFilter(Township: "七拱镇").Apply(units).Select(u => u.Code));

    [Fact]
    public void Text_matches_name_or_code_case_insensitively()
    {
        Assert.Equal(["YS-QG-01"], new RosterFilter(Text: "火岗").Apply(units).Select(u => u.Code));
        Assert.Equal(4, new RosterFilter(Text: "ys-qg").Apply(units).Count());
    }

    [Fact]
    public void Filters_combine()
    {
        var filter = new RosterFilter(Kind: UnitKind.ServicePoint, Status: UnitStatus.Open, Plaqued: true, Township: "七拱镇");
        Assert.False(filter.IsEmpty);
        Assert.Equal(3, filter.Apply(units).Count());
        Assert.Empty((filter with { Plaqued = false }).Apply(units));
    }

    public sealed class DemoRoster : IDisposable
    {
        private readonly TestNetwork network = new();

        public DemoRoster() => Units = network.Service.ListAsync().GetAwaiter().GetResult();

        public IReadOnlyList<UnitSummary> Units { get; }

        public void Dispose() => network.Dispose();
    }
}
