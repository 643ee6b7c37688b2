using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Http;

/// <summary>
/// What the quick entry page's queue sends, as a tampered or stale queue would send it: another account's entries,
/// another branch's unit, a lost session or token, a value the rules refuse, and a resend after a lost answer.
/// </summary>
public sealed partial class QuickEntryHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private sealed record Page(string User, string Token, string Html);

    private Period Month => Period.Of(portal.Services.GetRequiredService<CountyClock>().Today).Previous;

    private async Task<(HttpClient Client, Page Page)> OpenAsync(string email, string unit)
    {
        var client = await portal.SignedInAsync(email);
        var html = await client.GetStringAsync($"/figures/quick?unit={unit}&month={Month}");
        return (client, new Page(UserId().Match(html).Groups[1].Value, Token().Match(html).Groups[1].Value, html));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/json");
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return client.SendAsync(request);
    }

    private object Value(Page page, string unit, string indicator, string value, string? user = null, Period? month = null) =>
        new { user = user ?? page.User, unit, month = (month ?? Month).ToString(), indicator, value, explanation = (string?)null, typedAgainstVersion = 0, typedOver = (string?)null };

    private Task<(decimal? Value, int Version)?> StoredAsync(string unit, string indicator) => portal.StoredAsync(unit, Month, indicator);

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;

    [Fact]
    public async Task The_page_is_the_worker_s_branch_alone_without_the_framework_s_styles_or_scripts()
    {
        var (_, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ");

        Assert.Contains("data-unit=\"YS-CJ-01\"", page.Html);
        Assert.DoesNotContain("data-unit=\"YS-QG", page.Html);
        Assert.DoesNotContain("MudBlazor", page.Html);
        Assert.DoesNotContain("blazor.web", page.Html);
        Assert.Matches("<script src=\"[^\"]*quick[^\"]*\\.js\" defer>", page.Html);
        Assert.True(page.Html.Length < 60_000, $"The page is {page.Html.Length} characters.");
    }

    [Fact]
    public async Task Another_branch_s_unit_asked_for_by_address_is_not_found()
    {
        var client = await portal.SignedInAsync("ys-cj@demo.local");

        var response = await client.GetAsync($"/figures/quick?unit=YS-QG-01&month={Month}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("YS-QG-01", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_observer_reads_the_month_without_fields_to_type_in()
    {
        var (_, page) = await OpenAsync("observer@demo.local", "YS-CJ");

        Assert.Contains("data-unit=\"YS-CJ-01\"", page.Html);
        Assert.DoesNotContain("class=\"quick-value\"", page.Html);
    }

    [Fact]
    public async Task A_script_whose_session_ended_is_answered_401_and_a_page_is_sent_to_sign_in()
    {
        var anonymous = portal.Anonymous();

        var post = await PostAsync(anonymous, "/figures/quick/values", new { }, null);
        var page = await anonymous.GetAsync("/figures/quick");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_post_without_the_page_s_token_is_refused_and_changes_nothing()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ");

        var response = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ", "visits", "10"), token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await StoredAsync("YS-CJ", "visits"));
    }

    [Fact]
    public async Task A_queue_typed_under_another_account_is_not_sent_under_this_one()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ");

        var response = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ", "loans", "10", user: "someone-else"), page.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("这些数值是在另一个账户下输入的，不会以当前账户上传。", await MessageAsync(response));
        Assert.Null((await StoredAsync("YS-CJ", "loans"))?.Value);
    }

    [Fact]
    public async Task A_tampered_entry_for_another_branch_is_refused_by_the_scope()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ");

        var response = await PostAsync(client, "/figures/quick/values", Value(page, "YS-QG-01", "visits", "999"), page.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("YS-QG-01", await MessageAsync(response));
        Assert.Null(await StoredAsync("YS-QG-01", "visits"));
    }

    [Fact]
    public async Task Values_the_rules_refuse_come_back_with_the_reason_and_nothing_is_written()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ-01");

        var negative = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-01", "visits", "-5"), page.Token);
        var text = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-01", "visits", "abc"), page.Token);
        var approved = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-01", "visits", "5", month: Month.AddMonths(-1)), page.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative.StatusCode);
        Assert.Contains("到馆人次", await MessageAsync(negative));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, text.StatusCode);
        Assert.Contains("abc", await MessageAsync(text));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, approved.StatusCode);
        Assert.Contains(Month.AddMonths(-1).ToString(), await MessageAsync(approved));
        Assert.Null(await StoredAsync("YS-CJ-01", "visits"));
    }

    [Fact]
    public async Task A_value_sent_again_after_its_answer_was_lost_is_saved_once()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ-02");

        var first = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-02", "visits", "210"), page.Token);
        var again = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-02", "visits", "210"), page.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(((decimal?)210m, 1), await StoredAsync("YS-CJ-02", "visits"));
    }

    [Fact]
    public async Task A_submission_the_completeness_check_refuses_names_what_is_missing()
    {
        var (client, page) = await OpenAsync("ys-cj@demo.local", "YS-CJ-03");
        var saved = await PostAsync(client, "/figures/quick/values", Value(page, "YS-CJ-03", "visits", "40"), page.Token);
        var version = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();

        var response = await PostAsync(client, "/figures/quick/submit", new { user = page.User, unit = "YS-CJ-03", month = Month.ToString(), version }, page.Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("外借册次", await MessageAsync(response));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-user=\"([^\"]+)\"")]
    private static partial Regex UserId();
}
