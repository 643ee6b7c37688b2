using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Tests.Figures;

/// <summary>
/// Values typed against an earlier state of their report (the quick entry page's queue, sent after a drop), on real
/// SQLite with the demo figures: saved onto the report as it is now, refused as a conflict only when someone changed
/// that very value meanwhile, and never written twice.
/// </summary>
public sealed class TypedValueTests : IDisposable
{
    // The test clock stands at 2026-03-02: 七拱镇 has not reported 2026-02 yet.
    private static readonly Period Month = new(2026, 2);
    private const string Huogang = "YS-QG-01";

    private readonly TestNetwork network = new(seedFigures: true);

    private FiguresService Figures => network.Figures;

    public TypedValueTests() => network.ActAsBranchWorker("YS-QG");

    public void Dispose() => network.Dispose();

    [Fact]
    public async Task A_value_typed_before_other_values_changed_is_saved_on_the_report_as_it_is_now()
    {
        var first = await Figures.SaveValueAsync(Huogang, Month, "visits", 500, null, 0);
        await Figures.SaveValueAsync(Huogang, Month, "loans", 300, null, first.Version);

        var outcome = await Figures.SaveTypedValueAsync(Huogang, Month, "borrowers", 120, null, typedAgainstVersion: first.Version, typedOver: null);

        Assert.True(outcome.Saved);
        Assert.Equal(3, outcome.Version);
        var unit = (await Figures.EntryAsync("YS-QG", Month))!.Units.Single(u => u.UnitCode == Huogang);
        Assert.Equal([500m, 300m, 120m], unit.Cells.Where(c => c.IndicatorCode is "visits" or "loans" or "borrowers").Select(c => c.Value!.Value));
    }

    [Fact]
    public async Task A_value_someone_changed_since_it_was_typed_comes_back_as_a_conflict_with_theirs_and_nothing_is_written()
    {
        var first = await Figures.SaveValueAsync(Huogang, Month, "visits", 500, null, 0);
        await Figures.SaveValueAsync(Huogang, Month, "visits", 520, "补录", first.Version);

        var outcome = await Figures.SaveTypedValueAsync(Huogang, Month, "visits", 530, null, typedAgainstVersion: first.Version, typedOver: 500);

        Assert.False(outcome.Saved);
        Assert.Equal((520m, "补录", 2), (outcome.Theirs, outcome.TheirExplanation, outcome.Version));
        var unit = (await Figures.EntryAsync("YS-QG", Month))!.Units.Single(u => u.UnitCode == Huogang);
        Assert.Equal((520m, 2), (unit.Cells.Single(c => c.IndicatorCode == "visits").Value, unit.Version));
    }

    [Fact]
    public async Task Choosing_one_s_own_value_after_a_conflict_saves_it()
    {
        var first = await Figures.SaveValueAsync(Huogang, Month, "visits", 500, null, 0);
        var theirs = await Figures.SaveValueAsync(Huogang, Month, "visits", 520, null, first.Version);

        var outcome = await Figures.SaveTypedValueAsync(Huogang, Month, "visits", 530, null, typedAgainstVersion: theirs.Version, typedOver: 520);

        Assert.True(outcome.Saved);
        Assert.Equal(3, outcome.Version);
    }

    [Fact]
    public async Task A_value_sent_again_is_not_written_again()
    {
        var saved = await Figures.SaveTypedValueAsync(Huogang, Month, "visits", 500, " ", typedAgainstVersion: 0, typedOver: null);
        var again = await Figures.SaveTypedValueAsync(Huogang, Month, "visits", 500, null, typedAgainstVersion: 0, typedOver: null);
        var onThePage = await Figures.SaveValueAsync(Huogang, Month, "visits", 500, null, again.Version);

        Assert.Equal((1, 1, 1), (saved.Version, again.Version, onThePage.Version));
    }

    [Fact]
    public async Task A_value_for_a_month_already_approved_is_refused_with_the_reason_not_as_a_conflict()
    {
        var approved = new Period(2026, 1);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            Figures.SaveTypedValueAsync(Huogang, approved, "visits", 1, null, typedAgainstVersion: 0, typedOver: null));

        Assert.Equal(ErrorCodes.ReportNotEditable, refusal.Code);
    }

    [Fact]
    public async Task Another_branch_s_unit_is_outside_the_worker_s_scope()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            Figures.SaveTypedValueAsync("YS-QL-01", Month, "visits", 1, null, typedAgainstVersion: 0, typedOver: null));

        Assert.Equal(ErrorCodes.UnitNotFound, refusal.Code);
    }
}
