using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace BranchNetwork.Web.Components.Layout;

/// <summary>
/// MudThemeProvider with the portal's theme, its styles built once for the process. MudThemeProvider builds the theme's
/// CSS (26 KB as a string) again in every circuit and keeps it in that circuit's render tree (issue 20, bench/run.sh
/// circuits); the portal has one theme and no dark mode, so every circuit can hold the same string.
/// </summary>
public sealed class PortalThemeProvider : MudThemeProvider
{
    // MudThemeProvider's own markup for MudChart's hover filter, which the analytics and scores charts use.
    private const string ChartStyles = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    private static readonly MarkupString Scrollbar = (MarkupString)BuildMudBlazorScrollbar();

    private static MarkupString? themeStyles;

    public PortalThemeProvider() => Theme = PortalTheme.Theme;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        themeStyles ??= (MarkupString)BuildTheme();
        builder.AddContent(0, Scrollbar);
        builder.AddMarkupContent(1, ChartStyles);
        builder.AddContent(2, themeStyles.Value);
    }
}
