using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Figures;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Figures;

/// <summary>The comment asked for when a report is returned or corrected.</summary>
public sealed class CommentDialogTests : ComponentTest
{
    [Fact]
    public async Task A_return_comment_over_500_characters_is_refused_in_full_not_cut_short()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await host.InvokeAsync(async () => dialog = await dialogs.ShowAsync<CommentDialog>("",
            new DialogParameters<CommentDialog> { { d => d.Prompt, "退回原因" }, { d => d.Action, "退回" } }));

        host.Find("textarea").Change(new string('长', 10_000));
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains("内容过长（最多 500 个字符）", host.Markup));
        Assert.False(dialog!.Result.IsCompleted);
        // The browser is not told to cut a paste at 500 characters: the message says what is too long instead.
        Assert.True(host.Find("textarea").GetAttribute("maxlength") is not { } cap || int.Parse(cap) > 10_000);
    }
}
