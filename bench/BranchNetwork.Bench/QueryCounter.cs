using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BranchNetwork.Bench;

/// <summary>
/// Counts the SQL commands EF Core runs in this process (its diagnostic events), so a bench row can say how many
/// round trips a piece of work takes: a count does not vary with the machine's load, a time does. It also adds up the
/// reads of rows they made (each reader's last read, which finds no more, included) and each one's time from its start until its reader is done (the database's work and the reading of
/// its rows; what the caller does with them comes on top).
/// </summary>
internal sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    // BENCH_QUERY_LOG: each counted command on stderr, with its time until its reader was done and its reads of rows.
    private static readonly bool LogsCommands = Environment.GetEnvironmentVariable("BENCH_QUERY_LOG") is not null;

    private readonly List<IDisposable> subscriptions = [];
    private int count;
    private long rows;
    private long ticks;

    public QueryCounter() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public int Count => Volatile.Read(ref count);

    /// <summary>The commands <paramref name="work"/> runs.</summary>
    public async Task<int> CountAsync(Func<Task> work) => (await MeasureAsync(work)).Queries;

    /// <summary>The commands <paramref name="work"/> runs, their reads of rows and their time until their readers were done.</summary>
    public async Task<(int Queries, long Rows, TimeSpan Time)> MeasureAsync(Func<Task> work)
    {
        var (queries, read, time) = (Count, Interlocked.Read(ref rows), Interlocked.Read(ref ticks));
        await work();
        return (Count - queries, Interlocked.Read(ref rows) - read, TimeSpan.FromTicks(Interlocked.Read(ref ticks) - time));
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name)
        {
            Interlocked.Increment(ref count);
        }
        else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData reader)
        {
            Interlocked.Add(ref rows, reader.ReadCount);
            Interlocked.Add(ref ticks, reader.Duration.Ticks);
            if (LogsCommands)
            {
                Console.Error.WriteLine($"{reader.Duration.TotalMilliseconds,8:N2} ms {reader.ReadCount,7:N0} rows  {reader.Command.CommandText.ReplaceLineEndings(" ")}");
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
