using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BranchNetwork.Core.Operations;

/// <summary>
/// Start-up's steps, each logged at Information under <see cref="Category"/> with the milliseconds since the process
/// started (the runtime's own start included), so an operator or the bench (<c>bench/run.sh startup</c>) sees where
/// the seconds go. Each line also gives the processor time the process has used so far (all its threads: the JIT's
/// and the GC's too), which a busy machine stretches far less than the elapsed time. Steps marked before the logger
/// exists are written once it does.
/// </summary>
/// <param name="time">The machine's clock: the steps are measured from the operating system's start time of the process.</param>
public sealed class StartupTimeline(TimeProvider time)
{
    public const string Category = "BranchNetwork.Startup";

    /// <summary>The words of each line, which the bench reads back: <c>Start-up step {step} at {ms} ms, {cpu} ms CPU</c>.</summary>
    public const string LinePrefix = "Start-up step ";

    private readonly DateTime processStartedUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<(string Step, double Ms, double Cpu)> early = [];
    private ILogger? logger;

    /// <summary>Milliseconds since the process started.</summary>
    public double Elapsed => (time.GetUtcNow().UtcDateTime - processStartedUtc).TotalMilliseconds;

    public void Mark(string step)
    {
        var ms = Elapsed;
        var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        lock (early)
        {
            if (logger is null)
            {
                early.Add((step, ms, cpu));
                return;
            }
        }

        Write(logger, step, ms, cpu);
    }

    /// <summary>From now on steps are logged as they happen; those marked earlier are logged first.</summary>
    public void WriteTo(ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(Category);
        lock (early)
        {
            foreach (var (step, ms, cpu) in early)
            {
                Write(log, step, ms, cpu);
            }

            early.Clear();
            logger = log;
        }
    }

    private static void Write(ILogger log, string step, double ms, double cpu) =>
        log.LogInformation(LinePrefix + "{Step} at {Ms} ms, {Cpu} ms CPU", step, ms.ToString("F0", CultureInfo.InvariantCulture),
            cpu.ToString("F0", CultureInfo.InvariantCulture));
}
