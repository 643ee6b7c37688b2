using System.Net;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Http;

/// <summary>The portal on a server without a CJK font: it runs, says Degraded, and refuses PDFs with the fix.</summary>
public sealed class MissingFontTests(MissingFontTests.PortalWithoutFont portal) : IClassFixture<MissingFontTests.PortalWithoutFont>
{
    public sealed class PortalWithoutFont : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(new ReportFontStatus(null)));
        }
    }

    [Fact]
    public async Task Health_is_Degraded_and_a_report_names_the_package_to_install()
    {
        var health = await portal.Anonymous().GetStringAsync("/health");
        var client = await portal.SignedInAsync(PortalFactory.AdminEmail);

        using var report = await client.GetAsync("/reports/plaques.pdf");
        var page = await client.GetStringAsync("/reports");

        Assert.Equal("Degraded", health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
        var message = await report.Content.ReadAsStringAsync();
        Assert.Contains("服务器未安装中文字体", message);
        Assert.Contains("apt-get install -y fonts-wqy-microhei", message);
        Assert.Contains("服务器未安装中文字体", page);
    }
}
