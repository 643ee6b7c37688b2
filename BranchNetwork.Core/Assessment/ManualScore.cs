using BranchNetwork.Core.Common;

namespace BranchNetwork.Core.Assessment;

/// <summary>
/// A manual item's score for one assessment year, given by head-library staff with a note, and the evidence attached
/// to it. The row exists once evidence is attached, before a score is given (<see cref="Points"/> null: not scored).
/// </summary>
public sealed class ManualScore
{
    public const int NoteMaxLength = 500;
    public const int MaxEvidence = 20;

    private readonly List<AssessmentEvidence> evidence = [];

    private ManualScore()
    {
    }

    public int Id { get; private set; }

    public int ItemId { get; private set; }

    public AssessmentItem? Item { get; private set; }

    public int Year { get; private set; }

    public decimal? Points { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<AssessmentEvidence> Evidence => evidence;

    public static ManualScore Start(AssessmentItem item, int year) => item.Kind != AssessmentKind.Manual
        ? throw new DomainException(ErrorCodes.AssessmentItemMeasured, null, item.NameZh)
        : new ManualScore { Item = item, ItemId = item.Id, Year = year };

    public void Score(decimal points, string? note, decimal maxPoints)
    {
        if (points < 0 || points > maxPoints)
        {
            throw new DomainException(ErrorCodes.AssessmentPointsOutOfRange, nameof(Points), AssessmentText.Points(maxPoints));
        }

        Decimals.AtMost(points, 1, nameof(Points));
        Note = Texts.Required(note, NoteMaxLength, nameof(Note));
        Points = points;
        Version++;
    }

    public AssessmentEvidence Attach(AssessmentEvidence file)
    {
        if (evidence.Count >= MaxEvidence)
        {
            throw new DomainException(ErrorCodes.EvidenceTooMany, "Evidence", MaxEvidence);
        }

        evidence.Add(file);
        Version++;
        return file;
    }

    public void Detach(AssessmentEvidence file)
    {
        evidence.Remove(file);
        Version++;
    }
}

public enum EvidenceKind
{
    /// <summary>An uploaded PDF or photo (JPEG, PNG), stored through the photo store.</summary>
    File,

    /// <summary>One of the portal's ledgers (台账), linked rather than copied: it is built from the records when opened.</summary>
    Ledger,
}

/// <summary>One piece of evidence of a manual score: an uploaded file under a generated name, or a ledger of the portal.</summary>
public sealed class AssessmentEvidence
{
    public const int OriginalNameMaxLength = 120;

    private AssessmentEvidence()
    {
        OriginalName = "";
    }

    public int Id { get; private set; }

    public int ScoreId { get; private set; }

    public EvidenceKind Kind { get; private set; }

    /// <summary>The generated file name (files), or the ledger's path under <c>/exports/ledgers/</c> (ledgers).</summary>
    public string? StoredName { get; private set; }

    /// <summary>What the person called the file, or the ledger's name, shown and listed in the score sheet.</summary>
    public string OriginalName { get; private set; }

    public long SizeBytes { get; private set; }

    public static AssessmentEvidence Upload(string storedName, string originalName, long size) => new()
    {
        Kind = EvidenceKind.File,
        StoredName = storedName,
        OriginalName = Shorten(Path.GetFileName(originalName ?? "")) is { Length: > 0 } name ? name : storedName,
        SizeBytes = size,
    };

    public static AssessmentEvidence OfLedger(string ledgerPath, string name) => new()
    {
        Kind = EvidenceKind.Ledger,
        StoredName = ledgerPath,
        OriginalName = Shorten(name),
    };

    /// <summary>A file's name is evidence, not a text the person typed: an over-long one is cut, an unprintable one refused.</summary>
    private static string Shorten(string name)
    {
        var trimmed = name.Trim();
        return Texts.Optional(trimmed.Length > OriginalNameMaxLength ? trimmed[..OriginalNameMaxLength] : trimmed, OriginalNameMaxLength, "Evidence") ?? "";
    }
}
