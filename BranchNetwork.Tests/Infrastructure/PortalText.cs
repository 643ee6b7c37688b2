using System.Globalization;
using System.Resources;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Tests.Infrastructure;

/// <summary>The portal's own words in the current UI culture, as the reports get them (a <c>ReportText</c>).</summary>
public static class PortalText
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    public static string Of(string key, params object[] args) =>
        string.Format(CultureInfo.CurrentCulture, Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException(key), args);
}
