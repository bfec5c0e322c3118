namespace Weave.Perf.Report;

/// <summary>A target from the benchmark issue: Weave's time at most MaxRatio × the built-in's, in the same run.</summary>
internal sealed record Target(string Workload, string Suite, string Group, string BuiltIn, string Weave, double MaxRatio);

/// <summary>A CPython workload (perf/cpython/bench.py key) and the Weave case that runs the same work.</summary>
internal sealed record CPythonWorkload(string Key, string Suite, string Group, string Weave, string BuiltIn);

internal static class Targets
{
    public static readonly IReadOnlyList<Target> All =
    [
        new("Uncontended acquire+release", "Lock", "acquire+release", "System.Threading.Lock", "PrimitiveLock", 1.2),
        new("Uncontended acquire+release (reentrant lock)", "Lock", "acquire+release", "System.Threading.Lock", "ReentrantLock", 1.5),
        new("SPSC queue vs BlockingCollection", "Queue", "", "BlockingCollection<int>", "FifoQueue (bounded)", 1.0),
        new("SPSC queue vs bounded Channel", "Queue", "", "bounded Channel, sync style", "FifoQueue (bounded)", 1.0),
        new("4×4 queue vs BlockingCollection", "Queue4x4", "", "BlockingCollection<int>", "FifoQueue (bounded)", 1.0),
        new("4×4 queue vs bounded Channel", "Queue4x4", "", "bounded Channel, sync style", "FifoQueue (bounded)", 1.0),
        new("Barrier, 4 parties", "Barrier", "Parties=4", "System.Threading.Barrier", "CyclicBarrier", 1.0),
        new("Executor map over 10,000 items", "Executor", "map 10,000", "Task.Run each + WaitAll (map 10,000)", "ThreadPoolExecutor.Map (map 10,000)", 1.5),
        new("Executor submit + result", "Executor", "submit + result", "Task.Run + Result", "ThreadPoolExecutor Submit + Result", 1.3),
        new("Event ping-pong", "Event", "", "ManualResetEventSlim pair", "Weave Event pair", 1.5),
        new("Condition ping-pong", "Condition", "", "Monitor.Wait/Pulse + turn", "Weave Condition + turn", 1.5),
    ];

    /// <summary>Targets against a fixed reference measured outside this report (another tool on the same machine kind).</summary>
    public static readonly IReadOnlyList<(string Workload, string Suite, string Case, string Reference, double ReferenceNs)> References =
    [
        ("Checker: 102 Jepsen etcd histories", "Checker", "Linearizability.Check, 102 etcd histories", "Porcupine (Go), 2-core reference VM", 390e6),
    ];

    /// <summary>Uncontended paths that must not allocate.</summary>
    public static readonly IReadOnlyList<(string Suite, string Case)> ZeroAllocation =
    [
        ("Lock", "PrimitiveLock"), ("Lock", "ReentrantLock"), ("Lock", "ReentrantLock reentrant pair"), ("Semaphore", "CountingSemaphore, uncontended"),
    ];

    public static readonly IReadOnlyList<CPythonWorkload> CPython =
    [
        new("lock.acquire_release", "Lock", "acquire+release", "PrimitiveLock", "System.Threading.Lock"),
        new("rlock.reentrant_pair", "Lock", "reentrant pair", "ReentrantLock reentrant pair", "Monitor reentrant pair"),
        new("lock.contended_2", "ContendedLock", "Threads=2", "PrimitiveLock", "System.Threading.Lock"),
        new("lock.contended_4", "ContendedLock", "Threads=4", "PrimitiveLock", "System.Threading.Lock"),
        new("semaphore.uncontended", "Semaphore", "uncontended", "CountingSemaphore, uncontended", "SemaphoreSlim, uncontended"),
        new("semaphore.contended_4_2", "Semaphore", "4 threads, 2 permits", "CountingSemaphore, 4 threads / 2 permits", "SemaphoreSlim, 4 threads / 2 permits"),
        new("event.pingpong", "Event", "", "Weave Event pair", "ManualResetEventSlim pair"),
        new("condition.pingpong", "Condition", "", "Weave Condition + turn", "Monitor.Wait/Pulse + turn"),
        new("barrier.2", "Barrier", "Parties=2", "CyclicBarrier", "System.Threading.Barrier"),
        new("barrier.4", "Barrier", "Parties=4", "CyclicBarrier", "System.Threading.Barrier"),
        new("queue.spsc_bounded", "Queue", "", "FifoQueue (bounded)", "bounded Channel, sync style"),
        new("queue.spsc_unbounded", "Queue", "", "FifoQueue (unbounded)", "bounded Channel, sync style"),
        new("simplequeue.spsc", "Queue", "", "SimpleQueue", "bounded Channel, sync style"),
        new("queue.4x4_bounded", "Queue4x4", "", "FifoQueue (bounded)", "bounded Channel, sync style"),
        new("queue.task_done_join", "TaskDoneJoin", "", "FifoQueue put / get + task_done / join", "BlockingCollection + ManualResetEventSlim"),
        new("executor.submit_result", "Executor", "submit + result", "ThreadPoolExecutor Submit + Result", "Task.Run + Result"),
        new("executor.map_10000", "Executor", "map 10,000", "ThreadPoolExecutor.Map (map 10,000)", "Task.Run each + WaitAll (map 10,000)"),
    ];

    /// <summary>The Weave case of <paramref name="suite"/> whose group contains <paramref name="group"/> and whose name is <paramref name="name"/>.</summary>
    public static Measurement? Find(IEnumerable<Measurement> all, string suite, string group, string name) =>
        all.FirstOrDefault(m => m.Suite == suite && m.Case == name && m.Group.Contains(group, StringComparison.Ordinal));
}
