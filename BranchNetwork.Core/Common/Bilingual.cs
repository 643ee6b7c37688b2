using System.Globalization;

namespace BranchNetwork.Core.Common;

/// <summary>
/// A name the domain holds in both languages (an indicator's). Handed to a message as an argument, it prints in the
/// reader's language when the message is formatted, so Core's refusals name things as the page around them does.
/// </summary>
public sealed record BilingualName(string Zh, string En)
{
    public static bool ReaderIsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public override string ToString() => ReaderIsChinese ? Zh : En;
}

/// <summary>Names listed in the reader's language with the reader's separator ("到馆人次、外借册次" or "Visits, Loans").</summary>
public sealed record BilingualList(IReadOnlyList<BilingualName> Names)
{
    public override string ToString() => ListText.Join(Names.Select(n => n.ToString()));
}

/// <summary>Every list a page, report or message runs into one line: "、" for a Chinese reader, ", " otherwise.</summary>
public static class ListText
{
    public static string Join(IEnumerable<string?> items) =>
        string.Join(BilingualName.ReaderIsChinese ? "、" : ", ", items.Where(i => !string.IsNullOrEmpty(i)));
}

/// <summary>A bound printed as its quantity is kept: whole numbers without decimals, thousands grouped (20,000).</summary>
public sealed record Bound(decimal Value, bool IsDecimal)
{
    public override string ToString() => Value.ToString(IsDecimal ? "#,0.##" : "#,0", CultureInfo.CurrentCulture);
}
