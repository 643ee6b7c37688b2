using BranchNetwork.Core.Activities;

namespace BranchNetwork.Web.Features.Activities;

public static class ActivityPhotoEndpoints
{
    /// <summary><c>GET /photos/activities/{activityId}/{file}</c>: an activity's photo, only for readers of its unit (else 404).</summary>
    public static IEndpointRouteBuilder MapActivityPhotos(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/photos/activities/{activityId:int}/{file}", async (int activityId, string file, ActivityService activities, CancellationToken ct) =>
                await activities.PhotoAsync(activityId, file, ct) is { } photo ? Results.File(photo.Content, photo.ContentType) : Results.NotFound())
            .RequireAuthorization();
        return endpoints;
    }
}
