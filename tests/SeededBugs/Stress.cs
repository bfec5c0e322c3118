using System.Diagnostics;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// Real-thread stress, for comparison with systematic exploration: runs a scenario round after round
/// on real threads, and counts a round as a find when it throws or does not finish within a watchdog
/// (a hang). A hung round's threads are background threads and are abandoned.
/// </summary>
internal static class Stress
{
    public static (bool Found, int Rounds, TimeSpan Elapsed, string? What) Hunt(Action<TimeSpan> scenario, int rounds, TimeSpan watchdog)
    {
        var stopwatch = Stopwatch.StartNew();
        for (int round = 1; round <= rounds; round++)
        {
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    scenario(TimeSpan.FromMilliseconds(1)); // Timed waits really time out here.
                }
                catch (Exception e)
                {
                    error = e;
                }
            })
            { IsBackground = true };
            thread.Start();
            if (!thread.Join(watchdog))
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
}
