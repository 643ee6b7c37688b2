using System.Globalization;
using System.Text;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Which characters the report font can print, from its character map (read once, by <see cref="ReportFonts"/>).
/// A text is checked here when it is saved (<see cref="Unprintable"/>), so one record cannot spoil a report for
/// everyone; a text saved before that check is printed with <see cref="Replace"/> instead.
/// </summary>
/// <remarks>
/// Judged per user-perceived character (text element), not per code point: "❤️" is a heart and a variation
/// selector, and "👨‍👩‍👧" five code points; either is named and replaced whole, never half.
/// </remarks>
public static class ReportGlyphs
{
    /// <summary>U+25A1 WHITE SQUARE, the visible stand-in when the font has it.</summary>
    private const string Square = "□";

    /// <summary>
    /// The portal registers its configured font at start-up; a process that did not (a tool, a domain test) looks the
    /// default places up once, so the same rule holds wherever a record is saved.
    /// </summary>
    private static readonly Lazy<ReportFonts?> Default = new(() => ReportFonts.Register(null));

    private static ReportFonts? Font => ReportFonts.Registered ?? Default.Value;

    /// <summary>What stands in for a character the font lacks: □ when the font has it, "?" otherwise.</summary>
    public static string Mark => Font?.Covers(Square[0]) != false ? Square : "?";

    /// <summary>
    /// The first character of <paramref name="text"/> the report font cannot print, or null when it can print them
    /// all (or no report font is installed, when no report is printed at all).
    /// </summary>
    public static string? Unprintable(string? text)
    {
        if (string.IsNullOrEmpty(text) || Font is not { } font)
        {
            return null;
        }

        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!Printable(font, element))
            {
                return element;
            }
        }

        return null;
    }

    /// <summary><paramref name="text"/> with each character the font cannot print replaced by <see cref="Mark"/> (the same instance when there is none).</summary>
    public static string Replace(string text)
    {
        if (Unprintable(text) is null)
        {
            return text;
        }

        var font = Font!;
        var mark = Mark;
        var printable = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            printable.Append(Printable(font, element) ? element : mark);
        }

        return printable.ToString();
    }

    /// <summary>Line breaks, tabs and spaces are laid out, not drawn; every other code point needs a glyph.</summary>
    private static bool Printable(ReportFonts font, string element) =>
        element.EnumerateRunes().All(r => Rune.IsControl(r) || Rune.IsWhiteSpace(r) || font.Covers(r.Value));
}
