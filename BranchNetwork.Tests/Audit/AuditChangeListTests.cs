using System.Globalization;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Audit;
using Bunit;

namespace BranchNetwork.Tests.Audit;

/// <summary>An audit entry reads in the reader's language: a report's values by their indicators' names, states by their words.</summary>
public sealed class AuditChangeListTests : ComponentTest
{
    private static readonly Dictionary<string, BilingualName> Names = new()
    {
        ["visits"] = new("到馆人次", "Visits"),
        ["loans"] = new("外借册次", "Items loaned"),
    };

    private static readonly AuditEntryRecord Returned = new(1, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc), "总馆工作人员", AuditEntities.Report,
        "YS-QG-01 2026-02", AuditActions.Updated,
        [new("visits", "400", "420"), new("loans:returnComment", null, "请核对"), new("visits:explanation", null, "文化节"), new("State", "Submitted", "Returned")]);

    [Theory]
    [InlineData("zh-CN", "到馆人次|外借册次的审核意见|到馆人次的说明|状态", "待审核")]
    [InlineData("en", "Visits|Reviewer's comment on Items loaned|Explanation of Visits|State", "Submitted")]
    public void A_report_s_values_are_named_by_their_indicators_and_its_state_in_words(string culture, string fields, string submitted)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var list = Render<AuditChangeList>(p => p.Add(x => x.Entry, Returned).Add(x => x.IndicatorNames, Names));

        Assert.Equal(fields.Split('|'), list.FindAll(".audit-field").Select(f => f.TextContent));
        Assert.Equal(submitted, list.FindAll(".audit-old").Last().TextContent);
    }
}
