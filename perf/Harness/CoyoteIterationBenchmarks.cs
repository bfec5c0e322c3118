using BenchmarkDotNet.Attributes;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.Perf.Harness;

/// <summary>
/// Coyote iterations of a representative queue test (two producers, one consumer, a FifoQueue of
/// capacity 1): time per explored interleaving, for two strategies, on one engine without and with
/// ExploreFieldRaces (a scheduling point at every field access, Weave.Primitives' own included), and on two
/// engines at once (SystematicOptions.Parallelism = 2: iterations per second on 2 cores against one engine's).
/// </summary>
[MemoryDiagnoser]
public class CoyoteIterationBenchmarks
{
    private const int Iterations = 200;
    private const int ParallelIterations = 400;

    [Params(SystematicStrategy.Random, SystematicStrategy.Prioritization)]
    public SystematicStrategy Strategy { get; set; }

    [Benchmark(OperationsPerInvoke = Iterations, Description = "Systematic.Explore, queue test (per iteration)")]
    public int Explore()
    {
        var report = Systematic.Explore(QueueTest, new SystematicOptions { Iterations = Iterations, Seed = 1, Strategy = Strategy, Parallelism = 1 });
        return report.BugFound ? throw new InvalidOperationException(report.ToString()) : report.Iterations;
    }

    [Benchmark(OperationsPerInvoke = Iterations, Description = "Systematic.Explore + ExploreFieldRaces, queue test (per iteration)")]
    public int ExploreFieldRaces()
    {
        var options = new SystematicOptions { Iterations = Iterations, Seed = 1, Strategy = Strategy, ExploreFieldRaces = true, Parallelism = 1 };
        var report = Systematic.Explore(QueueTest, options);
        return report.BugFound ? throw new InvalidOperationException(report.ToString()) : report.Iterations;
    }

    [Benchmark(OperationsPerInvoke = ParallelIterations, Description = "Systematic.Explore on 2 engines, queue test (per iteration)")]
    public int ExploreOnTwoEngines()
    {
        var options = new SystematicOptions { Iterations = ParallelIterations, Seed = 1, Strategy = Strategy, Parallelism = 2 };
        var report = Systematic.Explore(QueueTest, options);
        return report.BugFound || report.Engines != 2 ? throw new InvalidOperationException(report.ToString()) : report.Iterations;
    }

    private static void QueueTest()
    {
        var queue = new FifoQueue<int>(1);
        var producers = Enumerable.Range(0, 2).Select(p => new Thread(() =>
        {
            queue.Put(p);
            queue.Put(p + 10);
        })).ToList();
        producers.ForEach(t => t.Start());
        int sum = 0;
        for (int i = 0; i < 4; i++)
        {
            sum += queue.Get();
        }

        producers.ForEach(t => t.Join());
        if (sum != 0 + 10 + 1 + 11)
        {
            throw new InvalidOperationException($"Lost or duplicated items: sum {sum}.");
        }
    }
}
