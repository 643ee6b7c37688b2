namespace BranchNetwork.Core.Network;

public enum UnitKind
{
    HeadLibrary = 0,
    Branch = 1,
    ServicePoint = 2,
}

public enum UnitStatus
{
    Planned = 0,
    Building = 1,
    Open = 2,
    Suspended = 3,
    Closed = 4,
}
