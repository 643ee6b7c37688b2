using BranchNetwork.Core.Reports;

namespace BranchNetwork.Core.Common;

/// <summary>
/// The trimming, length and printing rules every free-text field of an entity follows. Every such field can reach a
/// report, so a character the report font cannot print (an emoji, a character outside the font) is refused here,
/// when it is saved, naming the character: one record must not spoil a report for the whole network.
/// </summary>
public static class Texts
{
    /// <summary>How much of a long text the refusal quotes around the character (the field itself is beside the message).</summary>
    private const int QuoteLength = 24;

    public static string Required(string? value, int maxLength, string field) =>
        Optional(value, maxLength, field) ?? throw new DomainException(ErrorCodes.Required, field);

    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(ErrorCodes.TooLong, field, maxLength);
        }

        return ReportGlyphs.Unprintable(trimmed) is { } character
            ? throw new DomainException(ErrorCodes.Unprintable, field, Quote(trimmed, character), character)
            : trimmed;
    }

    /// <summary>The text, or the part of it around the character with "…" where it was cut.</summary>
    private static string Quote(string text, string character)
    {
        if (text.Length <= QuoteLength)
        {
            return text;
        }

        var at = text.IndexOf(character, StringComparison.Ordinal);
        var start = Math.Clamp(at - QuoteLength / 2, 0, text.Length - QuoteLength);
        if (start > 0 && char.IsLowSurrogate(text[start]))
        {
            start--;
        }

        var end = Math.Min(text.Length, start + QuoteLength);
        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }
}
