using System.Text;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Where a line may break in a report's text: between any two CJK characters in running text (<see cref="Characters"/>),
/// or only between words in a label such as a table header or a status (<see cref="Words"/>).
/// </summary>
internal static class LineBreaks
{
    private const string ClosingPunctuation = "。，、；：？！）」』》〉】〕”’…·%,.;:?!)";
    private const string OpeningPunctuation = "（「『《〈【〔“‘";

    /// <summary>
    /// Measure units that end a Chinese label ("读者活动" + "场次", "到馆" + "人次", "每周开放时长" + "小时"): a label may
    /// break before one, as between a name and its unit, and nowhere else inside its words.
    /// </summary>
    private static readonly string[] MeasureUnits = ["人次", "场次", "册次", "人数", "册数", "学时", "小时"];

    /// <summary>
    /// A CJK character is a token of its own; Latin words keep together with their following space. Closing
    /// punctuation (。，、）」…) sticks to the token before it and opening punctuation (（「《…) to the one after, so
    /// no line starts with "。" or ends with "（" (the basic kinsoku rule).
    /// </summary>
    public static List<string> Characters(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        var carry = "";
        void Emit(string token)
        {
            token = carry + token;
            carry = "";
            if (tokens.Count > 0 && token.Length > 0 && ClosingPunctuation.Contains(token[0]))
            {
                tokens[^1] += token;
            }
            else
            {
                tokens.Add(token);
            }
        }

        foreach (var c in text)
        {
            if (IsCjk(c) || ClosingPunctuation.Contains(c) && word.Length == 0)
            {
                if (word.Length > 0)
                {
                    Emit(word.ToString());
                    word.Clear();
                }

                if (OpeningPunctuation.Contains(c))
                {
                    carry += c;
                }
                else
                {
                    Emit(c.ToString());
                }

                continue;
            }

            word.Append(c);
            if (c == ' ')
            {
                Emit(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0 || carry.Length > 0)
        {
            Emit(word.ToString());
        }

        return tokens;
    }

    /// <summary>
    /// The words of a label, each to be kept on one line: a break falls after a space, before an opening bracket
    /// (（ 《 “ or "("), after a closing mark of Chinese punctuation (、 ） 。 …), and between a Chinese name and the
    /// measure unit it ends in; never between two characters of a Chinese word ("已完成", "读者活动") or inside a number.
    /// </summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var at = 0;
        foreach (var token in Characters(text))
        {
            if (word.Length > 0 && BreaksBefore(word, token, text.AsSpan(at)))
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(token);
            at += token.Length;
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool BreaksBefore(StringBuilder before, string token, ReadOnlySpan<char> rest)
    {
        var last = before[^1];
        var next = token[0];
        return last == ' '
            || OpeningPunctuation.Contains(next) || next == '('
            || last == ')' || last > 0x7F && ClosingPunctuation.Contains(last)
            || IsCjk(last) && !ClosingPunctuation.Contains(last) && StartsWithMeasureUnit(rest);
    }

    private static bool StartsWithMeasureUnit(ReadOnlySpan<char> text)
    {
        foreach (var unit in MeasureUnits)
        {
            if (text.StartsWith(unit, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCjk(char c) => c > 0x2E80;
}
