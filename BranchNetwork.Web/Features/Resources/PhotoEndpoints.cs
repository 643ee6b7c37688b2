using BranchNetwork.Core.Resources;

namespace BranchNetwork.Web.Features.Resources;

public static class PhotoEndpoints
{
    /// <summary><c>GET /photos/{unitCode}/{file}</c>: checklist evidence, only for those who may see the unit (else 404).</summary>
    public static IEndpointRouteBuilder MapPhotos(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/photos/{unitCode}/{file}", async (string unitCode, string file, ProgrammeService programme, CancellationToken ct) =>
                await programme.PhotoAsync(unitCode, file, ct) is { } photo ? Results.File(photo.Content, photo.ContentType) : Results.NotFound())
            .RequireAuthorization();
        return endpoints;
    }
}
