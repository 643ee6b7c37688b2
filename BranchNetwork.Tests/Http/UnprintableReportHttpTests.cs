using System.Net;
using BranchNetwork.Core.Activities;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using UglyToad.PdfPig;

namespace BranchNetwork.Tests.Http;

/// <summary>The whole portal with an activity series saved before the save-time check: the network's report still comes.</summary>
public sealed class UnprintableReportHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_annual_summary_with_an_emoji_in_a_series_is_a_PDF_not_a_503()
    {
        var client = await portal.SignedInAsync(PortalFactory.AdminEmail);
        await using (var db = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False"))
        {
            await db.OpenAsync();
            var update = db.CreateCommand();
            update.CommandText = "UPDATE Activities SET Series = '绘本😀' WHERE Series = $series";
            update.Parameters.AddWithValue("$series", DemoActivities.PictureBooks);
            Assert.True(await update.ExecuteNonQueryAsync() >= 3);
        }

        using var response = await client.GetAsync("/reports/annual-summary/2020.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("“绘本□”", string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", ""));
    }
}
