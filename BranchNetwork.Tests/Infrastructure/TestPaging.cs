using BranchNetwork.Core.Common;

namespace BranchNetwork.Tests.Infrastructure;

public static class TestPaging
{
    /// <summary>The largest page: the whole list in the tests' small networks (the callers check the total where it matters).</summary>
    public static readonly PageRequest AllOfIt = new(0, PageRequest.MaxSize);

    /// <summary>Reads every page of a list in turn, checking each page's total agrees, and returns the rows in order.</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<PageRequest, Task<Page<T>>> read, int size = PageRequest.MinSize)
    {
        var rows = new List<T>();
        for (var index = 0; ; index++)
        {
            var page = await read(new PageRequest(index, size));
            Assert.Equal(index, page.Index);
            rows.AddRange(page.Items);
            Assert.True(page.Items.Count <= size);
            if (rows.Count >= page.Total)
            {
                Assert.Equal(page.Total, rows.Count);
                return rows;
            }

            Assert.NotEmpty(page.Items);
        }
    }
}
