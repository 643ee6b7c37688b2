using BranchNetwork.Core.Data;
using BranchNetwork.Core.Operations;
using BranchNetwork.Web.Features.Reports;
using BranchNetwork.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// The start-up's work on the database, in the background while Kestrel starts and listens: migrations, files moved
/// in, seeding (<see cref="DatabaseInitializer"/>, once across instances) and the key files; then requests are served;
/// then the planner's statistics and the PDF font. Until requests are served every request but <c>/health</c> gets
/// 503 with <c>Retry-After</c> and a line saying the portal is starting; <c>/health</c> answers 503 <c>Starting</c>
/// until all of it is done, then 200 <c>Healthy</c> (or <c>Degraded</c>) as before.
/// </summary>
/// <remarks>
/// On a database that has its data (a migration history), requests are served as soon as the migrations are checked,
/// while the seeders find their data there; a new database is served once its seeding is done, so nobody meets half a
/// demo. A database setting that cannot work stops the portal with exit code 1, as it did when this ran before
/// Kestrel; so does any other failure of this work.
/// </remarks>
public sealed class PortalStartup(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    StartupTimeline timeline,
    ReportFontStatus fonts,
    ILogger<PortalStartup> logger) : BackgroundService
{
    /// <summary>What <c>/health</c> says while this runs.</summary>
    public const string StartingText = "Starting";

    private readonly TaskCompletionSource serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether requests reach the portal (the database has its schema and data).</summary>
    public bool IsServing => serving.Task.IsCompletedSuccessfully;

    /// <summary>Done when everything is (the portal is Healthy); faulted when the start-up failed.</summary>
    public Task Completion => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start: Kestrel starts listening meanwhile.
        await Task.Yield();
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(OpenAsync, stoppingToken);
            }

            timeline.Mark("initialized");

            await using (var scope = services.CreateAsyncScope())
            {
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BranchNetworkDbContext>>().CreateDbContextAsync(stoppingToken);
                await db.Database.RefreshPlannerStatisticsAsync(stoppingToken);
            }

            timeline.Mark("analyzed");
            _ = fonts.Fonts;
            timeline.Mark("fonts");
            done.TrySetResult();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // A message naming the setting, as systemd's journal shows it; anything else with its stack trace.
            if (e is DatabaseSettingException)
            {
                await Console.Error.WriteLineAsync(e.Message);
            }
            else
            {
                logger.LogCritical(e, "The portal could not start");
            }

            Environment.ExitCode = 1;
            serving.TrySetException(e);
            done.TrySetException(e);
            lifetime.StopApplication();
        }
        catch (OperationCanceledException e)
        {
            done.TrySetException(e);
        }
    }

    /// <summary>
    /// The database holds its data (inside the initializer's gate): the key files of an older release go in first, as
    /// nothing has read the key ring yet.
    /// </summary>
    private async Task OpenAsync(CancellationToken ct)
    {
        await services.AddKeyFilesToDatabaseAsync(ct);
        timeline.Mark("serving");
        serving.TrySetResult();
    }
}

public static class PortalStartupSetup
{
    public static IServiceCollection AddPortalStartup(this IServiceCollection services)
    {
        services.AddSingleton<PortalStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<PortalStartup>());
        return services;
    }

    /// <summary>
    /// Until the database is ready every request but <c>/health</c> gets 503, <c>Retry-After: 1</c> and one line (in
    /// the request's culture); <c>/health</c> answers 503 <c>Starting</c> without running its checks until the start-up
    /// is done (a monitor polling it takes nothing from the start-up).
    /// </summary>
    public static IApplicationBuilder UsePortalStartup(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var startup = context.RequestServices.GetRequiredService<PortalStartup>();
        var health = context.Request.Path.StartsWithSegments("/health");
        if (health ? startup.Completion.IsCompletedSuccessfully : startup.IsServing)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (health)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(PortalStartup.StartingText);
            return;
        }

        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        context.Response.Headers.RetryAfter = "1";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(l["Startup.Starting"]);
    });
}
