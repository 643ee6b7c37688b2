using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using static BranchNetwork.Core.Reports.LedgerFrame;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// 培训台账: a year's sessions with enrolment, attendance and credited hours; the learning hours of each person; the
/// hours of each unit with a subtotal per branch and the total — all as <see cref="TrainingService"/> counts them for the reader.
/// </summary>
public sealed class TrainingLedger(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    TrainingService training,
    CountyClock clock)
{
    /// <returns>Null for a year not begun.</returns>
    public async Task<LedgerWorkbook?> BuildAsync(int year, ReportText t, CancellationToken ct = default)
    {
        var actor = await currentUser.ReaderAsync();
        if (!IsBegun(year, clock))
        {
            return null;
        }

        var sessions = (await training.SessionsAsync(year, ct)).OrderBy(s => s.StartsOn).ThenBy(s => s.Id).ToList();
        var hours = await training.HoursAsync(year, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = Groups(await UnitsAsync(db, actor, ct));

        var sessionRows = sessions.Select(s => LedgerRow.Item(s.Title, s.Organiser, s.StartsOn, s.EndsOn, s.Hours, YesNo(t, s.IsOnline), s.Enrolled, s.Attended,
                s.CreditedHours))
            .Append(LedgerRow.Total(t("Ledger.TotalSessions", sessions.Count), null, null, null, null, null, sessions.Sum(s => s.Enrolled),
                sessions.Sum(s => s.Attended), sessions.Sum(s => s.CreditedHours)))
            .ToList();

        var personRows = new List<LedgerRow>();
        var unitRows = new List<LedgerRow>();
        foreach (var group in groups)
        {
            var people = hours.People.Where(p => group.Holds(p.UnitCode)).OrderBy(p => p.UnitCode).ThenBy(p => p.Name).ToList();
            var units = hours.Units.Where(u => group.Holds(u.UnitCode)).ToList();
            if (people.Count == 0)
            {
                continue;
            }

            personRows.AddRange(people.Select(p => LedgerRow.Item(p.Name, p.UnitName, p.UnitCode, t($"Title.{p.Title}"), p.Sessions, p.Hours)));
            personRows.Add(LedgerRow.Subtotal(Subtotal(t, group), null, group.Head.Code, null, people.Sum(p => p.Sessions), people.Sum(p => p.Hours)));
            unitRows.AddRange(units.Select(u => LedgerRow.Item(u.UnitName, u.UnitCode, u.People, u.Hours)));
            unitRows.Add(LedgerRow.Subtotal(Subtotal(t, group), group.Head.Code, units.Sum(u => u.People), units.Sum(u => u.Hours)));
        }

        personRows.Add(LedgerRow.Total(t("Report.Total"), null, null, null, hours.People.Sum(p => p.Sessions), hours.Total));
        unitRows.Add(LedgerRow.Total(t("Report.Total"), null, hours.People.Count, hours.Total));

        return new LedgerWorkbook(
        [
            new LedgerSheet(t("Ledger.Training.Sessions"), t("Ledger.Training.SessionsTitle", year),
                [new(t("Training.SessionTitle")), new(t("Training.Organiser")), new(t("Ledger.StartsOn"), LedgerFormat.Date), new(t("Ledger.EndsOn"), LedgerFormat.Date),
                    new(t("Training.Hours"), LedgerFormat.Number), new(t("Training.Online")), new(t("Ledger.Enrolled"), LedgerFormat.Count),
                    new(t("Training.Attended"), LedgerFormat.Count), new(t("Training.Credited"), LedgerFormat.Number)],
                sessionRows, [t("Ledger.Training.Note")]),
            new LedgerSheet(t("Training.ByPerson"), t("Ledger.Training.PeopleTitle", year),
                [new(t("Report.Person")), new(t("Report.Unit")), new(t("Unit.Code")), new(t("Report.ProfessionalTitle")), new(t("Report.Sessions"), LedgerFormat.Count),
                    new(t("Training.Hours"), LedgerFormat.Number)],
                personRows),
            new LedgerSheet(t("Training.ByUnit"), t("Ledger.Training.UnitsTitle", year),
                [new(t("Report.Unit")), new(t("Unit.Code")), new(t("Report.Trained"), LedgerFormat.Count), new(t("Training.Hours"), LedgerFormat.Number)],
                unitRows),
        ], Footer(t, actor, clock.Today));
    }
}
