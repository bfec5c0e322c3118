using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "ThreadLocal": a global variable that holds each thread's own data. Python's
/// <c>threading.local()</c> is the BCL's <see cref="ThreadLocal{T}"/>.
/// </summary>
internal sealed class ThreadLocalSample : ISample
{
    private static readonly ThreadLocal<int> s_globalData = new();

    public string Name => "thread-local";

    public string Seed => "ThreadLocal: per-thread data in a global (threading.local -> ThreadLocal<T>)";

    public void Run()
    {
        var threads = new List<WorkerThread>();
        for (int i = 0; i < 10; i++)
        {
            threads.Add(new WorkerThread(ThreadCal));
            threads[i].Start();
        }

        threads.ForEach(t => t.Join());
    }

    private static void ThreadCal()
    {
        s_globalData.Value = 0;
        for (int i = 0; i < 1000; i++)
        {
            s_globalData.Value += 1;
        }

        Show();
    }

    // Each thread prints 1000: no lock was needed, because no thread sees another's counter.
    private static void Show() => Console.WriteLine($"{WorkerThread.Current!.Name} {s_globalData.Value}");
}
