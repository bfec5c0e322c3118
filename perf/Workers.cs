namespace Weave.Perf;

/// <summary>Starts worker threads released together by a barrier, and joins them: the suites' one thread harness.</summary>
internal static class Workers
{
    /// <summary>Runs <paramref name="body"/>(index) on <paramref name="count"/> new threads that start together; returns when all end.</summary>
    public static void Run(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var threads = new Thread[count];
        for (int t = 0; t < count; t++)
        {
            int index = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                body(index);
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
