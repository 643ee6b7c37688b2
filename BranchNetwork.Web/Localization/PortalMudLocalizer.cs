using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BranchNetwork.Web.Localization;

/// <summary>
/// MudBlazor's own words (a pager's "Next page", a dialog's "Close dialog") from the portal's resources, so screen
/// readers hear them in the reader's language; a key the portal does not translate keeps MudBlazor's English.
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> l) : MudLocalizer
{
    public override LocalizedString this[string key] => l[$"Mud.{key}"] is { ResourceNotFound: false } text
        ? new LocalizedString(key, text.Value)
        : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] => l[$"Mud.{key}", arguments] is { ResourceNotFound: false } text
        ? new LocalizedString(key, text.Value)
        : new LocalizedString(key, key, resourceNotFound: true);
}
