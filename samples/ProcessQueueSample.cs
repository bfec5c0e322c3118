using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "进程间通信 Queue": a producer process puts "a", a consumer process gets and prints it.
/// The seed starts two multiprocessing.Process; here two workers of a pool run them, which the seed
/// notes needs Manager().Queue() in Python — a ProcessQueue works either way. (Tenths, not seconds.)
/// </summary>
internal sealed class ProcessQueueSample : ISample
{
    public string Name => "process-queue";

    public string Seed => "multiprocessing.Queue: producer and consumer processes";

    public void Run()
    {
        var queue = new ProcessQueue<string>(maxSize: 10);
        using var pool = new ProcessPool(processes: 2);
        AsyncResult<string> consumer = pool.ApplyAsync(Consumer, queue);
        AsyncResult<bool> producer = pool.ApplyAsync(Producer, queue);
        producer.Get();
        Console.WriteLine($"the consumer process got \"{consumer.Get()}\"");
    }

    private static bool Producer(ProcessQueue<string> queue)
    {
        queue.Put("a");
        Thread.Sleep(200); // As the seed's time.sleep(2).
        return true;
    }

    private static string Consumer(ProcessQueue<string> queue)
    {
        Thread.Sleep(200);
        string data = queue.Get();
        Console.WriteLine($"{data} (printed by process {Environment.ProcessId})");
        return data;
    }
}
