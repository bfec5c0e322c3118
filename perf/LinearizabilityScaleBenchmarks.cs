using BenchmarkDotNet.Attributes;
using Weave.Harness;

namespace Weave.Perf;

/// <summary>
/// The checker at scale: 100,000-event queue histories recorded from 2 and 4 real threads (capacity 8, as
/// <see cref="LinearizabilityBenchmarks"/>). From 8 threads on 2 cores a 100,000-event recording holds so much
/// overlap that the memo outgrows the default 2,048 MB memory budget: that check ends undecided, by design
/// (raise <c>LinearizabilityOptions.MemoryBudget</c>).
/// </summary>
[MemoryDiagnoser]
public class LinearizabilityScaleBenchmarks
{
    private readonly QueueSpec<int> _spec = new(QueueKind.Fifo, LinearizabilityBenchmarks.QueueCapacity);
    private IReadOnlyList<HistoryEntry<QueueOp<int>, QueueResult<int>>> _history = [];

    [Params(2, 4)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Record() => _history = LinearizabilityBenchmarks.RecordQueueHistory(100_000, Threads);

    [Benchmark(Description = "Linearizability.Check (queue, 100,000 events)")]
    public bool Check() => Linearizability.Check(_spec, _history, TimeSpan.FromMinutes(5)).IsLinearizable;
}
