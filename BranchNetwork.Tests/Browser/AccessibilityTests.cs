using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BranchNetwork.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BranchNetwork.Tests.Browser;

/// <summary>
/// axe-core (npm, read from <c>node_modules</c>) on every page of the HTTP contract, as the roles that open it, in
/// Chinese and in English: no serious or critical violation, and every landmark rule met.
/// </summary>
[Collection(ReadingBrowserCollection.Name)]
public sealed partial class AccessibilityTests(BrowserFixture browser)
{
    private const string Admin = "admin@demo.local", Staff = "staff@demo.local", Worker = "ys-qg@demo.local";

    // Each page once per role that may open it; a branch worker sees its own branch and service points.
    private static readonly (string Path, string[] Roles)[] Pages =
    [
        ("/", [Staff, Worker]),
        ("/roster", [Staff, Worker]),
        ("/roster/YS-QG", [Staff, Worker]),
        ("/roster/YS-QG-01", [Staff, Worker]),
        ("/figures", [Staff, Worker]),
        ("/figures/quick", [Staff, Worker]),
        ("/figures/review", [Staff]),
        ("/figures/board", [Staff, Worker]),
        ("/figures/exchange", [Staff, Worker]),
        ("/figures/closures", [Staff, Worker]),
        ("/analytics", [Staff, Worker]),
        ("/analytics?view=rankings", [Staff]),
        ("/analytics?view=map", [Staff]),
        ("/staff", [Staff, Worker]),
        ("/training", [Staff, Worker]),
        ("/training/1", [Staff]),
        ("/activities", [Staff, Worker]),
        ("/resources", [Staff, Worker]),
        ("/deliveries", [Staff, Worker]),
        ("/grants", [Staff, Worker]),
        ("/plaques", [Staff, Worker]),
        ("/reports", [Staff, Worker]),
        ("/statistics/2020", [Staff]),
        ("/statistics", [Worker]), // the branch worker sees the access-denied page
        ("/assessment", [Staff]),
        ("/scores/2025", [Staff, Worker]),
        ("/scores", [Worker]), // redirects to the latest year with approved figures
        ("/admin/indicators", [Staff, Admin]),
        ("/admin/users", [Admin, Worker]), // the branch worker sees the access-denied page
        ("/admin/audit", [Admin]),
        ("/admin/backups", [Admin]),
        ("/admin/population", [Admin]),
        ("/Account/Manage/ChangePassword", [Worker]),
        ("/roster/YS-NOPE", [Worker]), // the not-found page
        ("/status/404", [Worker]),
        ("/Error", [Worker]),
    ];

    // Reached before signing in.
    private static readonly string[] AnonymousPages = ["/Account/Login", "/Account/Lockout"];

