using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace BranchNetwork.Web.Localization;

/// <summary>
/// Marker for the portal's one set of strings: <c>SharedResource.resx</c> holds zh-CN (the default culture) and
/// <c>SharedResource.en.resx</c> English. Inject <c>IStringLocalizer&lt;SharedResource&gt;</c>.
/// </summary>
public sealed class SharedResource;
