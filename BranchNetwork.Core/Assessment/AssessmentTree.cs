using System.Globalization;
using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Assessment;

/// <summary>How an item of the self-assessment earns its points.</summary>
public enum AssessmentKind
{
    /// <summary>From a portal metric over the assessment period, against the item's thresholds.</summary>
    Measured,

    /// <summary>Scored by head-library staff with a note and evidence.</summary>
    Manual,
}

/// <summary>One step of a measured item: a value of at least <see cref="Minimum"/> earns <see cref="Points"/>.</summary>
public sealed record Threshold(decimal Minimum, decimal Points);

/// <summary>
/// The thresholds of a measured item, kept as one text column ("25=10;20=8;10=6;5=4") so that a change is one audited
/// field, and checked strictly: both the minimums and the points fall from step to step, no step pays more than the
/// item is worth.
/// </summary>
public static class Thresholds
{
    public const int MaxSteps = 10;
    public const int TextMaxLength = 400;

    public static string Format(IEnumerable<Threshold> steps) =>
        string.Join(";", steps.Select(s => $"{s.Minimum.ToString("0.####", CultureInfo.InvariantCulture)}={s.Points.ToString("0.##", CultureInfo.InvariantCulture)}"));

    public static IReadOnlyList<Threshold> Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split(';').Select(part => part.Split('='))
                .Select(p => new Threshold(decimal.Parse(p[0], CultureInfo.InvariantCulture), decimal.Parse(p[1], CultureInfo.InvariantCulture)))
                .ToList();

    /// <summary>Refuses an empty list, a step out of order (numbered from 1) and points beyond the item's maximum.</summary>
    public static IReadOnlyList<Threshold> Check(IReadOnlyList<Threshold> steps, decimal maxPoints)
    {
        if (steps.Count == 0)
        {
            throw new DomainException(ErrorCodes.AssessmentThresholdsRequired, nameof(AssessmentItem.Thresholds));
        }

        if (steps.Count > MaxSteps)
        {
            throw new DomainException(ErrorCodes.AssessmentTooManyThresholds, nameof(AssessmentItem.Thresholds), MaxSteps);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Minimum < 0 || step.Points <= 0)
            {
                throw new DomainException(ErrorCodes.AssessmentThresholdNegative, nameof(AssessmentItem.Thresholds), i + 1);
            }

            Decimals.AtMost(step.Minimum, 4, nameof(AssessmentItem.Thresholds));
            Decimals.AtMost(step.Points, 1, nameof(AssessmentItem.Thresholds));
            if (step.Points > maxPoints)
            {
                throw new DomainException(ErrorCodes.AssessmentThresholdAboveMax, nameof(AssessmentItem.Thresholds), i + 1, AssessmentText.Points(maxPoints));
            }

            if (i > 0 && (step.Minimum >= steps[i - 1].Minimum || step.Points >= steps[i - 1].Points))
            {
                throw new DomainException(ErrorCodes.AssessmentThresholdsOutOfOrder, nameof(AssessmentItem.Thresholds), i + 1);
            }
        }

        return steps;
    }
}

/// <summary>
/// What the current assessment tree is: its note, which on the seeded example says it is an example to be adjusted to
/// the round's standard ("示例：请按本轮评估标准调整").
/// </summary>
public sealed class AssessmentScheme
{
    public const int NoteMaxLength = 200;

    private AssessmentScheme()
    {
    }

    public int Id { get; private set; }

    public string? NoteZh { get; private set; }

    public string? NoteEn { get; private set; }

    public static AssessmentScheme Create(string? noteZh, string? noteEn) => new()
    {
        NoteZh = Texts.Optional(noteZh, NoteMaxLength, nameof(NoteZh)),
        NoteEn = Texts.Optional(noteEn, NoteMaxLength, nameof(NoteEn)),
    };
}

/// <summary>A section of the tree (e.g. 服务效能), holding items in order.</summary>
public sealed class AssessmentSection
{
    public const int NameMaxLength = 60;

    private readonly List<AssessmentItem> items = [];

    private AssessmentSection()
    {
        NameZh = "";
        NameEn = "";
    }

    public int Id { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public int SortOrder { get; private set; }

    public IReadOnlyList<AssessmentItem> Items => items;

    public static AssessmentSection Create(string nameZh, string nameEn, int sortOrder) => new()
    {
        NameZh = Texts.Required(nameZh, NameMaxLength, nameof(NameZh)),
        NameEn = Texts.Required(nameEn, NameMaxLength, nameof(NameEn)),
        SortOrder = sortOrder,
    };

    public AssessmentItem Add(AssessmentItemDefinition definition)
    {
        var item = AssessmentItem.Create(this, definition, (items.Count == 0 ? 0 : items.Max(i => i.SortOrder)) + 10);
        items.Add(item);
        return item;
    }
}

/// <summary>What an item is: code, names, maximum, kind and, when measured, its metric, period and thresholds.</summary>
/// <param name="PeriodYears">The years averaged, ending with the assessment year (measured items; default 4).</param>
public sealed record AssessmentItemDefinition(
    string Code,
    string NameZh,
    string NameEn,
    decimal MaxPoints,
    AssessmentKind Kind,
    string? MetricCode = null,
    int PeriodYears = AssessmentItem.DefaultPeriodYears,
    IReadOnlyList<Threshold>? Thresholds = null);

/// <summary>
/// One item of the tree. A measured item names a metric of <see cref="AssessmentMetrics"/>, the number of years its
/// value is averaged over, and its thresholds; a manual item only its maximum (head-library staff score it).
/// </summary>
public sealed class AssessmentItem
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 80;
    public const int DefaultPeriodYears = 4;
    public const int MaxPeriodYears = 8;
    public const decimal MaxMaxPoints = 1000;

