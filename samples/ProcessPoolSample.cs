using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "进程池" (multiprocessing.Pool): apply_async four calls, close, join, then read the results.
/// get_html runs in worker processes; its output comes from them. (The seed sleeps seconds; tenths here.)
/// </summary>
internal sealed class ProcessPoolSample : ISample
{
    public string Name => "process-pool";

    public string Seed => "multiprocessing.Pool: apply_async, close, join, get";

    public void Run()
    {
        var pool = new ProcessPool(Environment.ProcessorCount);
        var results = new List<AsyncResult<int>>();
        for (int i = 0; i < 4; i++)
        {
            results.Add(pool.ApplyAsync(GetHtml, i)); // A static method and its argument cross to a worker.
        }

        pool.Close(); // No more work...
        pool.Join();  // ...and wait for the workers to finish it and exit.
        foreach (AsyncResult<int> result in results)
        {
            Console.WriteLine(result.Get());
        }
    }

    private static int GetHtml(int n)
    {
        Thread.Sleep(n * 100); // Simulated download, as the seed's time.sleep(n).
        Console.WriteLine($"sub_progress success (process {Environment.ProcessId})");
        return n;
    }
}
