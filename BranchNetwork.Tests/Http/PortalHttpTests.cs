using System.Net;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace BranchNetwork.Tests.Http;

public abstract class PortalHttpTests(PortalFactory portal)
{
    protected PortalFactory Portal => portal;

    protected HttpClient Anonymous() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PortalSignIn.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Health_answers_Healthy_without_sign_in()
    {
        var response = await Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/roster")]
    [InlineData("/roster/YS-QG-01")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_sign_in_page_is_Chinese_by_default_and_lists_the_demo_account()
    {
        var html = await Anonymous().GetStringAsync("/Account/Login");

        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("登录", html);
        Assert.Contains("admin@demo.local", html);
        Assert.DoesNotContain("Register", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var client = Anonymous();
        var response = await PortalSignIn.SignInAsync(client, PortalFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("邮箱或密码不正确", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Self_registration_does_not_exist()
    {
        var client = await SignedInAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/Register")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/ExternalLogin")).StatusCode);
    }

    [Fact]
    public async Task The_roster_is_rendered_on_the_server_with_all_53_units()
    {
        var client = await SignedInAsync();

        var html = await client.GetStringAsync("/roster");

        Assert.Contains("显示 53 / 53 个网点", html);
        Assert.Contains("火岗村服务点", html);
        Assert.Contains("秤架瑶族乡", html);
    }

    [Fact]
    public async Task An_unknown_unit_is_404()
    {
        var client = await SignedInAsync();

        var response = await client.GetAsync("/roster/YS-NOPE");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_culture_switch_keeps_English_in_the_standard_cookie()
    {
        var client = await SignedInAsync();

        var response = await client.GetAsync("/culture?culture=en&redirectUri=%2Froster");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/roster", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture="));
        Assert.Contains("c%3Den%7Cuic%3Den", cookie);
        var html = await client.GetStringAsync("/roster");
        Assert.Contains("Showing 53 of 53 units", html);
        Assert.Contains("<html lang=\"en\"", html);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    public async Task The_culture_switch_never_redirects_off_site(string target)
    {
        var response = await Anonymous().GetAsync($"/culture?culture=zh-CN&redirectUri={Uri.EscapeDataString(target)}");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Signing_in_with_a_return_url_off_site_lands_on_the_home_page(string returnUrl)
    {
        var response = await PortalSignIn.SignInAsync(Anonymous(), "ys-tp@demo.local", PortalFactory.DemoPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost/", new Uri(portal.Server.BaseAddress, response.Headers.Location!).AbsoluteUri);
    }

    [Fact]
    public async Task Signing_in_with_a_local_return_url_goes_there()
    {
        var response = await PortalSignIn.SignInAsync(Anonymous(), "ys-jy@demo.local", PortalFactory.DemoPassword, "/figures?month=2025-06");

        Assert.Equal("http://localhost/figures?month=2025-06", new Uri(portal.Server.BaseAddress, response.Headers.Location!).AbsoluteUri);
    }

    [Theory]
    [InlineData("/reports/unit-annual/YS-QG%0A/2020.pdf")]
    [InlineData("/reports/unit-annual/YS-QG%0D%0AX-Injected:%201/2020.pdf")]
    [InlineData("/reports/branch-monthly/YS-QG%0A/2025-06.pdf")]
    [InlineData("/reports/branch-monthly/%E2%80%AE/2025-06.pdf")]
    [InlineData("/roster/YS-QG%0A")]
    [InlineData("/training/2147483648")]
    [InlineData("/figures?branch=%0A&month=2025-99")]
    [InlineData("/figures/board?year=-1")]
    [InlineData("/activities?year=99999&month=13")]
    [InlineData("/deliveries?year=abc")]
    [InlineData("/photos/YS-QG/%0A.png")]
    [InlineData("/exports/figures/99999.csv")]
    [InlineData("/reports/network-monthly/0000-00.pdf")]
    [InlineData("/reports/certificate/-1/-1.pdf")]
    [InlineData("/reports/training-signin/-1.pdf")]
    [InlineData("/reports/annual-summary/-1.docx")]
    public async Task Bad_input_in_the_address_is_refused_never_a_server_error(string path)
    {
        using var response = await (await SignedInAsync()).GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("X-Injected"));
    }

    [Theory]
    [InlineData("/reports/plaques.pdf")]
    [InlineData("/reports/annual-summary/2020.docx")]
    [InlineData("/exports/figures/2025.csv")]
    [InlineData("/exports/figures/2025.xlsx")]
    [InlineData("/roster")]
    public async Task Pages_PDFs_and_exports_are_never_stored_by_a_browser_or_proxy(string path)
    {
        using var response = await (await SignedInAsync()).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_connection_lost_dialog_speaks_the_reader_s_language()
    {
        var client = await SignedInAsync();

        var chinese = await client.GetStringAsync("/roster");
        await client.GetAsync("/culture?culture=en&redirectUri=/roster");
        var english = await client.GetStringAsync("/roster");

        Assert.Contains("网络连接中断，正在重新连接", chinese);
        Assert.Matches("重新连接未成功，<span id=\"components-seconds-to-next-attempt\"[^>]*></span> 秒后再试。", chinese);
        Assert.DoesNotContain("Rejoining the server", chinese);
        Assert.Contains("The connection was lost; reconnecting", english);
    }

    [Fact]
    public async Task An_unsupported_culture_is_a_bad_request() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous().GetAsync("/culture?culture=xx")).StatusCode);

    [Fact]
    public async Task A_report_opens_in_the_browser_s_viewer_and_downloads_with_its_file_name()
    {
        var client = await SignedInAsync();

        using var preview = await client.GetAsync("/reports/plaques.pdf");
        using var download = await client.GetAsync("/reports/plaques.pdf?download=1");

        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", preview.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("plaques.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync(), 0, 5));
    }

    [Fact]
    public async Task The_work_summary_in_Word_is_saved_under_its_Chinese_name_as_a_wordprocessing_document()
    {
        using var response = await (await SignedInAsync()).GetAsync("/reports/annual-summary/2020.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("工作总结-2020.docx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93-2020.docx", response.Content.Headers.GetValues("Content-Disposition").Single());
        // A .docx is a zip package.
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync(), 0, 2));
    }

