using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Queue" source walk-through (put waits on not_full, get on not_empty): producers and
/// consumers around a bounded queue. Producers block while it is full; Join waits until every item
/// has been processed; Shutdown then releases the consumers (Python 3.13's queue.shutdown).
/// </summary>
internal sealed class ProducerConsumerSample : ISample
{
    public string Name => "producer-consumer";

    public string Seed => "Queue: producers and consumers around a bounded queue";

    public void Run()
    {
        var queue = new FifoQueue<string>(maxSize: 3);
        int processed = 0;

        var consumers = Enumerable.Range(1, 2).Select(n => new WorkerThread(() =>
        {
            try
            {
                while (true)
                {
                    string page = queue.Get();
                    Thread.Sleep(10); // Simulated processing.
                    Interlocked.Increment(ref processed);
                    Console.WriteLine($"{WorkerThread.Current!.Name} processed {page}");
                    queue.TaskDone();
                }
            }
            catch (QueueShutDownException)
            {
                Console.WriteLine($"{WorkerThread.Current!.Name} stops: the queue is shut down");
            }
        }, name: $"consumer-{n}")).ToList();

        var producers = Enumerable.Range(1, 2).Select(n => new WorkerThread(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                queue.Put($"page {n}.{i}"); // Blocks while 3 items wait.
            }
        }, name: $"producer-{n}")).ToList();

        consumers.ForEach(c => c.Start());
        producers.ForEach(p => p.Start());
        producers.ForEach(p => p.Join());
        queue.Join(); // Every item put has been marked done.
        Console.WriteLine($"all {processed} pages processed");

        queue.Shutdown();
        consumers.ForEach(c => c.Join());
        if (processed != 10)
        {
            throw new InvalidOperationException($"Expected 10 pages processed, got {processed}.");
        }
    }
}
