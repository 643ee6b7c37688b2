using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Core.Population;

/// <summary>
/// A township's resident population (常住人口) in a year and how many administrative villages (行政村) it has: the
/// denominators of the per-capita and coverage figures. The county's total is the sum of its townships.
/// </summary>
public sealed class TownshipPopulation
{
    private TownshipPopulation()
    {
        Township = "";
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    /// <summary>The township's name as the roster's units carry it (<see cref="Unit.Township"/>).</summary>
    public string Township { get; private set; }

    public int? Residents { get; private set; }

    public int? Villages { get; private set; }

    /// <summary>Seeded for the demo; a figure an administrator types or imports is not.</summary>
    public bool IsDemo { get; private set; }

    public int Version { get; private set; }

    public static TownshipPopulation Create(int year, string township, int? residents, int? villages, bool isDemo = false)
    {
        var row = new TownshipPopulation
        {
            Year = PopulationRules.CheckYear(year),
            Township = Texts.Required(township, Unit.TownshipMaxLength, nameof(Township)),
        };
        row.Set(residents, villages, isDemo);
        return row;
    }

    /// <summary>New figures; false when they are the ones already kept.</summary>
    public bool Update(int? residents, int? villages)
    {
        if (residents == Residents && villages == Villages)
        {
            return false;
        }

        Set(residents, villages, isDemo: false);
        Version++;
        return true;
    }

    private void Set(int? residents, int? villages, bool isDemo)
    {
        Residents = PopulationRules.CheckCount(residents, PopulationRules.MaxTownshipResidents, nameof(Residents));
        Villages = PopulationRules.CheckCount(villages, PopulationRules.MaxVillages, nameof(Villages));
        IsDemo = isDemo;
    }
}

/// <summary>The resident population of the village a service point serves, in a year (optional: a service point without it has no per-capita figures).</summary>
public sealed class VillagePopulation
{
    private VillagePopulation()
    {
    }

    public int Id { get; private set; }

    public int Year { get; private set; }

    public int UnitId { get; private set; }

    public Unit? Unit { get; private set; }

    public int? Residents { get; private set; }

    public bool IsDemo { get; private set; }

    public int Version { get; private set; }

    public static VillagePopulation Create(int year, Unit servicePoint, int? residents, bool isDemo = false)
    {
        if (servicePoint.Kind != UnitKind.ServicePoint)
        {
            throw new DomainException(ErrorCodes.PopulationNotAServicePoint, nameof(UnitId), servicePoint.Code);
        }

        return new VillagePopulation
        {
            Year = PopulationRules.CheckYear(year),
            Unit = servicePoint,
            UnitId = servicePoint.Id,
            Residents = PopulationRules.CheckCount(residents, PopulationRules.MaxVillageResidents, nameof(Residents)),
            IsDemo = isDemo,
        };
    }

    public bool Update(int? residents)
    {
        if (residents == Residents)
        {
            return false;
        }

        Residents = PopulationRules.CheckCount(residents, PopulationRules.MaxVillageResidents, nameof(Residents));
        IsDemo = false;
        Version++;
        return true;
    }
}

public static class PopulationRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Far above any township (China's largest towns have a few hundred thousand residents): a typo, not a town.</summary>
    public const int MaxTownshipResidents = 2_000_000;

    public const int MaxVillageResidents = 200_000;
    public const int MaxVillages = 1_000;

    public static int CheckYear(int year) =>
        year is < FirstYear or > LastYear ? throw new DomainException(ErrorCodes.PopulationYearOutOfRange, "Year", FirstYear, LastYear) : year;

    public static int? CheckCount(int? value, int max, string field) => value switch
    {
        < 0 => throw new DomainException(ErrorCodes.NegativeNumber, field),
        > 0 when value > max => throw new DomainException(ErrorCodes.PopulationTooLarge, field, max),
        _ => value,
    };
}
