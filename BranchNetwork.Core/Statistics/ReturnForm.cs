using System.Text.Json;
using System.Text.Json.Serialization;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Training;

namespace BranchNetwork.Core.Statistics;

/// <summary>Where the portal takes a field of the return from; the small set every rule of <see cref="ReturnForm"/> names.</summary>
public enum SourceKind
{
    /// <summary>The approved monthly figures of an indicator over the year (design §8a, official basis).</summary>
    CountedSum,

    /// <summary>A yearly indicator's approved value on the December reports: a year's total of a yearly figure is its December value.</summary>
    YearEnd,

    /// <summary>The units of some kinds open at the year's end (the due rule).</summary>
    UnitCount,

    /// <summary>Active staff, all or of some professional titles.</summary>
    StaffCount,

    /// <summary>The activity log's records of the year, all or of some categories.</summary>
    ActivityCount,

    /// <summary>The participants of those records.</summary>
    ActivityParticipants,

    /// <summary>A unit profile's field (floor area, seats) summed over the units open at the year's end.</summary>
    UnitProfileSum,

    /// <summary>The funding projects (专项经费) of the year.</summary>
    GrantsSum,

    /// <summary>Outside the portal: 请手工填写, or an override.</summary>
    Manual,
}

/// <summary>A source rule: its kind and what it names (an indicator code, unit kinds, titles, categories or a profile field).</summary>
public sealed record SourceRule(SourceKind Kind, IReadOnlyList<string> Arguments)
{
    public string Indicator() => Arguments.Single();

    public IReadOnlyList<UnitKind> UnitKinds() => Arguments.Select(Enum.Parse<UnitKind>).ToList();

    /// <summary>The titles counted; none named: every active staff member.</summary>
    public IReadOnlyList<ProfessionalTitle> Titles() => Arguments.Select(Enum.Parse<ProfessionalTitle>).ToList();

    /// <summary>The categories counted; none named: every activity.</summary>
    public IReadOnlyList<ActivityCategory> Categories() => Arguments.Select(Enum.Parse<ActivityCategory>).ToList();

    /// <summary>"CountedSum:visits", "StaffCount:AssociateSenior,Senior", "Manual".</summary>
    public static SourceRule Parse(string text)
    {
        var parts = text.Split(':', 2);
        if (!Enum.TryParse<SourceKind>(parts[0], out var kind) || !Enum.IsDefined(kind))
        {
            throw new FormatException($"Unknown source kind in rule '{text}'.");
        }

        var arguments = parts.Length == 1 ? [] : parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var rule = new SourceRule(kind, arguments);
        rule.Check(text);
        return rule;
    }

    private void Check(string text)
    {
        static bool All<T>(IReadOnlyList<string> values) where T : struct, Enum => values.All(v => Enum.TryParse<T>(v, out var e) && Enum.IsDefined(e));
        var valid = Kind switch
        {
            SourceKind.CountedSum or SourceKind.YearEnd => Arguments.Count == 1,
            SourceKind.UnitCount => Arguments.Count > 0 && All<UnitKind>(Arguments),
            SourceKind.StaffCount => All<ProfessionalTitle>(Arguments),
            SourceKind.ActivityCount or SourceKind.ActivityParticipants => All<ActivityCategory>(Arguments),
            SourceKind.UnitProfileSum => Arguments is [nameof(Unit.FloorArea)] or [nameof(Unit.Seats)],
            _ => Arguments.Count == 0,
        };
        if (!valid)
        {
            throw new FormatException($"The arguments of rule '{text}' do not fit its kind.");
        }
    }
}

/// <summary>One field of the return: its code on the form, its names, its measure unit and where the portal takes it from.</summary>
public sealed record ReturnField(string Code, string NameZh, string NameEn, string Unit, bool IsDecimal, SourceRule Rule)
{
    public const int CodeMaxLength = 20;

    public BilingualName Name => new(NameZh, NameEn);
}

/// <summary>
/// The return's fields in the order of the form, kept as data (<c>ReturnFields.json</c>, embedded): next year's form is
/// an edit of that file, not of code. Read once; a rule that names no known source fails at start, not in a report.
/// </summary>
public static class ReturnForm
{
    private static readonly Lazy<IReadOnlyList<ReturnField>> Loaded = new(Load);

    public static IReadOnlyList<ReturnField> Fields => Loaded.Value;

    public static ReturnField? Find(string? code) => Fields.FirstOrDefault(f => f.Code == code);

    /// <summary>Reads a field list (the embedded one, or a test's); codes must be unique.</summary>
    public static IReadOnlyList<ReturnField> Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, ReturnFormJson.Default.FormFile) ?? throw new FormatException("Empty field list.");
        var fields = file.Fields.Select(f => new ReturnField(
            f.Code is { Length: > 0 and <= ReturnField.CodeMaxLength } code ? code : throw new FormatException($"Bad field code '{f.Code}'."),
            f.Zh, f.En, f.Unit, f.Decimal, SourceRule.Parse(f.Rule))).ToList();
        if (fields.GroupBy(f => f.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new FormatException($"Field code {twice.Key} appears twice.");
        }

        return fields;
    }

    private static IReadOnlyList<ReturnField> Load()
    {
        using var stream = typeof(ReturnForm).Assembly.GetManifestResourceStream("BranchNetwork.Core.Statistics.ReturnFields.json")
            ?? throw new InvalidOperationException("ReturnFields.json is not embedded.");
        return Parse(stream);
    }

    internal sealed record FormFile(string Form, List<FieldJson> Fields);

    internal sealed record FieldJson(string Code, string Zh, string En, string Unit, string Rule, bool Decimal = false);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ReturnForm.FormFile))]
internal sealed partial class ReturnFormJson : JsonSerializerContext;
