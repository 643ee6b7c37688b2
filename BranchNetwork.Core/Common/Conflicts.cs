using BranchNetwork.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Common;

/// <summary>
/// The refusal of a change to a record someone else saved after the caller read it: it names what the other person
/// saved beside what the caller sent, field by field, or who voided the record and why.
/// </summary>
public static class Conflicts
{
    /// <param name="entityType">The audit trail's name of the kind (<see cref="AuditEntities"/>): fields are named as the trail names them.</param>
    /// <param name="title">How the record is called in the message (a grant's title, a delivery's unit and date).</param>
    /// <param name="fields">Field name, the value stored now, the value the caller sent.</param>
    public static ConcurrencyConflictException Of(string entityType, string title, VoidableRecord stored, params (string Field, object? Theirs, object? Yours)[] fields)
    {
        if (stored.IsVoided)
        {
            return new ConcurrencyConflictException(ErrorCodes.RecordVoidedMeanwhile, title, stored.VoidedBy ?? "", stored.VoidReason ?? "");
        }

        return Changed(entityType, title, fields);
    }

    /// <inheritdoc cref="Of"/>
    public static ConcurrencyConflictException Changed(string entityType, string title, params (string Field, object? Theirs, object? Yours)[] fields) =>
        new(ErrorCodes.RecordChangedMeanwhile, title)
        {
            EntityType = entityType,
            Differences = fields.Select(f => new FieldChange(f.Field, AuditTrail.Format(f.Theirs), AuditTrail.Format(f.Yours)))
                .Where(c => c.Old != c.New).ToList(),
        };

    /// <summary>The version the caller read must still be the record's: otherwise someone saved it meanwhile.</summary>
    public static void ExpectVersion(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, name);
        }
    }

    /// <summary>Saves, turning a save that lost the race on a record's version into the same conflict.</summary>
    public static async Task SaveAsync(DbContext db, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ErrorCodes.UnitChangedMeanwhile, name);
        }
    }
}
