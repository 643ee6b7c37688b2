namespace BranchNetwork.Core.Population;

/// <summary>A service point's village as the population page shows it; <see cref="Version"/> is null while it has no figure.</summary>
public sealed record VillageRow(string UnitCode, string UnitName, int? Residents, bool IsDemo, int? Version);

/// <summary>A township's figures for a year, with the service points in it; <see cref="Version"/> is null while it has none.</summary>
public sealed record TownshipRow(string Township, bool HasBranch, int? Residents, int? Villages, bool IsDemo, int? Version, IReadOnlyList<VillageRow> ServicePoints);

public sealed record PopulationYear(int Year, IReadOnlyList<TownshipRow> Townships)
{
    /// <summary>The county's resident population: the sum of the townships that have a figure.</summary>
    public int CountyTotal => Townships.Sum(t => t.Residents ?? 0);

    /// <summary>Townships without a figure (or with zero): the county total leaves them out, per-capita figures say so.</summary>
    public int TownshipsWithout => Townships.Count(t => t.Residents is not > 0);

    public bool HasDemo => Townships.Any(t => t.IsDemo || t.ServicePoints.Any(v => v.IsDemo));
}

/// <summary>What the page sends for a township: the figures, and the version it read (null: it had none).</summary>
public sealed record TownshipInput(string Township, int? Residents, int? Villages, int? Version);

public sealed record VillageInput(string UnitCode, int? Residents, int? Version);

/// <param name="Unlisted">Problems found beyond the listed <see cref="Errors"/>.</param>
public sealed record PopulationImportResult(bool Applied, int Townships, int Villages, IReadOnlyList<Figures.ImportError> Errors, int Unlisted = 0)
{
    public static PopulationImportResult Rejected(Figures.ImportError error) => new(false, 0, 0, [error]);
}
