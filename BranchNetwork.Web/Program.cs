using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Operations;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Scores;
using BranchNetwork.Core.Training;
using BranchNetwork.Web.Components;
using BranchNetwork.Web.Features.Activities;
using BranchNetwork.Web.Features.Assessment;
using BranchNetwork.Web.Components.Account;
using BranchNetwork.Web.Features.Figures;
using BranchNetwork.Web.Features.Operations;
using BranchNetwork.Web.Features.Population;
using BranchNetwork.Web.Features.Reports;
using BranchNetwork.Web.Features.Resources;
using BranchNetwork.Web.Infrastructure;
using BranchNetwork.Web.Localization;
using MudBlazor.Services;

// backup, restore, check: run instead of the portal (see docs/deployment.md).
if (OperationsCommands.IsCommand(args))
{
    Environment.ExitCode = await OperationsCommands.RunAsync(args, Console.Out, Console.Error);
    return;
}

var timeline = new StartupTimeline(TimeProvider.System);
timeline.Mark("main");
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(timeline);
timeline.Mark("builder");

builder.Services.AddRazorComponents().AddInteractiveServerComponents(PortalCircuits.Configure(builder.Configuration))
    // The prerendered state a page hands to its circuit (a roster, a page of the audit trail) arrives in one
    // message; SignalR's 32 KB default is too small for it. Only signed-in users reach the hub.
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);
// Confirmations appear at the bottom, where they cover no page actions, and never pile up more than three.
builder.Services.AddMudServices(o =>
{
    o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter;
    o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
});
builder.Services.AddPortalLocalization();
builder.Services.AddPortalIdentity();
builder.Services.AddPortalForwardedHeaders(builder.Configuration);
try
{
    builder.Services.AddBranchNetworkData(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (DatabaseSettingException e)
{
    await StopOnDatabaseSettingAsync(e);
    return;
}

builder.Services.AddNetwork();
builder.Services.AddFigures(builder.Configuration);
builder.Services.AddTraining();
builder.Services.AddActivities();
builder.Services.AddAnalytics();
builder.Services.AddPopulation();
builder.Services.AddStatistics();
builder.Services.AddAssessment();
builder.Services.AddScores();
builder.Services.AddResources(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalReports(builder.Configuration);
timeline.Mark("services");
builder.AddPortalOperations();
builder.Services.AddPortalStartup();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<FontHealthCheck>("pdf-font");

var app = builder.Build();
timeline.WriteTo(app.Services.GetRequiredService<ILoggerFactory>());
timeline.Mark("built");
app.HoldDatabaseLock();
app.RemoveLeftoverFiles();
timeline.Mark("database lock");

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseBareStatusesForJson();
app.UseRequestLocalization();
app.UsePortalStartup();
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapCultureSwitch();
app.MapFiguresExports();
app.MapQuickEntry();
app.MapPopulationExports();
app.MapPhotos();
app.MapActivityPhotos();
app.MapAssessmentEvidence();
app.MapReports();
app.MapLedgers();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();

timeline.Mark("pipeline");
app.Lifetime.ApplicationStarted.Register(() => timeline.Mark("listening"));
app.Run();

// A database setting that cannot work (an unknown provider, an unreachable server): its message names the setting, and
// the exit code tells systemd or the operator that the portal did not start.
static async Task StopOnDatabaseSettingAsync(DatabaseSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    Environment.ExitCode = 1;
}

public partial class Program;
