using BenchmarkDotNet.Attributes;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>
/// The linearizability checker on queue histories recorded from real threads (non-blocking puts and gets
/// of distinct items on a FifoQueue of capacity 8): time per check, for 100 to 10,000 events and 2 to 8
/// threads. Events per second = Events / mean time.
/// </summary>
/// <remarks>
/// The capacity matters: Wing–Gong search guesses the order of overlapping puts and learns a wrong guess
/// only when the items come out, so its cost grows with how long items stay queued. With capacity 8 it is
/// near-linear; on an unbounded queue whose length drifts into the hundreds, 4,000-event histories took
/// 0.1–27 s and some 6,000-event ones exceeded 30 s (measured separately; README). Scenario rounds are
/// short, which is why Stress checks many small histories rather than one long one.
/// </remarks>
[MemoryDiagnoser]
public class LinearizabilityBenchmarks
{
    /// <summary>The queue's capacity (the search's cost grows with how long items stay queued).</summary>
    internal const int QueueCapacity = Capacity;

    private const int Capacity = 8;
    private readonly QueueSpec<int> _spec = new(QueueKind.Fifo, Capacity);
    private IReadOnlyList<HistoryEntry<QueueOp<int>, QueueResult<int>>> _history = [];

    [Params(100, 1_000, 10_000)]
    public int Events { get; set; }

    [Params(2, 4, 8)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Record() => _history = RecordQueueHistory(Events, Threads);

    [Benchmark(Description = "Linearizability.Check (queue)")]
    public bool Check() => Linearizability.Check(_spec, _history, TimeSpan.FromMinutes(5)).IsLinearizable;

    /// <summary>Records <paramref name="events"/> events of non-blocking puts and gets from <paramref name="threads"/> real threads; checks it is linearizable.</summary>
    internal static IReadOnlyList<HistoryEntry<QueueOp<int>, QueueResult<int>>> RecordQueueHistory(int events, int threads)
    {
        var queue = new FifoQueue<int>(Capacity);
        var history = new History<QueueOp<int>, QueueResult<int>>();
        int callsPerThread = events / 2 / threads;
        Workers.Run(threads, t =>
        {
            var random = new Random(t);
            for (int i = 0; i < callsPerThread; i++)
            {
                if (random.Next(2) == 0)
                {
                    int item = (t * callsPerThread) + i;
                    var call = history.Invoke(t, QueueOp<int>.TryPut(item));
                    call.Return(queue.TryPut(item) ? QueueResult<int>.Ok : QueueResult<int>.Full);
                }
                else
                {
                    var call = history.Invoke(t, QueueOp<int>.TryGet());
                    call.Return(queue.TryGet(out int item) ? QueueResult<int>.Got(item) : QueueResult<int>.Empty);
                }
            }
        });
        var entries = history.Entries();
        var check = Linearizability.Check(new QueueSpec<int>(QueueKind.Fifo, Capacity), entries, TimeSpan.FromMinutes(5));
        if (!check.IsLinearizable)
        {
            throw new InvalidOperationException($"The recorded history should be linearizable: {check.Summary}");
        }

        return entries;
    }
}
