using BranchNetwork.Core.Resources;

namespace BranchNetwork.Web.Features.Resources;

public static class ResourceCategories
{
    /// <summary>What a resource item can be: seats and floor area are kept in a unit's profile, never as items.</summary>
    public static readonly IReadOnlyList<ResourceCategory> Recordable =
        [.. Enum.GetValues<ResourceCategory>().Where(c => c is not (ResourceCategory.Seats or ResourceCategory.Area))];
}
