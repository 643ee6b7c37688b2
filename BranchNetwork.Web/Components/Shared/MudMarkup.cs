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

    /// <summary>A button's label with its icon before the text, as MudButton's StartIcon draws it.</summary>
    public static RenderFragment LabelWithStartIcon(string svg, string text) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-label");
        builder.OpenElement(2, "span");
        builder.AddAttribute(3, "class", "mud-button-icon-start mud-button-icon-size-medium");
        builder.AddContent(4, Icon(svg, Size.Medium, Color.Inherit));
        builder.CloseElement();
        builder.AddContent(5, text);
        builder.CloseElement();
    };

    /// <summary>A small MudChip without margin, showing <paramref name="text"/>.</summary>
    public static RenderFragment Chip(Variant variant, Color color, string text, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-{Name(variant)} mud-chip-size-small mud-chip-color-{Name(color)} ma-0");
        builder.AddAttribute(4, "tabindex", "-1");
        builder.AddAttribute(5, "data-testid", testId);
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-chip-content");
        builder.AddContent(8, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

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
