using System.Diagnostics;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// Real-thread stress, for comparison with systematic exploration: runs a scenario round after round
/// on real threads, and counts a round as a find when it throws or does not finish within a watchdog
/// (a hang). A hung round's threads are background threads and are abandoned.
/// </summary>
internal static class Stress
{
    public static (bool Found, int Rounds, TimeSpan Elapsed, string? What) Hunt(Action<TimeSpan> scenario, int rounds, TimeSpan watchdog, bool interrupts = false)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int round = 1; round <= rounds; round++)
        {
            Exception? error = null;
            var targets = interrupts ? new System.Collections.Concurrent.ConcurrentQueue<Thread>() : null;
            var thread = new Thread(() =>
            {
                Run.FaultTargets = targets; // The scenario's threads register here (Run.Threads).
                try
                {
                    scenario(TimeSpan.FromMilliseconds(1)); // Timed waits really time out here.
                }
                catch (ThreadInterruptedException e)
                {
                    error = e;
                }
                catch (Exception e)
                {
                    error = e;
                }
            })
            { IsBackground = true };
            thread.Start();
            using var done = new ManualResetEventSlim();
            Thread? faulter = targets is null ? null : new Thread(() => Interrupt(targets, new Random(round), done)) { IsBackground = true };
            faulter?.Start();
            bool finished = thread.Join(watchdog);
            done.Set();
            faulter?.Join();
            if (!finished)
            {
                return (true, round, stopwatch.Elapsed, "hang");
            }

            if (error is not null)
            {
                return (true, round, stopwatch.Elapsed, error.GetType().Name);
            }
        }

        return (false, rounds, stopwatch.Elapsed, null);
    }

    // Interrupts the round's threads at random moments (seeded choice of thread and pause) until it ends.
    private static void Interrupt(System.Collections.Concurrent.ConcurrentQueue<Thread> targets, Random random, ManualResetEventSlim done)
    {
        while (!done.IsSet)
        {
            Thread[] threads = [.. targets];
            if (threads.Length > 0 && random.Next(4) == 0)
            {
                threads[random.Next(threads.Length)].Interrupt();
            }

            Thread.SpinWait(random.Next(100, 5_000)); // Pacing, not synchronisation.
        }
    }
}
