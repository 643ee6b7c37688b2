using System.Collections.Concurrent;
using System.Diagnostics;

namespace BranchNetwork.Bench;

/// <summary>What the due-day benches record: every request's kind, time and outcome, and a line for each failure.</summary>
internal sealed class LoadSamples
{
    public sealed record Sample(string Kind, double Ms, bool Ok);

    public ConcurrentBag<Sample> All { get; } = [];

    public ConcurrentBag<string> Errors { get; } = [];

    /// <summary>
    /// Times <paramref name="action"/> (true: the answer was right) as one <paramref name="what"/>. Every failure counts
    /// (a refused rule, a timeout, a locked database); <paramref name="detail"/> adds what the answer was.
    /// </summary>
    public async Task<bool> TimedAsync(string what, Func<Task<bool>> action, Func<string>? detail = null)
    {
        var watch = Stopwatch.StartNew();
        bool ok;
        try
        {
            ok = await action();
            if (!ok)
            {
                Errors.Add($"{what}: unexpected answer{detail?.Invoke()}");
            }
        }
        catch (Exception e)
        {
            ok = false;
            Errors.Add($"{what}: {e.GetType().Name}: {(e.InnerException ?? e).Message} after {watch.Elapsed.TotalMilliseconds:N0} ms");
        }

        All.Add(new Sample(what, watch.Elapsed.TotalMilliseconds, ok));
        return ok;
    }

    /// <summary>The times of the right answers of one kind, or of all.</summary>
    public List<double> Times(string? kind = null) => [.. All.Where(s => s.Ok && (kind is null || s.Kind == kind)).Select(s => s.Ms)];
}
