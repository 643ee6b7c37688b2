using MudBlazor;

namespace BranchNetwork.Web.Components.Layout;

public static class PortalTheme
{
    // System fonts only (the portal runs without internet); the CJK faces come first so Chinese never falls back
    // to a font without the glyphs.
    private static readonly string[] FontFamily =
        ["Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#b5452f",
            AppbarBackground = "#1f5f8b",
            Background = "#f5f7f9",
            // MudBlazor's defaults (#00c853, #f44336, #ff9800, #2196f3, text at 54 % black) fall below WCAG AA's 4.5:1 as
            // text on white and on the page background; these keep at least 4.6:1 on #f5f7f9 and as white on the colour.
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#b45309",
            Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.6)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H1 = new H1Typography { FontFamily = FontFamily },
            H2 = new H2Typography { FontFamily = FontFamily },
            H3 = new H3Typography { FontFamily = FontFamily },
            H4 = new H4Typography { FontFamily = FontFamily },
            H5 = new H5Typography { FontFamily = FontFamily },
            H6 = new H6Typography { FontFamily = FontFamily },
            Button = new ButtonTypography { FontFamily = FontFamily, TextTransform = "none" },
            Body1 = new Body1Typography { FontFamily = FontFamily },
            Body2 = new Body2Typography { FontFamily = FontFamily },
        },
    };
}
