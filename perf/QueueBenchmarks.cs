using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Weave.Primitives;

namespace Weave.Perf;

/// <summary>Single producer, single consumer through a queue of capacity 1,024 (per item).</summary>
[MemoryDiagnoser]
public class QueueBenchmarks
{
    private const int Items = 100_000;
    private const int Capacity = 1_024;

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "BlockingCollection<int>")]
    public void BlockingCollection_()
    {
        using var queue = new BlockingCollection<int>(Capacity);
        var consumer = new Thread(() =>
        {
            for (int i = 0; i < Items; i++)
            {
                queue.Take();
            }
        });
        consumer.Start();
        for (int i = 0; i < Items; i++)
        {
            queue.Add(i);
        }

        consumer.Join();
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "bounded Channel, sync style")]
    public void Channel_()
    {
        Channel<int> channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
        var consumer = new Thread(() =>
        {
            for (int i = 0; i < Items; i++)
            {
                while (!channel.Reader.TryRead(out _))
                {
                    channel.Reader.WaitToReadAsync().AsTask().Wait();
                }
            }
        });
        consumer.Start();
        for (int i = 0; i < Items; i++)
        {
            while (!channel.Writer.TryWrite(i))
            {
                channel.Writer.WaitToWriteAsync().AsTask().Wait();
            }
        }

        consumer.Join();
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "FifoQueue (bounded)")]
    public void FifoQueue_() => Run(new Fifo(new FifoQueue<int>(Capacity)));

    [Benchmark(OperationsPerInvoke = Items, Description = "FifoQueue (unbounded)")]
    public void FifoQueueUnbounded() => Run(new Fifo(new FifoQueue<int>()));

    [Benchmark(OperationsPerInvoke = Items, Description = "SimpleQueue")]
    public void SimpleQueue_() => Run(new Simple(new SimpleQueue<int>()));

    // One producer (this thread) and one consumer; struct adapters so the calls inline.
    private static void Run<TQueue>(TQueue queue)
        where TQueue : struct, IQueue
    {
        var consumer = new Thread(() =>
        {
            for (int i = 0; i < Items; i++)
            {
                queue.Get();
            }
        });
        consumer.Start();
        for (int i = 0; i < Items; i++)
        {
            queue.Put(i);
        }

        consumer.Join();
    }

    private interface IQueue
    {
        void Put(int item);

        int Get();
    }

    private readonly struct Fifo(FifoQueue<int> queue) : IQueue
    {
        public void Put(int item) => queue.Put(item);

        public int Get() => queue.Get();
    }

    private readonly struct Simple(SimpleQueue<int> queue) : IQueue
    {
        public void Put(int item) => queue.Put(item);

        public int Get() => queue.Get();
    }
}
