using BranchNetwork.Core.Assessment;
using BranchNetwork.Web.Infrastructure;

namespace BranchNetwork.Web.Features.Assessment;

public static class AssessmentEndpoints
{
    /// <summary><c>GET /assessment/evidence/{id}/{file}</c>: an evidence file, only for those who may open the assessment (else 403, or 404 for a file not ours).</summary>
    public static IEndpointRouteBuilder MapAssessmentEvidence(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assessment/evidence/{id:int}/{file}", async (int id, string file, AssessmentService assessment, CancellationToken ct) =>
                await assessment.EvidenceFileAsync(id, file, ct) is { } found ? Results.File(found.Content, found.ContentType) : Results.NotFound())
            .RequireAuthorization(Policies.WholeNetwork);
        return endpoints;
    }
}
