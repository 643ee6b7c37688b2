using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Web.Localization;

namespace BranchNetwork.Tests.Localization;

/// <summary>Every string the portal shows exists in zh-CN and in English.</summary>
public sealed partial class ResourceTests
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    private static readonly CultureInfo Chinese = new("zh-CN");
    private static readonly CultureInfo English = new("en");

    private static Dictionary<string, string> Strings(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static Dictionary<string, string> ChineseStrings => Strings(CultureInfo.InvariantCulture);

    [Fact]
    public void Both_languages_have_the_same_keys_and_no_empty_text()
    {
        var zh = ChineseStrings;
        var en = Strings(English);

        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.DoesNotContain(zh, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(en, e => string.IsNullOrWhiteSpace(e.Value));
    }

    [Fact]
    public void Chinese_is_the_neutral_language_and_English_differs_from_it()
    {
        Assert.Equal("网点名册", Resources.GetString("Roster.Title", Chinese));
        Assert.Equal("Network roster", Resources.GetString("Roster.Title", English));
    }

    [Fact]
    public void Every_rule_the_domain_can_refuse_with_has_a_message()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        Assert.All(codes, code => Assert.Contains($"Error.{code}", ChineseStrings.Keys));
    }

    [Fact]
    public void Every_kind_status_role_and_audit_action_has_a_name()
    {
        var keys = Enum.GetNames<UnitKind>().Select(k => $"UnitKind.{k}")
            .Concat(Enum.GetNames<UnitStatus>().Select(s => $"UnitStatus.{s}"))
            .Concat(Roles.All.Select(r => $"Role.{r}"))
            .Concat(AuditActions.All.Select(a => $"AuditAction.{a}"))
            .Concat(AuditEntities.All.Select(e => $"AuditEntity.{e}"));

        Assert.All(keys, key => Assert.Contains(key, ChineseStrings.Keys));
    }

    [Fact]
    public void Every_validation_message_exists() =>
        Assert.All(
            typeof(ValidationText).GetProperties(BindingFlags.Public | BindingFlags.Static),
            p => Assert.Contains($"Validation.{p.Name}", ChineseStrings.Keys));

    [Fact]
    public void Every_literal_key_used_in_the_portal_exists()
    {
        var used = LiteralKeys("BranchNetwork.Web", LiteralKey());

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(ChineseStrings.Keys));
    }

    [Fact]
    public void Every_word_the_reports_print_exists()
    {
        var used = LiteralKeys(Path.Combine("BranchNetwork.Core", "Reports"), ReportKey());

        Assert.Contains("Report.Footer", used);
        Assert.Empty(used.Except(ChineseStrings.Keys));
    }

    private static List<string> LiteralKeys(string folder, Regex pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BranchNetwork.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("BranchNetwork.sln not found above the test folder.");
    }

    [GeneratedRegex("""L\["([A-Za-z.]+)"[\],]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""\bt\("([A-Za-z.]+)"[),]""")]
    private static partial Regex ReportKey();
}
