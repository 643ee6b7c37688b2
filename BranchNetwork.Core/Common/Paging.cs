using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Common;

/// <summary>
/// Which page of a list to read: <paramref name="Page"/> counts from 0, <paramref name="Size"/> is held to
/// <see cref="MinSize"/>..<see cref="MaxSize"/> so no caller can ask for the whole table.
/// </summary>
public sealed record PageRequest(int Page = 0, int Size = PageRequest.DefaultSize)
{
    public const int MinSize = 10;
    public const int MaxSize = 100;
    public const int DefaultSize = 20;

    public static readonly PageRequest First = new();

    /// <summary>The size actually used.</summary>
    public int Take => Math.Clamp(Size, MinSize, MaxSize);

    /// <summary>The page actually asked for (never negative).</summary>
    public int Index => Math.Max(0, Page);
}

/// <summary>One page of a list and how many rows the whole (filtered) list holds.</summary>
/// <param name="Index">The page returned, from 0; a page past the end is answered with the last one.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Index, int Size)
{
    public static Page<T> Empty(PageRequest request) => new([], 0, 0, request.Take);

    /// <summary>1-based number of the first row shown (0 when the list is empty).</summary>
    public int FirstRow => Items.Count == 0 ? 0 : Index * Size + 1;

    /// <summary>1-based number of the last row shown.</summary>
    public int LastRow => Items.Count == 0 ? 0 : Index * Size + Items.Count;

    public int PageCount => Total == 0 ? 1 : (Total + Size - 1) / Size;

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Index, Size);
}

public static class Paging
{
    /// <summary>
    /// Counts the query, then reads one page of it with OFFSET/LIMIT in SQL. <paramref name="ordered"/> must have a
    /// total order (end with a unique key) or rows can repeat or vanish between pages.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct = default)
    {
        var size = request.Take;
        var total = await ordered.CountAsync(ct);
        // After rows leave the list (approved, deleted) the page asked for may no longer exist: show the last one.
        var index = Math.Min(request.Index, Math.Max(0, (total - 1) / size));
        var items = total == 0 ? [] : await ordered.Skip(index * size).Take(size).ToListAsync(ct);
        return new Page<T>(items, total, index, size);
    }
}
