using System.Globalization;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchNetwork.Core.Population;

/// <summary>
/// The resident population by township and year (and, optionally, of the village each service point serves), kept by
/// administrators: read and saved a year at a time, or imported from the template sheet — whole or not at all.
/// </summary>
public sealed class PopulationService(IDbContextFactory<BranchNetworkDbContext> dbFactory, ICurrentUser currentUser, IOptions<FiguresOptions> options)
{
    public const string YearColumn = "year";
    public const string TownshipColumn = "township";
    public const string ServicePointColumn = "service_point";
    public const string NameColumn = "name";
    public const string ResidentsColumn = "residents";
    public const string VillagesColumn = "villages";

    private static readonly string[] Columns = [YearColumn, TownshipColumn, ServicePointColumn, NameColumn, ResidentsColumn, VillagesColumn];

    /// <summary>
    /// Every township the county has — those of its units and those given a figure in any year — with the year's
    /// figures, branch towns first in the order their branches were added (the head library's town leads).
    /// </summary>
    public async Task<PopulationYear> YearAsync(int year, CancellationToken ct = default)
    {
        await AdministratorAsync();
        PopulationRules.CheckYear(year);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await KnownAsync(db, ct);
        var townships = await db.TownshipPopulations.AsNoTracking().Where(p => p.Year == year).ToDictionaryAsync(p => p.Township, ct);
        var villages = await db.VillagePopulations.AsNoTracking().Where(p => p.Year == year).ToDictionaryAsync(p => p.UnitId, ct);
        return new PopulationYear(year, known.Townships.Select(name =>
        {
            var row = townships.GetValueOrDefault(name);
            var points = known.ServicePoints.Where(u => u.Township == name).OrderBy(u => u.Code, StringComparer.Ordinal)
                .Select(u => villages.GetValueOrDefault(u.Id) is { } v
                    ? new VillageRow(u.Code, u.Name, v.Residents, v.IsDemo, v.Version)
                    : new VillageRow(u.Code, u.Name, null, false, null))
                .ToList();
            return new TownshipRow(name, known.BranchTownships.Contains(name), row?.Residents, row?.Villages, row?.IsDemo ?? false, row?.Version, points);
        }).ToList());
    }

    /// <summary>
    /// Saves a year's figures in one go. A township or village someone else changed since it was read is refused with
    /// what they saved; a refused figure names its row (<c>township/Residents</c>, <c>YS-QG-01/Residents</c>).
    /// </summary>
    public async Task SaveAsync(int year, IReadOnlyList<TownshipInput> townships, IReadOnlyList<VillageInput> villages, CancellationToken ct = default)
    {
        await AdministratorAsync();
        PopulationRules.CheckYear(year);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await KnownAsync(db, ct);
        var stored = await db.TownshipPopulations.Where(p => p.Year == year).ToDictionaryAsync(p => p.Township, ct);
        var storedVillages = await db.VillagePopulations.Include(v => v.Unit).Where(p => p.Year == year).ToDictionaryAsync(p => p.Unit!.Code, ct);
        foreach (var input in townships)
        {
            var name = Texts.Required(input.Township, Unit.TownshipMaxLength, "Township");
            var row = stored.GetValueOrDefault(name);
            if (row?.Version != input.Version)
            {
                throw Conflicts.Changed(AuditEntities.Population, $"{year} {name}",
                    (nameof(TownshipPopulation.Residents), row?.Residents, input.Residents), (nameof(TownshipPopulation.Villages), row?.Villages, input.Villages));
            }

            Named(name, () =>
            {
                if (row is null)
                {
                    stored[name] = db.TownshipPopulations.Add(TownshipPopulation.Create(year, name, input.Residents, input.Villages)).Entity;
                }
                else
                {
                    row.Update(input.Residents, input.Villages);
                }
            });
        }

        foreach (var input in villages)
        {
            var code = input.UnitCode.Trim().ToUpperInvariant();
            var unit = known.ServicePoints.FirstOrDefault(u => u.Code == code) ?? throw new DomainException(ErrorCodes.UnitNotFound, null, code);
            var row = storedVillages.GetValueOrDefault(code);
            if (row?.Version != input.Version)
            {
                throw Conflicts.Changed(AuditEntities.Population, $"{year} {code}", (nameof(VillagePopulation.Residents), row?.Residents, input.Residents));
            }

            Named(code, () =>
            {
                if (row is null)
                {
                    storedVillages[code] = db.VillagePopulations.Add(VillagePopulation.Create(year, Tracked(db, unit), input.Residents)).Entity;
                }
                else
                {
                    row.Update(input.Residents);
                }
            });
        }

        if (VillagesOverTownship(known, stored.Values, storedVillages.Values) is { } over)
        {
            throw new DomainException(ErrorCodes.PopulationVillagesExceedTownship, $"{over.Township}/{nameof(TownshipPopulation.Residents)}", over.Township,
                over.Villages, over.Residents);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The import layout: one row per township and per service point of the year, with the figures kept for it.</summary>
    public async Task<byte[]> TemplateAsync(int year, CancellationToken ct = default)
    {
        var population = await YearAsync(year, ct);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var township in population.Townships)
        {
            rows.Add(Row(year, township.Township, null, township.Township, township.Residents, township.Villages));
            rows.AddRange(township.ServicePoints.Select(v => Row(year, township.Township, v.UnitCode, v.UnitName, v.Residents, null)));
        }

        return ExchangeFile.Write(rows, Columns, ExchangeFormat.Xlsx);
    }

    /// <summary>Checks a whole file and saves it in one transaction, or saves nothing and lists every problem.</summary>
    public async Task<PopulationImportResult> ImportAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        await AdministratorAsync();
        var (table, _, fileError) = await ExchangeFile.ReadAsync(content, fileName, options.Value, ct);
        if (fileError is not null)
        {
            return PopulationImportResult.Rejected(fileError);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await KnownAsync(db, ct);
        var limits = options.Value.Import;
        var problems = new ImportProblems(limits);
        var headers = table!.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { YearColumn, TownshipColumn, ResidentsColumn })
        {
            if (!headers.Contains(required))
            {
                problems.Add(1, required, ErrorCodes.ImportMissingColumn, required);
            }
        }

        if (problems.Count > 0)
        {
            return new PopulationImportResult(false, 0, 0, problems.Listed, problems.Unlisted);
        }

        var parsed = new List<(int Year, string Township, Unit? Point, int Residents, int? Villages)>();
        var seen = new Dictionary<(int, string, string?), int>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var (rowNumber, cells) = (i + 2, table.Rows[i]);
            string Cell(string column) => headers.IndexOf(column) is var at and >= 0 && cells.TryGetValue(at, out var v) ? v.Trim() : "";
            // The template lists every township and service point: a row left without figures is not part of the import.
            if (cells.Values.All(string.IsNullOrWhiteSpace) || (Cell(ResidentsColumn).Length == 0 && Cell(VillagesColumn).Length == 0))
            {
                continue;
            }

            if (ParseRow(rowNumber, Cell, known, problems) is not { } row)
            {
                continue;
            }

            var key = (row.Year, row.Township, row.Point?.Code);
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(rowNumber, row.Point is null ? TownshipColumn : ServicePointColumn, ErrorCodes.PopulationDuplicateRow,
                    row.Year, row.Point?.Code ?? row.Township, first);
                continue;
            }

