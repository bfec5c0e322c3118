using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Semaphores: uncontended acquire+release, and 4 threads sharing 2 permits (per acquire+release).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SemaphoreBenchmarks
{
    private const int Acquires = 100_000;
    private readonly SemaphoreSlim _slim = new(2);
    private readonly CountingSemaphore _counting = new(2);

    [Benchmark(Baseline = true, Description = "SemaphoreSlim, uncontended")]
    [BenchmarkCategory("uncontended")]
    public void SlimUncontended()
    {
        _slim.Wait();
        _slim.Release();
    }

    [Benchmark(Description = "CountingSemaphore, uncontended")]
    [BenchmarkCategory("uncontended")]
    public void CountingUncontended()
    {
        _counting.Acquire();
        _counting.Release();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Acquires, Description = "SemaphoreSlim, 4 threads / 2 permits")]
    [BenchmarkCategory("4 threads, 2 permits")]
    public void SlimContended() => Run(() =>
    {
        _slim.Wait();
        _slim.Release();
    });

    [Benchmark(OperationsPerInvoke = Acquires, Description = "CountingSemaphore, 4 threads / 2 permits")]
    [BenchmarkCategory("4 threads, 2 permits")]
    public void CountingContended() => Run(() =>
    {
        _counting.Acquire();
        _counting.Release();
    });

    private static void Run(Action acquireRelease)
    {
        const int Threads = 4;
        Workers.Run(Threads, _ =>
        {
            for (int i = 0; i < Acquires / Threads; i++)
            {
                acquireRelease();
            }
        });
    }
}
