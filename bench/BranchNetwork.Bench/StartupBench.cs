using System.Globalization;
using System.Text.RegularExpressions;
using BranchNetwork.Core.Operations;
using BranchNetwork.Tests.Infrastructure;

namespace BranchNetwork.Bench;

/// <summary>
/// The portal's start-up as a real process in Production: a first start on a new database (migrate, then seed the whole
/// demo) and a start on that database again, <see cref="Runs"/> times each. Besides the time from process start to the
/// first <c>200 Healthy</c> of <c>/health</c> (taken by the bench), each start-up step the portal logs
/// (<see cref="StartupTimeline"/>: milliseconds since its process started) is read back from its log, so the table shows
/// where the seconds go.
/// </summary>
internal static partial class StartupBench
{
    public const int Runs = 5;

    /// <summary>The step the portal marks when Kestrel listens; every earlier step is logged before it.</summary>
    private const string Listening = "listening";

    /// <summary>The portal's step lines at Information; everything else stays at the child's Warning.</summary>
    private static readonly Dictionary<string, string> Steps = new() { [$"Logging__LogLevel__{StartupTimeline.Category}"] = "Information" };

    public static async Task<(List<(string Measure, string Value, string Target)> Rows, List<(string Step, string ColdWarm)> Steps)> RunAsync(
        string folder, string? webDll = null)
    {
        var cold = new List<Start>();
        var warm = new List<Start>();
        for (var run = 0; run < Runs; run++)
        {
            var database = Path.Combine(folder, $"startup-{run}");
            Directory.CreateDirectory(database);
            cold.Add(await OnceAsync(database, webDll));
            // Same database again: migrations and demo data already there.
            warm.Add(await OnceAsync(database, webDll));
        }

        var rows = new List<(string, string, string)>
        {
            ($"first start on a new database (migrate + seed the whole demo) to 200 Healthy, median / max of {Runs}", MedianMax(cold.Select(s => s.HealthyMs)), "≤ 2,000 ms"),
            ($"start-up, existing database, to 200 Healthy, median / max of {Runs}", MedianMax(warm.Select(s => s.HealthyMs)), "≤ 1,000 ms"),
        };

        rows.Add(($"processor time of the portal to 200 Healthy (all threads), new / existing database, median of {Runs}",
            $"{Median(cold.Select(s => s.HealthyCpuMs)):N0} / {Median(warm.Select(s => s.HealthyCpuMs)):N0} ms", ""));

        var names = cold.Concat(warm).SelectMany(s => s.Steps.Keys).Distinct().ToList();
        var steps = names
            .Select(name => (name, $"{Median(cold, name, s => s.Ms),7} {Median(cold, name, s => s.Cpu),7} | {Median(warm, name, s => s.Ms),7} {Median(warm, name, s => s.Cpu),7}"))
            .Append(("200 Healthy (bench)", $"{Median(cold.Select(s => s.HealthyMs)),7:N0} {Median(cold.Select(s => s.HealthyCpuMs)),7:N0} | " +
                $"{Median(warm.Select(s => s.HealthyMs)),7:N0} {Median(warm.Select(s => s.HealthyCpuMs)),7:N0}"))
            .ToList();
        return (rows, steps);
    }

    private static async Task<Start> OnceAsync(string database, string? webDll)
    {
        await using var portal = await PortalChildProcess.StartAsync(database, Steps, environment: "Production", webDll: webDll);
        var (healthy, healthyCpu) = (portal.StartedIn.TotalMilliseconds, portal.StartedCpu.TotalMilliseconds);
        // The console logger writes from a queue: its last step lines may follow the first answer by a moment.
        for (var wait = 0; wait < 100 && !portal.Log.Contains(StartupTimeline.LinePrefix + Listening, StringComparison.Ordinal); wait++)
        {
            await Task.Delay(20);
        }

        var steps = new Dictionary<string, (double, double)>();
        foreach (Match m in StepLine().Matches(portal.Log))
        {
            steps.TryAdd(m.Groups[1].Value, (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        }

        return new Start(healthy, healthyCpu, steps);
    }

    private static string Median(List<Start> starts, string step, Func<(double Ms, double Cpu), double> of)
    {
        var values = starts.Where(s => s.Steps.ContainsKey(step)).Select(s => of(s.Steps[step])).ToList();
        return values.Count == 0 ? "—" : Median(values).ToString("N0", CultureInfo.InvariantCulture);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static string MedianMax(IEnumerable<double> values)
    {
        var list = values.ToList();
        return $"{Median(list):N0} / {list.Max():N0} ms";
    }

    [GeneratedRegex(StartupTimeline.LinePrefix + @"(.+) at (\d+) ms, (\d+) ms CPU")]
    private static partial Regex StepLine();

    private sealed record Start(double HealthyMs, double HealthyCpuMs, Dictionary<string, (double Ms, double Cpu)> Steps);
}
