using Weave.Primitives;

namespace Weave.Samples;

/// <summary>
/// Seed "Manager() 中定义了很多共享变量": a counter shared by 4 processes through a manager. Each adds 1 a
/// thousand times: with the manager's lock held around <c>counter.Value += 1</c> the total is exactly 4,000;
/// without it, the read and the write of different processes interleave and updates are lost.
/// </summary>
internal sealed class ManagerSample : ISample
{
    private const int Processes = 4;
    private const int Increments = 1_000;

    public string Name => "manager";

    public string Seed => "multiprocessing.Manager: a shared Value incremented by 4 processes, with and without a shared Lock";

    public void Run()
    {
        using var manager = new Manager();
        foreach (bool locked in new[] { true, false })
        {
            var counter = manager.Value(0);
            var guard = manager.Lock();
            var processes = Enumerable.Range(0, Processes)
                .Select(_ => new WorkerProcess(Increment, [counter, guard, locked]))
                .ToList();
            processes.ForEach(p => p.Start());
            processes.ForEach(p => p.Join());
            Console.WriteLine($"{(locked ? "with the lock:   " : "without the lock:")} {counter.Value} (expected {Processes * Increments})");
        }
    }

    private static void Increment(SharedValue<int> counter, SharedLock guard, bool locked)
    {
        for (int i = 0; i < Increments; i++)
        {
            if (locked)
            {
                using (guard.EnterScope())
                {
                    counter.Value += 1;
                }
            }
            else
            {
                counter.Value += 1; // A read, then a write: another process's update in between is lost.
            }
        }
    }
}
