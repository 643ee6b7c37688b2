using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Training;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Training;

/// <summary>The staff form: what the user sees when the service refuses a name.</summary>
public sealed class StaffDialogTests : ComponentTest
{
    [Fact]
    public async Task A_name_the_report_font_cannot_print_is_refused_under_the_name_naming_the_character()
    {
        var training = Services.GetRequiredService<TrainingService>();
        var before = (await training.StaffAsync("YS-QG")).Count;
        var units = (await Network.Service.ListAsync()).Where(u => u.Code == "YS-QG").ToList();
        var host = await OpenAsync(new DialogParameters<StaffDialog> { { d => d.Units, units } });

        Type(host, PortalText.Of("Users.DisplayName"), "张😀");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains(PortalText.Of("Error.Text.Unprintable", "张😀", "😀"), host.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Contains("“😀”", host.Markup);
        Assert.Equal(before, (await training.StaffAsync("YS-QG")).Count);
    }
}
