using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Barriers: 2 or 4 threads pass the barrier repeatedly (per phase).</summary>
[MemoryDiagnoser]
public class BarrierBenchmarks
{
    private const int Phases = 2_000;

    [Params(2, 4)]
    public int Parties { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Phases, Description = "System.Threading.Barrier")]
    public void Barrier_()
    {
        using var barrier = new Barrier(Parties);
        Run(() => barrier.SignalAndWait());
    }

    [Benchmark(OperationsPerInvoke = Phases, Description = "CyclicBarrier")]
    public void CyclicBarrier_()
    {
        var barrier = new CyclicBarrier(Parties);
        Run(() => barrier.Wait());
    }

    private void Run(Action pass)
    {
        var threads = Enumerable.Range(1, Parties - 1).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < Phases; i++)
            {
                pass();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        for (int i = 0; i < Phases; i++)
        {
            pass();
        }

        threads.ForEach(t => t.Join());
    }
}
