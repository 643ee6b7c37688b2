using System.Globalization;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Training;
using static BranchNetwork.Core.Reports.ReportFrame;

namespace BranchNetwork.Core.Reports;

public sealed class CertificateReport(
    TrainingService training,
    PdfRenderer renderer,
    CountyClock clock)
{
    /// <summary>A certificate that one person attended one training session and was credited its learning hours.</summary>
    /// <returns>Null when the session does not exist, or the person is not on it, did not attend or lies outside the caller's scope.</returns>
    public async Task<byte[]?> RenderAsync(int sessionId, int staffId, ReportText t, CancellationToken ct = default)
    {
        var session = await training.SessionAsync(sessionId, ct);
        var attendee = session?.Attendees.FirstOrDefault(a => a.StaffMemberId == staffId && a.Attended);
        if (session is null || attendee is null)
        {
            return null;
        }

        var details = session.Details;
        var dates = Dates(t, details.StartsOn, details.EndsOn);
        var today = clock.Today;
        // A certificate, not a report: no portal header and no figures, the issuing library, the date and room for its seal.
        var document = new ReportDocument(t("Report.Certificate.DocumentTitle", attendee.Name, details.Title), t("Report.Author"), "",
            (page, of) => t("Report.Certificate.Number", $"{sessionId:0000}-{staffId:0000}"),
            [
                new Spacer(90),
                new TitleBlock(t("Report.Certificate.Title"), Align.Center),
                new Spacer(40),
                new Paragraph(t("Report.Certificate.Body", attendee.Name, attendee.UnitName, dates, details.Organiser, details.Title,
                    details.IsOnline ? t("Training.Online") : details.Place ?? "—", Number(attendee.CreditedHours))),
                new Spacer(80),
                new Paragraph(t("Report.Author"), Align.Right),
                new Paragraph(t("Report.Date", today.Year, today.Month, today.Day), Align.Right),
                new Spacer(16),
                new Paragraph(t("Report.Certificate.Seal"), Align.Right),
            ],
            Replaced(t));
        return renderer.Render(document);
    }
}
