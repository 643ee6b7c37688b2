using Microsoft.AspNetCore.Components.Server;

namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// What the server keeps for a browser tab whose connection dropped (a village line, a laptop closed): its circuit, so
/// the tab reconnects where it was. Each kept circuit holds its page's state until it is ended; see
/// docs/deployment.md ("Memory") for the measured cost. The settings are in <see cref="Section"/>
/// (<c>Circuits__DisconnectedCircuitMaxRetained=…</c>).
/// </summary>
internal static class PortalCircuits
{
    public const string Section = "Circuits";

    /// <summary>
    /// Long enough for a dropped line to come back (the reconnect dialog retries for about that long); after it, a
    /// reload starts a new circuit and the entry pages send again what was typed meanwhile (figures.js keeps it).
    /// </summary>
    public static readonly TimeSpan DisconnectedRetention = TimeSpan.FromMinutes(3);

    /// <summary>About one per branch worker and head-library desk on the due day; beyond it the oldest are ended first.</summary>
    public const int DisconnectedMaxRetained = 50;

    public static Action<CircuitOptions> Configure(IConfiguration configuration) => options =>
    {
        options.DisconnectedCircuitRetentionPeriod = DisconnectedRetention;
        options.DisconnectedCircuitMaxRetained = DisconnectedMaxRetained;
        configuration.GetSection(Section).Bind(options);
    };
}
