using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Localization;

/// <summary>The component library's own words (a pager's buttons) are the reader's language too.</summary>
public sealed class ComponentWordsTests : ComponentTest
{
    [Theory]
    [InlineData("zh-CN", "下一页", "第 2 页")]
    [InlineData("en", "Next page", "Page 2")]
    public void A_pager_names_its_buttons_in_the_reader_s_language(string culture, string next, string second)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var page = new Page<int>([.. Enumerable.Range(1, 20)], 60, 0, 20);

        var pager = Render<ListPager<int>>(p => p.Add(x => x.Page, page));

        var labels = pager.FindAll("button[aria-label]").Select(b => b.GetAttribute("aria-label")).ToList();
        Assert.Contains(next, labels);
        Assert.Contains(second, labels);
    }

    [Theory]
    [InlineData("zh-CN", "乡镇分馆、服务点")]
    [InlineData("en", "Township branch, Service point")]
    public void Lists_run_with_the_reader_s_separator(string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var l = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<BranchNetwork.Web.Localization.SharedResource>>();

        Assert.Equal(expected, ListText.Join([l["UnitKind.Branch"].Value, l["UnitKind.ServicePoint"].Value]));
    }
}
