using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>Helpers for test bodies that run under the systematic scheduler.</summary>
internal static class Run
{
    private static readonly AsyncLocal<System.Collections.Concurrent.ConcurrentQueue<Thread>?> s_faultTargets = new();

    /// <summary>Where <see cref="Threads(Action[])"/> registers the threads it starts, for a real-thread interrupter (stress with faults).</summary>
    public static System.Collections.Concurrent.ConcurrentQueue<Thread>? FaultTargets
    {
        get => s_faultTargets.Value;
        set => s_faultTargets.Value = value;
    }

    /// <summary>
    /// Starts one thread per body, joins them all, and rethrows the first exception a body threw (so
    /// an assertion on a child thread fails the scenario, under Coyote and on real threads alike).
    /// </summary>
    public static void Threads(params Action[] bodies)
    {
        var errors = new Exception?[bodies.Length];
        var threads = bodies.Select((body, i) => new Thread(() =>
        {
            try
            {
                body();
            }
            catch (ThreadInterruptedException e)
            {
                errors[i] = e; // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })
        {
            IsBackground = true, // Under real-thread stress a deadlocked round is abandoned, not waited for.
        }).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
            FaultTargets?.Enqueue(thread);
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (errors.FirstOrDefault(e => e is not null) is Exception error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Starts <paramref name="count"/> controlled threads running <paramref name="body"/>(index) and joins them.</summary>
    public static void Threads(int count, Action<int> body) =>
        Threads(Enumerable.Range(0, count).Select(i => (Action)(() => body(i))).ToArray());

    /// <summary>Options with a fixed seed (runs are repeatable; WEAVE_SEED and friends still override).</summary>
    public static SystematicOptions Options(SystematicStrategy strategy = SystematicStrategy.Random, int iterations = 200, bool exploreTimeouts = true) =>
        new() { Strategy = strategy, Iterations = iterations, Seed = 20261125, ExploreTimeouts = exploreTimeouts };
}
