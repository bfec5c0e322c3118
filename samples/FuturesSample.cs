using System.Diagnostics;
using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "concurrent.futures / thread pool": submit + done + result, as_completed, map, and wait,
/// with ThreadPoolExecutor and futures. (The seed sleeps seconds; tenths here.)
/// </summary>
internal sealed class FuturesSample : ISample
{
    public string Name => "futures";

    public string Seed => "concurrent.futures: submit/done/result, as_completed, map, wait";

    public void Run()
    {
        SubmitDoneResult();
        AsCompletedAndMap();
        WaitForAll();
    }

    private static string ReturnFutureResult(string message, int tenths)
    {
        Thread.Sleep(tenths * 100); // Simulated work, as the seed's time.sleep.
        return message;
    }

    private static int GetUrl(int tenths)
    {
        Thread.Sleep(tenths * 100);
        Console.WriteLine($"get page {tenths} success");
        return tenths;
    }

    // pool.submit(...); future.done(); future.result()
    private static void SubmitDoneResult()
    {
        using var pool = new ThreadPoolExecutor(maxWorkers: 2);
        Future<string> future1 = pool.Submit(() => ReturnFutureResult("hello", 2));
        Future<string> future2 = pool.Submit(() => ReturnFutureResult("world", 1));
        Console.WriteLine($"future1 done: {future1.IsDone}");
        future2.Result(); // Instead of the seed's time.sleep(3): wait for it.
        Console.WriteLine($"future2 done: {future2.IsDone}");
        Console.WriteLine(future1.Result());
        Console.WriteLine(future2.Result());

        Future<string> queued = pool.Submit(() => ReturnFutureResult("late", 1));
        Future<string> cancelMe = pool.Submit(() => ReturnFutureResult("never", 1));
        Console.WriteLine($"cancel a queued task: {cancelMe.Cancel()}"); // True: it had not started.
        queued.Result();
    }

    // for future in as_completed(all_task): data = future.result()
    // for data in executor.map(get_url, urls): ...
    private static void AsCompletedAndMap()
    {
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        int[] urls = [3, 2, 4];
        List<Future<int>> allTask = [.. urls.Select(url => executor.Submit(() => GetUrl(url)))];
        foreach (Future<int> future in Futures.AsCompleted(allTask))
        {
            Console.WriteLine($"as_completed: get page {future.Result()}"); // In completion order.
        }

        foreach (int data in executor.Map(GetUrl, urls))
        {
            Console.WriteLine($"map: get page {data}"); // In input order: 3, 2, 4.
        }
    }

    // wait(all_task); print("all task done")
    private static void WaitForAll()
    {
        using var executor = new ThreadPoolExecutor(maxWorkers: 2);
        var stopwatch = Stopwatch.StartNew();
        List<Future<int>> allTask = [.. new[] { 3, 2, 4 }.Select(url => executor.Submit(() => GetUrl(url)))];
        (IReadOnlySet<Future> done, IReadOnlySet<Future> notDone) = Futures.Wait(allTask);
        Console.WriteLine($"all task done ({done.Count} done, {notDone.Count} not done, {stopwatch.Elapsed.TotalSeconds:0.0} s)");

        Future<int> slow = executor.Submit(() => GetUrl(5));
        Future<int> fast = executor.Submit(() => GetUrl(1));
        WaitResult first = Futures.Wait([slow, fast], returnWhen: ReturnWhen.FirstCompleted);
        Console.WriteLine($"first completed: {first.Done.Count} done, {first.NotDone.Count} still running");
    }
}
