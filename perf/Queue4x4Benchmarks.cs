using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Four producers and four consumers through a queue of capacity 1,024 (per item).</summary>
[MemoryDiagnoser]
public class Queue4x4Benchmarks
{
    private const int Items = 100_000;
    private const int Capacity = 1_024;
    private const int Pairs = 4;

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "BlockingCollection<int>")]
    public void BlockingCollection_()
    {
        using var queue = new BlockingCollection<int>(Capacity);
        Run(queue.Add, () => queue.Take());
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "bounded Channel, sync style")]
    public void Channel_()
    {
        var channel = Channel.CreateBounded<int>(Capacity);
        Run(
            item =>
            {
                while (!channel.Writer.TryWrite(item))
                {
                    channel.Writer.WaitToWriteAsync().AsTask().Wait();
                }
            },
            () =>
            {
                int item;
                while (!channel.Reader.TryRead(out item))
                {
                    channel.Reader.WaitToReadAsync().AsTask().Wait();
                }

                return item;
            });
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "FifoQueue (bounded)")]
    public void FifoQueue_()
    {
        var queue = new FifoQueue<int>(Capacity);
        Run(queue.Put, queue.Get);
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "FifoQueue (unbounded)")]
    public void FifoQueueUnbounded()
    {
        var queue = new FifoQueue<int>();
        Run(queue.Put, queue.Get);
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "SimpleQueue")]
    public void SimpleQueue_()
    {
        var queue = new SimpleQueue<int>();
        Run(queue.Put, queue.Get);
    }

    // Even-numbered threads produce, odd-numbered ones consume.
    private static void Run(Action<int> put, Func<int> get)
    {
        const int PerThread = Items / Pairs;
        Workers.Run(2 * Pairs, t =>
        {
            if (t % 2 == 0)
            {
                for (int i = 0; i < PerThread; i++)
                {
                    put(i);
                }
            }
            else
            {
                for (int i = 0; i < PerThread; i++)
                {
                    get();
                }
            }
        });
    }
}
