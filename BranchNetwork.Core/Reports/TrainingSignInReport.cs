using System.Globalization;
using BranchNetwork.Core.Training;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class TrainingSignInReport(
    TrainingService training,
    PdfRenderer renderer)
{
    /// <summary>10 mm: room for a name written by hand (a row of text alone is about 5 mm).</summary>
    public const double SignatureRowHeight = 10 * 72 / 25.4;

    /// <summary>
    /// The sheet the enrolled sign on the day: the session's title, dates, place and organiser, then one ruled row per
    /// enrolled person (number, name, unit, title) with an empty 签名 cell; the header repeats on each page.
    /// </summary>
    /// <returns>Null when the session does not exist. A reader outside the head library gets a sheet of their own staff only.</returns>
    public async Task<byte[]?> RenderAsync(int sessionId, ReportText t, CancellationToken ct = default)
    {
        var session = await training.SessionAsync(sessionId, ct);
        if (session is null)
        {
            return null;
        }

        var details = session.Details;
        var people = session.Attendees;
        var document = Document(t, t("Report.SignIn.Title", details.Title),
            [
                new Paragraph(t("Report.SignIn.When", Dates(t, details.StartsOn, details.EndsOn), details.IsOnline ? t("Training.Online") : details.Place ?? "—")),
                new Paragraph(t("Report.SignIn.Organiser", details.Organiser, Number(details.Hours))),
                OrNone(t, new Table(
                    [new(t("Report.SignIn.No"), 0.5, Align.Center), new(t("Report.Person"), 1.3), new(t("Report.Unit"), 2.6), new(t("Report.ProfessionalTitle"), 1),
                        new(t("Report.SignIn.Signature"), 2.4)],
                    people.Select((p, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), p.Name, p.UnitName, t($"Title.{p.Title}"), ""]).ToList(),
                    MinRowHeight: SignatureRowHeight,
                    Ruled: true)),
                new Paragraph(t("Report.SignIn.Count", people.Count)),
            ]);
        return renderer.Render(document);
    }
}
