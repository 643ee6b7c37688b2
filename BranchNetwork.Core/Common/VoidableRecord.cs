namespace BranchNetwork.Core.Common;

/// <summary>
/// A record others rely on (a grant, a delivery, an activity…). It is never deleted: a mistaken one is voided with a
/// reason — kept, shown struck through to those who look for it, and left out of every total. The DbContext gives
/// every such entity a query filter, so a query sees voided records only when it asks for them
/// (<c>IgnoreQueryFilters()</c>).
/// </summary>
public abstract class VoidableRecord
{
    public const int VoidReasonMaxLength = 200;

    public DateTime? VoidedAtUtc { get; private set; }

    /// <summary>The name of who voided it, as the audit trail names them.</summary>
    public string? VoidedBy { get; private set; }

    public string? VoidReason { get; private set; }

    public bool IsVoided => VoidedAtUtc is not null;

    /// <summary>Counts every change of the record (a concurrency token): an edit made from an older version is refused.</summary>
    public int Version { get; protected set; }

    /// <summary>Voids a mistaken record with a reason; it stays, struck through, and leaves every total.</summary>
    public void Void(string? reason, string by, DateTime atUtc)
    {
        if (IsVoided)
        {
            throw new DomainException(ErrorCodes.AlreadyVoided);
        }

        VoidReason = Texts.Required(reason, VoidReasonMaxLength, nameof(VoidReason));
        VoidedBy = by;
        VoidedAtUtc = atUtc;
        Version++;
    }

    /// <summary>A voided record is kept as it was: correcting it means voiding and recording it anew.</summary>
    protected void DemandNotVoided()
    {
        if (IsVoided)
        {
            throw new DomainException(ErrorCodes.AlreadyVoided);
        }
    }
}

/// <summary>What a list shows of a voided record.</summary>
public sealed record VoidInfo(DateTime AtUtc, string By, string Reason);
