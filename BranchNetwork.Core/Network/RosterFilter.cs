namespace BranchNetwork.Core.Network;

/// <summary>The roster's filters; every one left empty lets all units through.</summary>
public sealed record RosterFilter(
    string? Text = null,
    UnitKind? Kind = null,
    string? Township = null,
    UnitStatus? Status = null,
    bool? Plaqued = null)
{
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Text) && Kind is null && string.IsNullOrEmpty(Township) && Status is null && Plaqued is null;

    public IEnumerable<UnitSummary> Apply(IEnumerable<UnitSummary> units)
    {
        var text = Text?.Trim();
        return units.Where(u =>
            (string.IsNullOrEmpty(text)
                || u.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || u.Code.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (Kind is null || u.Kind == Kind)
            && (string.IsNullOrEmpty(Township) || u.Township == Township)
            && (Status is null || u.Status == Status)
            && (Plaqued is null || (u.PlaquedOn is not null) == Plaqued));
    }
}
