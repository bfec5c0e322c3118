using System.Diagnostics;
using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Threading module" and "join()": two threads started from functions. Without join the
/// main thread reports at once; with join it waits for both. (The seed sleeps 2 s; 0.2 s here.)
/// </summary>
internal sealed class CreateThreadsSample : ISample
{
    private static readonly TimeSpan s_work = TimeSpan.FromMilliseconds(200);

    public string Name => "create-threads";

    public string Seed => "Threading module + join(): Thread(target=...), start, join";

    public void Run()
    {
        var thread1 = new WorkerThread(() => GetDetailHtml(""));
        var thread2 = new WorkerThread(() => GetDetailUrl(""));
        var stopwatch = Stopwatch.StartNew();
        thread1.Start();
        thread2.Start();
        Console.WriteLine($"last time (before join): {stopwatch.Elapsed.TotalSeconds:0.000} s");

        thread1.Join();
        thread2.Join();
        Console.WriteLine($"last time (after join): {stopwatch.Elapsed.TotalSeconds:0.000} s");
    }

    private static void GetDetailHtml(string url)
    {
        Console.WriteLine("get detail html started");
        Thread.Sleep(s_work); // Simulated I/O, as the seed's time.sleep.
        Console.WriteLine("get detail html end");
    }

    private static void GetDetailUrl(string url)
    {
        Console.WriteLine("get detail url started");
        Thread.Sleep(s_work);
        Console.WriteLine("get detail url end");
    }
}