    [Fact]
    public async Task A_training_certificate_is_served_for_an_attended_session_and_never_for_someone_outside_the_reader_s_branch()
    {
        var admin = await SignedInAsync();
        var own = await portal.AttendanceAsync("u.\"Code\" LIKE 'YS-QG%'");
        var other = await portal.AttendanceAsync("u.\"Code\" NOT LIKE 'YS-QG%'");
        var worker = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalSignIn.SignInAsync(worker, "ys-qg@demo.local", PortalFactory.DemoPassword);

        using var adminGets = await admin.GetAsync($"/reports/certificate/{other.Session}/{other.Staff}.pdf");
        using var workerReachesOut = await worker.GetAsync($"/reports/certificate/{other.Session}/{other.Staff}.pdf");
        using var workerGetsOwn = await worker.GetAsync($"/reports/certificate/{own.Session}/{own.Staff}.pdf");

        Assert.Equal(HttpStatusCode.OK, adminGets.StatusCode);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await adminGets.Content.ReadAsByteArrayAsync(), 0, 5));
        Assert.Equal(HttpStatusCode.NotFound, workerReachesOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, workerGetsOwn.StatusCode);
    }
}

public sealed class PortalHttpTestsOnSqlite(PortalFactory sqlite) : PortalHttpTests(sqlite), IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_database_runs_in_WAL_mode()
    {
        await Anonymous().GetAsync("/health");

        await using var connection = new SqliteConnection($"Data Source={Portal.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class PortalHttpTestsOnPostgreSql(PostgreSqlPortalFactory postgres) : PortalHttpTests(postgres), IClassFixture<PostgreSqlPortalFactory>
{
    [Fact]
    public async Task The_portal_keeps_its_demo_network_in_the_PostgreSQL_database_and_no_file()
    {
        await Anonymous().GetAsync("/health");

        await using var connection = await Portal.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"Units\"";
        Assert.Equal(53L, await command.ExecuteScalarAsync());
        Assert.False(File.Exists(Portal.DatabasePath));
    }
}
