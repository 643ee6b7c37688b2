namespace BranchNetwork.Core.Reports;

/// <summary>How a ledger column's numbers and dates are shown (text is always stored as text, never as a formula).</summary>
public enum LedgerFormat
{
    Text,

    /// <summary>Whole numbers: people, volumes, sessions.</summary>
    Count,

    /// <summary>Quantities that may have decimals (learning hours, a decimal indicator): 0.0#.</summary>
    Number,

    /// <summary>Amounts of money: 0.00.</summary>
    Money,

    Percent,

    /// <summary>A year or another whole number shown without separators (2019, not 2,019).</summary>
    Plain,

    /// <summary>A date, shown yyyy-mm-dd and kept a date for Excel.</summary>
    Date,
}

public sealed record LedgerColumn(string Header, LedgerFormat Format = LedgerFormat.Text);

public enum LedgerRowKind
{
    Item,

    /// <summary>A branch with its service points (or another group) summed: bold, shaded.</summary>
    Subtotal,

    Total,
}

/// <summary>One row; its cells are text, <see cref="int"/>, <see cref="decimal"/>, <see cref="DateOnly"/> or null, one per column.</summary>
public sealed record LedgerRow(LedgerRowKind Kind, IReadOnlyList<object?> Cells)
{
    public static LedgerRow Item(params object?[] cells) => new(LedgerRowKind.Item, cells);

    public static LedgerRow Subtotal(params object?[] cells) => new(LedgerRowKind.Subtotal, cells);

    public static LedgerRow Total(params object?[] cells) => new(LedgerRowKind.Total, cells);
}

/// <summary>
/// One sheet of a ledger: a title row, the column headers in words, the rows, notes that say what the figures are (what
/// is counted, what is left out), and the "制表" footer of the workbook.
/// </summary>
public sealed record LedgerSheet(string Name, string Title, IReadOnlyList<LedgerColumn> Columns, IReadOnlyList<LedgerRow> Rows,
    IReadOnlyList<string>? Notes = null);

/// <summary>A ledger (台账) as a workbook: its sheets in order, and the footer every sheet ends with.</summary>
public sealed record LedgerWorkbook(IReadOnlyList<LedgerSheet> Sheets, string Footer)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
