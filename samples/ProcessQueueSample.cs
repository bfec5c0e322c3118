using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "进程间通信 Queue", as the seed writes it: <c>queue = Queue(10)</c>, <c>Process(target=producer,
/// args=(queue,))</c> and a consumer process, started and joined. (Tenths of a second where the seed sleeps 2 s.)
/// </summary>
internal sealed class ProcessQueueSample : ISample
{
    public string Name => "process-queue";

    public string Seed => "multiprocessing.Queue: Process(target=producer, args=(queue,)) and a consumer process";

    public void Run()
    {
        var queue = new ProcessQueue<string>(maxSize: 10);
        var producer = new WorkerProcess(Producer, [queue]);
        var consumer = new WorkerProcess(Consumer, [queue]);

        consumer.Start();
        producer.Start();
        producer.Join();
        consumer.Join();
        Console.WriteLine($"producer exit code {producer.ExitCode}, consumer exit code {consumer.ExitCode}");
    }

    private static void Producer(ProcessQueue<string> queue)
    {
        queue.Put("a");
        Thread.Sleep(200); // As the seed's time.sleep(2).
    }

    private static void Consumer(ProcessQueue<string> queue)
    {
        Thread.Sleep(200);
        Console.WriteLine($"{queue.Get()} (printed by process {Environment.ProcessId})");
    }
}
