using System.Globalization;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Training;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class TrainingReport(
    FiguresService figures,
    TrainingService training,
    PdfRenderer renderer)
{
    /// <summary>A year's training: its sessions with attendance, and the learning hours per unit and per person in the caller's scope.</summary>
    /// <returns>Null for a year not begun.</returns>
    public async Task<byte[]?> RenderAsync(int year, ReportText t, CancellationToken ct = default)
    {
        if (year > figures.LastFullMonth.Year + 1 || year < 2000)
        {
            return null;
        }

        var sessions = await training.SessionsAsync(year, ct);
        var hours = await training.HoursAsync(year, ct);
        string Hours(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var document = Document(t, t("Report.Training.Title", year),
            [
                new Paragraph(t("Report.Training.Lead", sessions.Count, hours.People.Count, Hours(hours.Total))),
                new KeyFigures(
                [
                    (t("Report.Sessions"), sessions.Count.ToString(CultureInfo.InvariantCulture)),
                    (t("Training.TotalHours"), Hours(hours.Total)),
                    (t("Report.Trained"), hours.People.Count.ToString(CultureInfo.InvariantCulture)),
                ]),
                new Table(
                    [new(t("Training.SessionTitle"), 3.2), new(t("Training.Dates"), 1.8), new(t("Training.Hours"), 0.8, Align.Right),
                        new(t("Training.Attended"), 1, Align.Right)],
                    sessions.OrderBy(s => s.StartsOn).Select(s => (IReadOnlyList<string>)[s.Title,
                        s.StartsOn == s.EndsOn ? s.StartsOn.ToString("yyyy-MM-dd") : $"{s.StartsOn:yyyy-MM-dd} – {s.EndsOn:MM-dd}",
                        Hours(s.Hours), $"{s.Attended}/{s.Enrolled}"]).ToList()),
                new Heading(t("Training.ByUnit")),
                new Table(
                    [new(t("Report.Unit"), 3), new(t("Report.Trained"), 1, Align.Right), new(t("Training.Hours"), 1, Align.Right)],
                    hours.Units.Select(u => (IReadOnlyList<string>)[u.UnitName, u.People.ToString(CultureInfo.InvariantCulture), Hours(u.Hours)]).ToList(),
                    [t("Report.Total"), hours.People.Count.ToString(CultureInfo.InvariantCulture), Hours(hours.Total)]),
                new Heading(t("Training.ByPerson")),
                new Table(
                    [new(t("Report.Person"), 1.6), new(t("Report.Unit"), 3), new(t("Report.ProfessionalTitle"), 1.2), new(t("Report.Sessions"), 1, Align.Right),
                        new(t("Training.Hours"), 1, Align.Right)],
                    hours.People.Select(p => (IReadOnlyList<string>)[p.Name, p.UnitName, t($"Title.{p.Title}"),
                        p.Sessions.ToString(CultureInfo.InvariantCulture), Hours(p.Hours)]).ToList()),
            ]);
        return renderer.Render(document);
    }
}
