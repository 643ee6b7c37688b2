using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Figures;

/// <summary>The closures page: voiding asks for a reason, and a voided closure is shown struck through when asked for.</summary>
public sealed class ClosuresPageTests : ComponentTest
{
    public ClosuresPageTests() : base(seedFigures: true)
    {
    }

    private ClosureService Closures => Network.Services.GetRequiredService<ClosureService>();

    [Fact]
    public async Task Voiding_asks_for_a_reason_refuses_none_and_the_voided_closure_is_shown_struck_through_on_request()
    {
        await Closures.AddAsync("YS-QG-01", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修");
        var dialogs = RenderDialogHost();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<ClosuresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=void-closure]").Count));

        page.FindAll("[data-testid=void-closure]")[0].Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=void-reason]")));
        dialogs.Find("form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("必填", dialogs.Markup));
        Assert.Equal(2, (await Closures.ListAsync()).Count);

        dialogs.Find("[data-testid=void-reason]").Input("登记错了单位");
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        snackbars.WaitForAssertion(() => Assert.Contains("已作废", snackbars.Markup));
        Assert.Single(await Closures.ListAsync());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=closure-table] tbody tr")));
        await page.InvokeAsync(() => page.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.voided-row")));
        Assert.Contains("登记错了单位", page.Find("tr.voided-row").TextContent);
        Assert.Empty(page.Find("tr.voided-row").QuerySelectorAll("[data-testid=void-closure]"));
    }

    [Fact]
    public async Task A_correction_is_saved_with_a_snackbar()
    {
        await Closures.AddAsync("YS-QG-01", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), "村委会装修");
        RenderDialogHost();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<ClosuresPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=edit-closure]").Count));

        page.FindAll("[data-testid=edit-closure]")[0].Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=closure-editing]")));
        page.FindAll("input").Single(i => i.GetAttribute("value") == "村委会装修").Change("村委会装修（延期）");
        page.Find("form").Submit();

        snackbars.WaitForAssertion(() => Assert.Contains("已保存", snackbars.Markup));
        Assert.Equal("村委会装修（延期）", (await Closures.ListAsync()).Single(c => c.UnitCode == "YS-QG-01").Reason);
    }
}
