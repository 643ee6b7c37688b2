using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace BranchNetwork.Web.Components.Shared;

/// <summary>
/// The classes MudBlazor 9 puts on a button and a chip, and its icon's svg, for a page that draws their markup itself. A MudButton,
/// MudChip or MudIcon is a component: two render trees, its parameter state and attribute dictionaries in every open
/// circuit. The figures entry page, kept open by every branch on due day, draws them so (issue 20, bench/run.sh circuits).
/// </summary>
public static class MudMarkup
{
    public static string Button(Variant variant, Color color, Size size = Size.Medium)
    {
        var kind = $"mud-button-{Name(variant)}";
        return $"mud-button-root mud-button {kind} {kind}-{Name(color)} {kind}-size-{Name(size)} mud-ripple";
    }

    public static string Chip(Variant variant, Color color, Size size = Size.Small) =>
        $"mud-chip mud-chip-{Name(variant)} mud-chip-size-{Name(size)} mud-chip-color-{Name(color)}";

    /// <summary>A MudIcon's svg, drawn into the caller's render tree.</summary>
    public static RenderFragment Icon(string svg, Size size, Color color = Color.Default) => builder => Icon(builder, svg, size, color);

    private static void Icon(RenderTreeBuilder builder, string svg, Size size, Color color)
    {
        var neutral = color == Color.Default ? " mud-icon-default" : "";
        var coloured = color is Color.Default or Color.Inherit ? "" : $" mud-{Name(color)}-text";
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", $"mud-icon-root{neutral} mud-svg-icon{coloured} mud-icon-size-{Name(size)}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
    }

    private static string Name(Enum value) => value.ToString().ToLowerInvariant();
}