            seen[key] = rowNumber;
            parsed.Add(row);
        }

        if (problems.Count == 0 && parsed.Count == 0)
        {
            problems.Add(0, null, ErrorCodes.ImportEmpty);
        }

        if (problems.Count > 0)
        {
            return new PopulationImportResult(false, 0, 0, problems.Listed, problems.Unlisted);
        }

        var years = parsed.Select(p => p.Year).Distinct().ToList();
        var stored = await db.TownshipPopulations.Where(p => years.Contains(p.Year)).ToListAsync(ct);
        var storedVillages = await db.VillagePopulations.Include(v => v.Unit).Where(p => years.Contains(p.Year)).ToListAsync(ct);
        foreach (var (year, township, point, residents, villages) in parsed)
        {
            if (point is null)
            {
                if (stored.FirstOrDefault(p => p.Year == year && p.Township == township) is { } row)
                {
                    row.Update(residents, villages);
                }
                else
                {
                    stored.Add(db.TownshipPopulations.Add(TownshipPopulation.Create(year, township, residents, villages)).Entity);
                }
            }
            else if (storedVillages.FirstOrDefault(p => p.Year == year && p.UnitId == point.Id) is { } village)
            {
                village.Update(residents);
            }
            else
            {
                storedVillages.Add(db.VillagePopulations.Add(VillagePopulation.Create(year, Tracked(db, point), residents)).Entity);
            }
        }

        foreach (var year in years.Order())
        {
            if (VillagesOverTownship(known, stored.Where(p => p.Year == year), storedVillages.Where(p => p.Year == year)) is { } over)
            {
                problems.Add(seen.GetValueOrDefault((year, over.Township, null)), ResidentsColumn, ErrorCodes.PopulationVillagesExceedTownship,
                    over.Township, over.Villages, over.Residents);
            }
        }

        if (problems.Count > 0)
        {
            return new PopulationImportResult(false, 0, 0, problems.Listed, problems.Unlisted);
        }

        await db.SaveChangesAsync(ct);
        return new PopulationImportResult(true, parsed.Count(p => p.Point is null), parsed.Count(p => p.Point is not null), []);
    }

    private static (int Year, string Township, Unit? Point, int Residents, int? Villages)? ParseRow(int row, Func<string, string> cell, Known known,
        ImportProblems problems)
    {
        var before = problems.Count;
        string Echoed(string text) => ExchangeFile.Echo(text, problems.Limits);
        int? year = int.TryParse(cell(YearColumn), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= PopulationRules.FirstYear and <= PopulationRules.LastYear
            ? y : null;
        if (year is null)
        {
            problems.Add(row, YearColumn, ErrorCodes.PopulationBadYear, Echoed(cell(YearColumn)), PopulationRules.FirstYear, PopulationRules.LastYear);
        }

        var township = cell(TownshipColumn);
        if (!known.Townships.Contains(township))
        {
            problems.Add(row, TownshipColumn, ErrorCodes.PopulationUnknownTownship, Echoed(township));
        }

        Unit? point = null;
        var code = cell(ServicePointColumn).ToUpperInvariant();
        if (code.Length > 0)
        {
            point = known.ServicePoints.FirstOrDefault(u => u.Code == code);
            if (point is null)
            {
                problems.Add(row, ServicePointColumn, ErrorCodes.ImportUnknownUnit, Echoed(code));
            }
            else if (point.Township != township && known.Townships.Contains(township))
            {
                problems.Add(row, ServicePointColumn, ErrorCodes.PopulationServicePointElsewhere, point.Name, township, point.Township ?? "");
            }
        }

        var residents = Count(row, ResidentsColumn, cell(ResidentsColumn), required: true, code.Length > 0 ? PopulationRules.MaxVillageResidents : PopulationRules.MaxTownshipResidents,
            problems, Echoed);
        var villages = Count(row, VillagesColumn, cell(VillagesColumn), required: false, PopulationRules.MaxVillages, problems, Echoed);
        if (villages is not null && code.Length > 0)
        {
            problems.Add(row, VillagesColumn, ErrorCodes.PopulationVillagesOnTownshipOnly);
        }

        return problems.Count > before ? null : (year!.Value, township, point, residents!.Value, villages);
    }

    private static int? Count(int row, string column, string text, bool required, int max, ImportProblems problems, Func<string, string> echoed)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add(row, column, ErrorCodes.ImportMissingValue, column);
            }

            return null;
        }

        // Excel hands a whole number over as "12000" (or "12000.0" once formatted); anything else is refused, not rounded.
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || number != decimal.Truncate(number) || number < 0
            || number > int.MaxValue)
        {
            problems.Add(row, column, ErrorCodes.PopulationBadCount, echoed(text));
            return null;
        }

        if (number > max)
        {
            problems.Add(row, column, ErrorCodes.PopulationTooLarge, max);
            return null;
        }

        return (int)number;
    }

    private static Dictionary<string, object?> Row(int year, string township, string? code, string name, int? residents, int? villages) => new()
    {
        [YearColumn] = year,
        [TownshipColumn] = FiguresExchange.Neutralise(township),
        [ServicePointColumn] = code,
        [NameColumn] = FiguresExchange.Neutralise(name),
        [ResidentsColumn] = residents,
        [VillagesColumn] = villages,
    };

    /// <summary>A township whose villages' residents add up to more than its own figure (both known): one of them is mistyped.</summary>
    private static (string Township, int Villages, int Residents)? VillagesOverTownship(Known known, IEnumerable<TownshipPopulation> townships,
        IEnumerable<VillagePopulation> villages)
    {
        var byTownship = villages.Where(v => v.Residents is > 0)
            .GroupBy(v => known.ServicePoints.FirstOrDefault(u => u.Id == v.UnitId)?.Township ?? "")
            .ToDictionary(g => g.Key, g => g.Sum(v => v.Residents!.Value));
        return townships.Where(t => t.Residents is > 0 && byTownship.GetValueOrDefault(t.Township) > t.Residents)
            .Select(t => ((string, int, int)?)(t.Township, byTownship[t.Township], t.Residents!.Value))
            .FirstOrDefault();
    }

    /// <summary>The service point as the context tracks it (read without tracking, it is attached once, unchanged).</summary>
    private static Unit Tracked(BranchNetworkDbContext db, Unit unit) => db.Units.Local.FirstOrDefault(u => u.Id == unit.Id) ?? db.Units.Attach(unit).Entity;

    private async Task AdministratorAsync() => (await currentUser.GetActorAsync()).DemandAdministrator();

    /// <summary>The county's townships (of its units, then any other given a figure) and its service points.</summary>
    private sealed record Known(IReadOnlyList<string> Townships, IReadOnlySet<string> BranchTownships, IReadOnlyList<Unit> ServicePoints);

    private static async Task<Known> KnownAsync(BranchNetworkDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.Township != null).OrderBy(u => u.Id).ToListAsync(ct);
        var branches = units.Where(u => u.Kind == UnitKind.Branch).Select(u => u.Township!).Distinct().ToList();
        var others = (await db.TownshipPopulations.AsNoTracking().Select(p => p.Township).Distinct().ToListAsync(ct))
            .Concat(units.Select(u => u.Township!))
            .Except(branches)
            .Distinct()
            .Order(StringComparer.Ordinal);
        return new Known([.. branches, .. others], branches.ToHashSet(), units.Where(u => u.Kind == UnitKind.ServicePoint).ToList());
    }

    /// <summary>A refusal from an entity, named by the row it belongs to so the page can put it under the right field.</summary>
    private static void Named(string row, Action change)
    {
        try
        {
            change();
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            throw new DomainException(e.Code, $"{row}/{e.Field}", [.. e.Args]);
        }
    }
}