    private AssessmentItem()
    {
        Code = "";
        NameZh = "";
        NameEn = "";
    }

    public int Id { get; private set; }

    public int SectionId { get; private set; }

    public AssessmentSection? Section { get; private set; }

    public string Code { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public decimal MaxPoints { get; private set; }

    public AssessmentKind Kind { get; private set; }

    public string? MetricCode { get; private set; }

    public int? PeriodYears { get; private set; }

    /// <summary>The thresholds as stored (see <see cref="Assessment.Thresholds"/>); empty for a manual item.</summary>
    public string? Thresholds { get; private set; }

    public int SortOrder { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<Threshold> Steps => Assessment.Thresholds.Parse(Thresholds);

    public AssessmentItemDefinition Definition =>
        new(Code, NameZh, NameEn, MaxPoints, Kind, MetricCode, PeriodYears ?? DefaultPeriodYears, Steps);

    internal static AssessmentItem Create(AssessmentSection section, AssessmentItemDefinition definition, int sortOrder)
    {
        var code = Texts.Required(definition.Code, CodeMaxLength, nameof(Code)).ToLowerInvariant();
        if (!code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new DomainException(ErrorCodes.AssessmentInvalidCode, nameof(Code));
        }

        var item = new AssessmentItem { Section = section, Code = code, SortOrder = sortOrder };
        item.Set(definition);
        return item;
    }

    /// <summary>New names, maximum, period or thresholds; the code and kind stay (scores and evidence hang on them).</summary>
    public bool Update(AssessmentItemDefinition changed)
    {
        var before = (NameZh, NameEn, MaxPoints, MetricCode, PeriodYears, Thresholds);
        Set(changed with { Code = Code, Kind = Kind });
        if (before == (NameZh, NameEn, MaxPoints, MetricCode, PeriodYears, Thresholds))
        {
            return false;
        }

        Version++;
        return true;
    }

    private void Set(AssessmentItemDefinition d)
    {
        NameZh = Texts.Required(d.NameZh, NameMaxLength, nameof(NameZh));
        NameEn = Texts.Required(d.NameEn, NameMaxLength, nameof(NameEn));
        if (d.MaxPoints is <= 0 or > MaxMaxPoints)
        {
            throw new DomainException(ErrorCodes.AssessmentMaxPointsOutOfRange, nameof(MaxPoints), MaxMaxPoints);
        }

        Decimals.AtMost(d.MaxPoints, 1, nameof(MaxPoints));
        MaxPoints = d.MaxPoints;
        Kind = d.Kind;
        if (d.Kind == AssessmentKind.Manual)
        {
            (MetricCode, PeriodYears, Thresholds) = (null, null, null);
            return;
        }

        MetricCode = AssessmentMetrics.Find(d.MetricCode).Code;
        if (d.PeriodYears is < 1 or > MaxPeriodYears)
        {
            throw new DomainException(ErrorCodes.AssessmentPeriodOutOfRange, nameof(PeriodYears), MaxPeriodYears);
        }

        PeriodYears = d.PeriodYears;
        Thresholds = Assessment.Thresholds.Format(Assessment.Thresholds.Check(d.Thresholds ?? [], MaxPoints));
    }
}

/// <summary>A grade (一级, 二级, 三级) and the least total that reaches it.</summary>
public sealed class AssessmentGrade
{
    public const int NameMaxLength = 30;

    private AssessmentGrade()
    {
        NameZh = "";
        NameEn = "";
    }

    public int Id { get; private set; }

    public string NameZh { get; private set; }

    public string NameEn { get; private set; }

    public decimal MinimumTotal { get; private set; }

    public static AssessmentGrade Create(GradeDefinition d) => new()
    {
        NameZh = Texts.Required(d.NameZh, NameMaxLength, nameof(NameZh)),
        NameEn = Texts.Required(d.NameEn, NameMaxLength, nameof(NameEn)),
        MinimumTotal = d.MinimumTotal,
    };

    public GradeDefinition Definition => new(NameZh, NameEn, MinimumTotal);

    public void Update(GradeDefinition d)
    {
        var changed = Create(d);
        (NameZh, NameEn, MinimumTotal) = (changed.NameZh, changed.NameEn, changed.MinimumTotal);
    }

    /// <summary>Refuses an empty list and minimums that do not fall strictly from the highest grade to the lowest.</summary>
    public static IReadOnlyList<GradeDefinition> Check(IReadOnlyList<GradeDefinition> grades)
    {
        if (grades.Count == 0)
        {
            throw new DomainException(ErrorCodes.AssessmentGradesRequired, "Grades");
        }

        for (var i = 0; i < grades.Count; i++)
        {
            Decimals.AtMost(grades[i].MinimumTotal, 1, "Grades");
            if (grades[i].MinimumTotal <= 0 || (i > 0 && grades[i].MinimumTotal >= grades[i - 1].MinimumTotal))
            {
                throw new DomainException(ErrorCodes.AssessmentGradesOutOfOrder, "Grades", i + 1);
            }
        }

        return grades;
    }
}

public sealed record GradeDefinition(string NameZh, string NameEn, decimal MinimumTotal);
