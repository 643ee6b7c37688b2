using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BranchNetwork.Tests.Figures;

/// <summary>The dialog that returns a report, with a comment on the report and optional ones on its values.</summary>
public sealed class ReturnDialogTests : ComponentTest
{
    // 青莲镇's service points submitted 2026-02 in the demo; 龙井村 has no flagged value.
    private const string Longjing = "YS-QL-02";
    private static readonly Period Month = new(2026, 2);

    public ReturnDialogTests() : base(seedFigures: true)
    {
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Host, IDialogReference Dialog, ReviewItem Item)> OpenAsync()
    {
        var item = (await Network.Figures.ReviewQueueAsync(new ReviewFilter(Month: Month), TestPaging.AllOfIt)).Page.Items.Single(i => i.UnitCode == Longjing);
        var indicators = await Network.Figures.ActiveIndicatorsAsync();
        var host = RenderDialogHost();
        var dialogs = Services.GetService(typeof(IDialogService)) as IDialogService;
        IDialogReference? dialog = null;
        await host.InvokeAsync(async () => dialog = await dialogs!.ShowAsync<ReturnDialog>("", new DialogParameters<ReturnDialog>
        {
            { d => d.Item, item },
            { d => d.Indicators, indicators },
        }));
        return (host, dialog!, item);
    }

    private static AngleSharp.Dom.IElement NoteField(IRenderedComponent<MudDialogProvider> host, string indicator) =>
        host.Find($"[data-testid=return-notes] input[data-indicator='{indicator}']");

    [Fact]
    public async Task It_opens_without_errors_with_the_comment_focused_and_a_field_for_each_value()
    {
        var (host, _, item) = await OpenAsync();

        Assert.Empty(host.FindAll(".mud-input-error, .validation-message, [data-testid=form-error]"));
        // The last element given the focus keeps it (the portal's dialog provider takes none for its focus trap).
        var focused = JSInterop.Invocations.Last(i => i.Identifier == "Blazor._internal.domWrapper.focus");
        Assert.Equal(host.Find("textarea[data-testid=comment]").GetAttribute("blazor:elementReference"), ((ElementReference)focused.Arguments[0]!).Id);
        var labels = host.FindAll("[data-testid=return-notes] label").Select(l => l.TextContent).ToList();
        Assert.Equal(item.Values.Count, labels.Count);
        Assert.Contains(labels, l => l.StartsWith("外借册次 · ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_comment_and_the_comments_on_values_are_sent_and_the_dialog_closes()
    {
        var (host, dialog, _) = await OpenAsync();

        host.Find("textarea").Change("两项请核对");
        NoteField(host, "loans").Change("外借册次偏低，请核对");
        NoteField(host, "visits").Change("到馆人次请附签到表");
        Submit(host);

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(result!.Canceled);
        var returned = Assert.Single((await Network.Figures.HistoryAsync(Longjing, Month)).Returns);
        Assert.Equal("两项请核对", returned.Comment);
        Assert.Equal(new Dictionary<string, string> { ["loans"] = "外借册次偏低，请核对", ["visits"] = "到馆人次请附签到表" }, returned.Notes);
    }

    [Fact]
    public async Task An_unprintable_comment_on_a_value_is_shown_under_that_field_and_nothing_is_returned()
    {
        var (host, dialog, _) = await OpenAsync();

        host.Find("textarea").Change("请核对");
        NoteField(host, "loans").Change("外借偏低😀");
        Submit(host);

        host.WaitForAssertion(() =>
        {
            var field = host.FindAll(".mud-input-control").Single(c => c.QuerySelector("input[data-indicator='loans']") is not null);
            Assert.Contains("无法打印在报表中", field.TextContent);
        });
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty((await Network.Figures.HistoryAsync(Longjing, Month)).Returns);
    }
}
