using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>
/// Executors: submit one trivial work item and wait for its result (per round trip), and map a trivial
/// function over 10,000 items (per item), beside Task.Run and Parallel.ForEach.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ExecutorBenchmarks
{
    private const int RoundTrips = 1_000;
    private const int MapItems = 10_000;
    private readonly int[] _items = Enumerable.Range(0, MapItems).ToArray();
    private readonly int[] _results = new int[MapItems];
    private ThreadPoolExecutor _executor = null!;

    [GlobalSetup]
    public void Start() => _executor = new ThreadPoolExecutor(maxWorkers: Environment.ProcessorCount);

    [GlobalCleanup]
    public void Stop() => _executor.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips, Description = "Task.Run + Result")]
    [BenchmarkCategory("submit + result")]
    public int TaskRunResult()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            int value = i;
            sum += Task.Run(() => value + 1).Result;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "ThreadPoolExecutor Submit + Result")]
    [BenchmarkCategory("submit + result")]
    public int SubmitResult()
    {
        int sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            int value = i;
            sum += _executor.Submit(() => value + 1).Result();
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MapItems, Description = "Parallel.ForEach (map 10,000)")]
    [BenchmarkCategory("map 10,000")]
    public void ParallelForEach() => Parallel.ForEach(_items, i => _results[i] = i * 2);

    [Benchmark(OperationsPerInvoke = MapItems, Description = "Task.Run each + WaitAll (map 10,000)")]
    [BenchmarkCategory("map 10,000")]
    public void TaskRunEach()
    {
        var tasks = new Task[MapItems];
        for (int i = 0; i < MapItems; i++)
        {
            int item = i;
            tasks[i] = Task.Run(() => _results[item] = item * 2);
        }

        Task.WaitAll(tasks);
    }

    [Benchmark(OperationsPerInvoke = MapItems, Description = "ThreadPoolExecutor.Map (map 10,000)")]
    [BenchmarkCategory("map 10,000")]
    public int ExecutorMap()
    {
        int count = 0;
        foreach (int result in _executor.Map(i => i * 2, _items))
        {
            count += result & 1;
        }

        return count;
    }
}
