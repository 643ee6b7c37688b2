using BranchNetwork.Core.Activities;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Features.Activities;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BranchNetwork.Tests.Activities;

/// <summary>The activity form: what the user sees when the service refuses a text.</summary>
public sealed class ActivityDialogTests : ComponentTest
{
    [Fact]
    public async Task A_series_the_report_font_cannot_print_is_refused_under_the_series_naming_the_character()
    {
        var activities = Services.GetRequiredService<ActivityService>();
        var id = await activities.AddAsync("YS-QG-01", new ActivityDetails(new DateOnly(2026, 2, 7), "亲子阅读会", ActivityCategory.ParentChildReading, 30, "共享阅读"));
        var existing = (await activities.YearAsync(new ActivityFilter(2026))).Single(a => a.Id == id);
        var host = await OpenAsync(new DialogParameters<ActivityDialog>
        {
            { d => d.Existing, existing },
            { d => d.Units, await Network.Service.ListAsync() },
        });

        Type(host, PortalText.Of("Activities.Series"), "绘本😀");
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains(PortalText.Of("Error.Text.Unprintable", "绘本😀", "😀"), host.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Equal("共享阅读", (await activities.YearAsync(new ActivityFilter(2026))).Single(a => a.Id == id).Details.Series);
    }

    [Theory]
    [InlineData("abc", "“abc”不是数字")]
    [InlineData("", "请填写数字")]
    [InlineData("30.5", "这里只能填整数")]
    public async Task Participants_that_are_not_a_whole_number_are_refused_not_saved_as_zero(string typed, string message)
    {
        var activities = Services.GetRequiredService<ActivityService>();
        var id = await activities.AddAsync("YS-QG-01", new ActivityDetails(new DateOnly(2026, 2, 7), "亲子阅读会", ActivityCategory.ParentChildReading, 30, "共享阅读"));
        var existing = (await activities.YearAsync(new ActivityFilter(2026))).Single(a => a.Id == id);
        var host = await OpenAsync(new DialogParameters<ActivityDialog>
        {
            { d => d.Existing, existing },
            { d => d.Units, await Network.Service.ListAsync() },
        });

        Type(host, PortalText.Of("Activities.Participants"), typed);
        Submit(host);

        host.WaitForAssertion(() => Assert.Contains(message, host.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Equal(30, (await activities.YearAsync(new ActivityFilter(2026))).Single(a => a.Id == id).Details.Participants);
    }

    [Fact]
    public async Task A_new_activity_is_dated_today_by_the_county_clock_not_by_the_machine_s()
    {
        var host = await OpenAsync(new DialogParameters<ActivityDialog> { { d => d.Units, await Network.Service.ListAsync() } });

        var date = host.FindAll("input").Single(i => i.GetAttribute("value") is { } v && System.Text.RegularExpressions.Regex.IsMatch(v, @"^\d{4}-\d{2}-\d{2}$"));
        Assert.Equal("2026-03-02", date.GetAttribute("value"));
    }
}
