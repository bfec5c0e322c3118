using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>
/// task_done/join round trips: the producer puts one item and joins; a worker gets it and marks it done
/// (per round trip). .NET has no joinable queue; the baseline emulates join with an event.
/// </summary>
[MemoryDiagnoser]
public class TaskDoneJoinBenchmarks
{
    private const int RoundTrips = 2_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips, Description = "BlockingCollection + ManualResetEventSlim")]
    public void BlockingCollectionWithEvent()
    {
        using var queue = new BlockingCollection<int>();
        using var done = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                queue.Take();
                done.Set();
            }
        });
        worker.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            queue.Add(i);
            done.Wait();
            done.Reset();
        }

        worker.Join();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "FifoQueue put / get + task_done / join")]
    public void FifoQueueJoin()
    {
        var queue = new FifoQueue<int>();
        var worker = new Thread(() =>
        {
            for (int i = 0; i < RoundTrips; i++)
            {
                queue.Get();
                queue.TaskDone();
            }
        });
        worker.Start();
        for (int i = 0; i < RoundTrips; i++)
        {
            queue.Put(i);
            queue.Join();
        }

        worker.Join();
    }
}
