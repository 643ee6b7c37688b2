using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Network;

public static class UnitScope
{
    /// <summary>
    /// The units an actor may see: all of them, or for a branch worker their branch and its service points. Every
    /// read of units goes through this, so no page, export or report can show a branch worker another branch.
    /// </summary>
    public static IQueryable<Unit> InScopeOf(this IQueryable<Unit> units, Actor actor) => actor switch
    {
        { ReadsWholeNetwork: true } => units,
        { IsBranchWorker: true, BranchId: int branch } => units.Where(u => u.Id == branch || u.ParentId == branch),
        _ => units.Where(_ => false),
    };
}
