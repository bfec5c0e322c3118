using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Uncontended acquire+release and reentrant pairs (per operation), Weave beside the .NET locks.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LockBenchmarks
{
    private readonly Lock _lock = new();
    private readonly object _monitor = new();
    private readonly SemaphoreSlim _semaphoreSlim = new(1, 1);
    private readonly PrimitiveLock _primitive = new();
    private readonly ReentrantLock _reentrant = new();

    [Benchmark(Baseline = true, Description = "System.Threading.Lock")]
    [BenchmarkCategory("acquire+release")]
    public void ThreadingLock()
    {
        using (_lock.EnterScope())
        {
        }
    }

    [Benchmark(Description = "lock(object)")]
    [BenchmarkCategory("acquire+release")]
    public void Monitor_()
    {
        lock (_monitor)
        {
        }
    }

    [Benchmark(Description = "SemaphoreSlim(1,1)")]
    [BenchmarkCategory("acquire+release")]
    public void SemaphoreSlim_()
    {
        _semaphoreSlim.Wait();
        _semaphoreSlim.Release();
    }

    [Benchmark(Description = "PrimitiveLock")]
    [BenchmarkCategory("acquire+release")]
    public void PrimitiveLock_()
    {
        _primitive.Acquire();
        _primitive.Release();
    }

    [Benchmark(Description = "ReentrantLock")]
    [BenchmarkCategory("acquire+release")]
    public void ReentrantLock_()
    {
        _reentrant.Acquire();
        _reentrant.Release();
    }

    [Benchmark(Baseline = true, Description = "Monitor reentrant pair")]
    [BenchmarkCategory("reentrant pair")]
    public void MonitorReentrantPair()
    {
        lock (_monitor)
        {
            lock (_monitor)
            {
            }
        }
    }

    [Benchmark(Description = "ReentrantLock reentrant pair")]
    [BenchmarkCategory("reentrant pair")]
    public void ReentrantPair()
    {
        _reentrant.Acquire();
        _reentrant.Acquire();
        _reentrant.Release();
        _reentrant.Release();
    }
}
