namespace BranchNetwork.Core.Population;

/// <summary>What a per-capita or coverage figure counts.</summary>
public enum PerCapitaSource
{
    /// <summary>The approved monthly figures of an indicator (<see cref="PerCapitaRule.IndicatorCode"/>) over the period.</summary>
    Counted,

    /// <summary>Branches open (due, by design §8a) in the period's last month.</summary>
    OpenBranches,

    OpenServicePoints,

    /// <summary>Townships with an open branch.</summary>
    TownshipsWithBranch,

    /// <summary>Administrative villages with an open service point (a second point in a village covers no other village).</summary>
    VillagesWithServicePoint,
}

/// <summary>What a figure is divided by.</summary>
public enum PerCapitaBase
{
    Residents,
    Townships,
    Villages,
}

/// <summary>Why a figure has no value.</summary>
public enum PerCapitaGap
{
    None,

    /// <summary>The resident population is missing or zero: "缺人口数据", never a division by zero.</summary>
    NoPopulation,

    /// <summary>A township's number of administrative villages is missing.</summary>
    NoVillageCount,

    /// <summary>No approved figures of the indicator in the period.</summary>
    NoFigures,
}

/// <summary>
/// One per-capita or coverage figure as data: what it counts, what it divides by, and the scale (per resident 1, per
/// 10,000 residents, a percentage 100). A new figure — holdings per resident, the registered-reader rate — is one more
/// rule in <see cref="PerCapitaRules.All"/> once its indicator is counted.
/// </summary>
/// <param name="WholeAreas">Counts units or villages of whole townships: shown for a township, a branch with its service points or the network, not for one unit.</param>
/// <param name="YearEnd">
/// Counts a yearly indicator's year-end figure (holdings, valid cards): the last December at or before the period's end,
/// so a month reads "as at the last year-end" and a year its own December (design decision 0007).
/// </param>
public sealed record PerCapitaRule(string Code, PerCapitaSource Source, string? IndicatorCode, PerCapitaBase Base, decimal Per, bool WholeAreas,
    bool YearEnd = false)
{
    public bool IsPercentage => Per == 100;

    public PerCapitaValue Apply(PerCapitaBasis basis)
    {
        decimal? numerator = Source switch
        {
            PerCapitaSource.Counted => basis.Counted.TryGetValue(IndicatorCode!, out var total) ? total : null,
            PerCapitaSource.OpenBranches => basis.OpenBranches,
            PerCapitaSource.OpenServicePoints => basis.OpenServicePoints,
            PerCapitaSource.TownshipsWithBranch => basis.TownshipsWithBranch,
            _ => basis.VillagesWithServicePoint,
        };
        decimal? denominator = Base switch
        {
            PerCapitaBase.Residents => basis.Residents,
            PerCapitaBase.Townships => basis.Townships,
            _ => basis.Villages,
        };
        var gap = denominator is not > 0 ? (Base == PerCapitaBase.Villages ? PerCapitaGap.NoVillageCount : PerCapitaGap.NoPopulation)
            : numerator is null ? PerCapitaGap.NoFigures
            : PerCapitaGap.None;
        return new PerCapitaValue(Code, gap == PerCapitaGap.None ? numerator!.Value * Per / denominator!.Value : null, numerator, denominator, gap);
    }
}

/// <param name="Numerator">What was counted (null: nothing approved).</param>
/// <param name="Denominator">What it was divided by (null or zero: missing).</param>
public sealed record PerCapitaValue(string Code, decimal? Value, decimal? Numerator, decimal? Denominator, PerCapitaGap Gap);

/// <summary>
/// What the rules need of an area over a period: its residents (null when any part of it lacks a figure), its townships
/// and administrative villages, its open units, and the approved totals of the counted indicators (absent: none).
/// </summary>
public sealed record PerCapitaBasis(
    int? Residents,
    int Townships,
    int? Villages,
    int OpenBranches,
    int OpenServicePoints,
    int TownshipsWithBranch,
    int VillagesWithServicePoint,
    IReadOnlyDictionary<string, decimal> Counted);

public static class PerCapitaRules
{
    public static readonly IReadOnlyList<PerCapitaRule> All =
    [
        new("visits_per_resident", PerCapitaSource.Counted, "visits", PerCapitaBase.Residents, 1, WholeAreas: false),
        new("loans_per_resident", PerCapitaSource.Counted, "loans", PerCapitaBase.Residents, 1, WholeAreas: false),
        new("items_added_per_resident", PerCapitaSource.Counted, "items_added", PerCapitaBase.Residents, 1, WholeAreas: false),
        new("township_coverage", PerCapitaSource.TownshipsWithBranch, null, PerCapitaBase.Townships, 100, WholeAreas: true),
        new("village_coverage", PerCapitaSource.VillagesWithServicePoint, null, PerCapitaBase.Villages, 100, WholeAreas: true),
        new("branches_per_10k", PerCapitaSource.OpenBranches, null, PerCapitaBase.Residents, 10_000, WholeAreas: true),
        new("service_points_per_10k", PerCapitaSource.OpenServicePoints, null, PerCapitaBase.Residents, 10_000, WholeAreas: true),
        new("holdings_per_resident", PerCapitaSource.Counted, "holdings", PerCapitaBase.Residents, 1, WholeAreas: false, YearEnd: true),
        new("registered_reader_rate", PerCapitaSource.Counted, "valid_cards", PerCapitaBase.Residents, 100, WholeAreas: false, YearEnd: true),
    ];

    public static PerCapitaRule Find(string code) =>
        All.FirstOrDefault(r => r.Code == code) ?? throw new Common.DomainException(Common.ErrorCodes.PerCapitaUnknown, null, code);

    /// <summary>The indicators whose approved totals the rules divide.</summary>
    public static IReadOnlyList<string> CountedIndicators => All.Where(r => r.Source == PerCapitaSource.Counted).Select(r => r.IndicatorCode!).Distinct().ToList();

    /// <summary>The counted indicators taken at the last year-end rather than summed over the period's months.</summary>
    public static IReadOnlySet<string> YearEndIndicators => All.Where(r => r.YearEnd).Select(r => r.IndicatorCode!).ToHashSet();

    /// <summary>The last December at or before a period's last month: the year-end a stock figure is read at.</summary>
    public static int YearEndKey(int lastMonthKey) => lastMonthKey % 100 == 12 ? lastMonthKey : (lastMonthKey / 100 - 1) * 100 + 12;
}
