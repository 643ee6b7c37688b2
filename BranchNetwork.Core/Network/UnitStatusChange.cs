namespace BranchNetwork.Core.Network;

/// <summary>One step in a unit's lifecycle. Append-only: the database refuses to update or delete these rows.</summary>
public sealed class UnitStatusChange
{
    private UnitStatusChange()
    {
        Reason = "";
        ChangedBy = "";
    }

    internal UnitStatusChange(UnitStatus? from, UnitStatus to, string reason, string changedBy, DateTime changedAtUtc)
    {
        FromStatus = from;
        ToStatus = to;
        Reason = reason;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public UnitStatus? FromStatus { get; private set; }

    public UnitStatus ToStatus { get; private set; }

    public string Reason { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTime ChangedAtUtc { get; private set; }
}
