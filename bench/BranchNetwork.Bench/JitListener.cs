using System.Diagnostics.Tracing;

namespace BranchNetwork.Bench;

/// <summary>
/// Counts the methods the JIT compiles while it listens, by namespace (the runtime's own JIT events): which code a cold
/// run pays to compile. Load on the machine changes the JIT's time, not what it compiles.
/// </summary>
internal sealed class JitListener : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly Dictionary<string, int> byNamespace = [];
    private bool listening;

    public void Start() => listening = true;

    public void Stop() => listening = false;

    /// <summary>The namespaces with most methods compiled, first.</summary>
    public List<(string Namespace, int Methods)> Top(int count)
    {
        lock (byNamespace)
        {
            return [.. byNamespace.OrderByDescending(n => n.Value).Take(count).Select(n => (n.Key, n.Value))];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!listening || e.EventName != "MethodJittingStarted_V1" || e.Payload is not { } payload)
        {
            return;
        }

        var name = e.PayloadNames!.IndexOf("MethodNamespace") is var i and >= 0 ? payload[i] as string ?? "" : "";
        // The type's namespace, without its nested types and generic arguments.
        var type = name.Split('[', '`')[0];
        var key = type.Contains('.') ? type[..type.LastIndexOf('.')] : type;
        lock (byNamespace)
        {
            byNamespace[key] = byNamespace.GetValueOrDefault(key) + 1;
        }
    }
}
