using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>A shared counter incremented under each lock by 2 or 4 threads (per increment).</summary>
[MemoryDiagnoser]
public class ContendedLockBenchmarks
{
    private const int Increments = 200_000;
    private readonly Lock _lock = new();
    private readonly object _monitor = new();
    private readonly SemaphoreSlim _semaphoreSlim = new(1, 1);
    private readonly PrimitiveLock _primitive = new();
    private readonly ReentrantLock _reentrant = new();
    private long _counter;

    [Params(2, 4)]
    public int Threads { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Increments, Description = "System.Threading.Lock")]
    public void ThreadingLock() => Run(() =>
    {
        using (_lock.EnterScope())
        {
            _counter++;
        }
    });

    [Benchmark(OperationsPerInvoke = Increments, Description = "lock(object)")]
    public void Monitor_() => Run(() =>
    {
        lock (_monitor)
        {
            _counter++;
        }
    });

    [Benchmark(OperationsPerInvoke = Increments, Description = "SemaphoreSlim(1,1)")]
    public void SemaphoreSlim_() => Run(() =>
    {
        _semaphoreSlim.Wait();
        _counter++;
        _semaphoreSlim.Release();
    });

    [Benchmark(OperationsPerInvoke = Increments, Description = "PrimitiveLock")]
    public void PrimitiveLock_() => Run(() =>
    {
        _primitive.Acquire();
        _counter++;
        _primitive.Release();
    });

    [Benchmark(OperationsPerInvoke = Increments, Description = "ReentrantLock")]
    public void ReentrantLock_() => Run(() =>
    {
        _reentrant.Acquire();
        _counter++;
        _reentrant.Release();
    });

    private void Run(Action increment)
    {
        int perThread = Increments / Threads;
        Workers.Run(Threads, _ =>
        {
            for (int i = 0; i < perThread; i++)
            {
                increment();
            }
        });
    }
}
