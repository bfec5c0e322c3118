using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>
/// CPU-bound work on threads vs processes: Map of 16 items, each ~a few ms of arithmetic, over 1 and
/// 4 workers of ThreadPoolExecutor and ProcessPoolExecutor, beside Parallel.ForEach. In .NET there is
/// no GIL, so threads already use every core; processes add serialisation and a pipe per call, and
/// buy isolation. The pools are started (and warmed) in setup: process start-up is not measured.
/// </summary>
[MemoryDiagnoser]
public class ProcessBenchmarks
{
    private const int Items = 16;
    private const int Work = 2_000_000;
    private readonly int[] _items = [.. Enumerable.Repeat(Work, Items)];
    private ThreadPoolExecutor _threads1 = null!;
    private ThreadPoolExecutor _threads4 = null!;
    private ProcessPoolExecutor _processes1 = null!;
    private ProcessPoolExecutor _processes4 = null!;

    [GlobalSetup]
    public void Start()
    {
        _threads1 = new ThreadPoolExecutor(maxWorkers: 1);
        _threads4 = new ThreadPoolExecutor(maxWorkers: 4);
        _processes1 = new ProcessPoolExecutor(maxWorkers: 1);
        _processes4 = new ProcessPoolExecutor(maxWorkers: 4);
        foreach (ProcessPoolExecutor pool in new[] { _processes1, _processes4 })
        {
            _ = pool.Map(CpuBound, _items).Sum(); // Starts and warms the workers.
        }
    }

    [GlobalCleanup]
    public void Stop()
    {
        _threads1.Dispose();
        _threads4.Dispose();
        _processes1.Dispose();
        _processes4.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Parallel.ForEach")]
    public long ParallelForEach()
    {
        long total = 0;
        Parallel.ForEach(_items, n => Interlocked.Add(ref total, CpuBound(n)));
        return total;
    }

    [Benchmark(Description = "ThreadPoolExecutor.Map, 1 worker")]
    public long Threads1() => _threads1.Map(CpuBound, _items).Sum();

    [Benchmark(Description = "ThreadPoolExecutor.Map, 4 workers")]
    public long Threads4() => _threads4.Map(CpuBound, _items).Sum();

    [Benchmark(Description = "ProcessPoolExecutor.Map, 1 worker")]
    public long Processes1() => _processes1.Map(CpuBound, _items).Sum();

    [Benchmark(Description = "ProcessPoolExecutor.Map, 4 workers")]
    public long Processes4() => _processes4.Map(CpuBound, _items).Sum();

    /// <summary>Pure arithmetic (xorshift), no allocation: a few milliseconds for 2,000,000 steps.</summary>
    public static long CpuBound(int steps)
    {
        ulong x = 88172645463325252UL;
        for (int i = 0; i < steps; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return (long)(x & 0xFFFF);
    }
}
