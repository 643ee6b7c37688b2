using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Reports;

/// <summary>A unit as the ledgers list it: its name, its code beside it, and where it belongs.</summary>
public sealed record LedgerUnit(int Id, string Code, string Name, UnitKind Kind, int? ParentId, int? BatchYear, DateOnly? PlaquedOn);

/// <summary>
/// A filing group of a ledger: a branch with its service points (or the head library with its own), in code order, the
/// group the subtotal rows close.
/// </summary>
public sealed record LedgerGroup(LedgerUnit Head, IReadOnlyList<LedgerUnit> Members)
{
    public IReadOnlyList<int> Ids => Members.Select(m => m.Id).ToList();

    public bool Holds(string unitCode) => Members.Any(m => m.Code == unitCode);
}

/// <summary>What every ledger shares: the footer, the units in the reader's scope in their groups, the file name.</summary>
public static class LedgerFrame
{
    /// <summary>制表：{the reader's name}，{the county's today}.</summary>
    public static string Footer(ReportText t, Actor actor, DateOnly today) =>
        t("Ledger.Footer", actor.Name, t("Report.Date", today.Year, today.Month, today.Day));

    /// <summary>The units the actor may read (<see cref="UnitScope.InScopeOf"/>), by code.</summary>
    public static async Task<List<LedgerUnit>> UnitsAsync(BranchNetworkDbContext db, Actor actor, CancellationToken ct) =>
        await db.Units.AsNoTracking().InScopeOf(actor).OrderBy(u => u.Code)
            .Select(u => new LedgerUnit(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.BatchYear, u.PlaquedOn))
            .ToListAsync(ct);

    /// <summary>Each branch (and the head library) with the service points under it, head first; a service point whose parent is out of scope stands alone.</summary>
    public static List<LedgerGroup> Groups(IReadOnlyList<LedgerUnit> units)
    {
        var heads = units.Where(u => u.Kind != UnitKind.ServicePoint || units.All(p => p.Id != u.ParentId)).ToList();
        return heads.Select(h => new LedgerGroup(h, [h, .. units.Where(u => u.Kind == UnitKind.ServicePoint && u.ParentId == h.Id && u.Id != h.Id)]))
            .ToList();
    }

    /// <summary>A service point's name indented under its branch, as the PDFs show it.</summary>
    public static string Indented(LedgerUnit unit, LedgerGroup group) => unit.Id == group.Head.Id ? unit.Name : $"\u3000{unit.Name}";

    /// <summary>"小计（七拱镇分馆）".</summary>
    public static string Subtotal(ReportText t, LedgerGroup group) => t("Ledger.Subtotal", group.Head.Name);

    /// <summary>The download name, e.g. 台账-培训-2020.xlsx.</summary>
    public static string FileName(ReportText t, string ledger, int? year = null) =>
        year is { } y ? $"{t("Ledger.File", t($"Ledger.{ledger}.Short"))}-{y}.xlsx" : $"{t("Ledger.File", t($"Ledger.{ledger}.Short"))}.xlsx";

    /// <summary>A year a ledger can be drawn for: begun in the county (not a year to come), from 2000 on.</summary>
    public static bool IsBegun(int year, CountyClock clock) => year >= 2000 && year <= clock.Today.Year;

    /// <summary>Yes or no in words (是/否).</summary>
    public static string YesNo(ReportText t, bool value) => t(value ? "Ledger.Yes" : "Ledger.No");
}