    // WCAG 2.x A and AA, plus the best-practice rules about landmarks (content outside them, one main, ...),
    // which the portal keeps whatever their impact.
    private static readonly string[] LandmarkRules =
    [
        "region", "landmark-one-main", "landmark-no-duplicate-main", "landmark-main-is-top-level", "landmark-unique",
        "landmark-banner-is-top-level", "landmark-no-duplicate-banner", "landmark-complementary-is-top-level",
        "landmark-contentinfo-is-top-level", "landmark-no-duplicate-contentinfo", "page-has-heading-one",
    ];

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(AxePath()));

    [Theory]
    [InlineData(Staff)]
    [InlineData(Worker)]
    [InlineData(Admin)]
    public async Task Every_page_has_no_serious_or_critical_axe_violation_in_either_language(string email)
    {
        // Both languages side by side: one waits on the portal while the other runs axe.
        var runs = await Task.WhenAll(CheckPagesAsync(email, english: false), CheckPagesAsync(email, english: true));
        var found = runs.SelectMany(r => r).ToList();

        var who = email.Split('@')[0];
        TestContext.Current.TestOutputHelper?.WriteLine(Counts(who, found));
        var failing = found.Where(v => v.Fails).ToList();
        Assert.True(failing.Count == 0, $"axe ({who}): {failing.Count} failing node(s):\n" + string.Join("\n", failing.Select(v => v.Describe())));
    }

    private async Task<IReadOnlyList<Violation>> CheckPagesAsync(string email, bool english)
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(AxeSource.Value);
        var language = english ? "en" : "zh-CN";
        var found = new List<Violation>();

        foreach (var path in AnonymousPages)
        {
            await page.GotoAsync(english ? $"/culture?culture=en&redirectUri={Uri.EscapeDataString(path)}" : path);
            found.AddRange(await AxeAsync(page, path, language));
        }

        await page.GotoAsync("/Account/Login");
        await page.SignInAsync(email, PortalFactory.DemoPassword);
        foreach (var (path, _) in Pages.Where(p => p.Roles.Contains(email)))
        {
            await page.GotoAsync(path);
            await SettledAsync(page, path);
            found.AddRange(await AxeAsync(page, path, language));
        }

        if (email == Staff)
        {
            found.AddRange(await DialogAsync(page, "/roster", page.GetByTestId("create-unit"), "new unit dialog", language));
            found.AddRange(await DialogAsync(page, "/figures/review", page.GetByTestId("return").First, "return dialog", language));
            found.AddRange(await DialogAsync(page, "/scores/2025", page.GetByTestId("scores-edit"), "score scheme dialog", language));
        }

        await page.Context.CloseAsync();
        return found;
    }

    [Fact]
    public void Every_routed_page_is_checked()
    {
        var checkedPaths = Pages.Select(p => p.Path.Split('?')[0]).Concat(AnonymousPages).ToList();
        var missing = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Where(template => !template.Equals("/not-found", StringComparison.Ordinal)) // the router's page for a path that matches none: /roster/YS-NOPE shows it
            .Where(template => !checkedPaths.Any(path => RoutePattern(template).IsMatch(path)))
            .ToList();

        Assert.True(missing.Count == 0, "Pages without an axe check: add them to AccessibilityTests.Pages: " + string.Join(", ", missing));
    }

    private static async Task<IReadOnlyList<Violation>> DialogAsync(IPage page, string path, ILocator opener, string name, string language)
    {
        await page.GotoAsync(path);
        await SettledAsync(page, path);
        await opener.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        var found = await AxeAsync(page, $"{path} ({name})", language);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        return found;
    }

    // Pages served without a circuit: the account pages and the quick entry page (its own script instead).
    private static readonly string[] StaticPaths = ["/Account/", "/figures/quick"];

    /// <summary>Interactive (unless it is a static page), with the data loaded: no loading bar or skeleton left.</summary>
    private static async Task SettledAsync(IPage page, string path)
    {
        if (!StaticPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            await page.WaitForInteractiveAsync();
        }

        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-progress-indeterminate, .mud-skeleton")).ToHaveCountAsync(0);
    }

    private static async Task<IReadOnlyList<Violation>> AxeAsync(IPage page, string path, string language)
    {
        var json = await page.EvaluateAsync<string>(
            """
            async landmarkRules => {
              const rules = Object.fromEntries(landmarkRules.map(id => [id, { enabled: true }]));
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules, resultTypes: ['violations'] });
              return JSON.stringify({
                passed: result.passes.length,
                violations: result.violations.flatMap(v => v.nodes.map(n => ({
                  rule: v.id, impact: n.impact || v.impact, help: v.help, target: n.target.join(' '), html: n.html, summary: n.failureSummary }))) });
            }
            """, LandmarkRules);
        var result = JsonSerializer.Deserialize<AxeResult>(json, JsonSerializerOptions.Web)!;
        // A page on which axe found nothing to pass did not get checked (no document, rules that matched no tag).
        Assert.True(result.Passed > 5, $"axe checked next to nothing on {path} [{language}] ({result.Passed} rules passed).");
        return result.Violations.Select(v => v with { Page = $"{path} [{language}]", Landmark = LandmarkRules.Contains(v.Rule) }).ToList();
    }

    private static string Counts(string who, IReadOnlyList<Violation> found)
    {
        var text = new StringBuilder($"axe ({who}): serious or critical nodes per rule:");
        foreach (var rule in found.Where(v => v.Impact is "serious" or "critical" || v.Landmark).GroupBy(v => v.Rule).OrderByDescending(g => g.Count()))
        {
            text.Append($" {rule.Key} {rule.Count()};");
        }

        return text.ToString();
    }

    private static Regex RoutePattern(string template) =>
        new("^" + RouteParameter().Replace(template, "[^/]+") + "$", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>axe.min.js from the tests' npm tooling (<c>BranchNetwork.Tests/node_modules</c>, installed by test.sh).</summary>
    private static string AxePath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BranchNetwork.sln")))
        {
            folder = folder.Parent;
        }

        var axe = folder is null ? "" : Path.Combine(folder.FullName, "BranchNetwork.Tests", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(axe)
            ? axe
            : throw new InvalidOperationException("axe-core is not installed: run ./test.sh, or `npm ci` in BranchNetwork.Tests.");
    }

    private sealed record AxeResult(int Passed, List<Violation> Violations);

    private sealed record Violation(string Rule, string Impact, string Help, string Target, string Html, string Summary)
    {
        public string Page { get; init; } = "";

        public bool Landmark { get; init; }

        public bool Fails => Impact is "serious" or "critical" || Landmark;

        public string Describe() =>
            $"  {Page}: {Rule} ({Impact}) {Help}\n    at {Target}\n    {Cut(Html)}\n    {Summary.ReplaceLineEndings(" ")}";

        private static string Cut(string html) => html.Length > 200 ? html[..200] + "…" : html;
    }
}
