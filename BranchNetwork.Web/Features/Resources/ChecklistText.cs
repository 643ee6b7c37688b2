using BranchNetwork.Core.Resources;
using BranchNetwork.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Features.Resources;

public static class ChecklistText
{
    /// <summary>A measured item in the words the PDFs use (<see cref="Core.Reports.ChecklistText"/>).</summary>
    public static string Measured(this IStringLocalizer<SharedResource> l, ChecklistRow row) =>
        Core.Reports.ChecklistText.Measured(row, (key, args) => l[key, args]);
}
