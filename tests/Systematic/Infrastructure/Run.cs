using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>Helpers for test bodies that run under the systematic scheduler.</summary>
internal static class Run
{
    /// <summary>Starts one controlled thread per body and joins them all.</summary>
    public static void Threads(params Action[] bodies)
    {
        var threads = bodies.Select(body => new Thread(() => body())).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }
    }

    /// <summary>Starts <paramref name="count"/> controlled threads running <paramref name="body"/>(index) and joins them.</summary>
    public static void Threads(int count, Action<int> body) =>
        Threads(Enumerable.Range(0, count).Select(i => (Action)(() => body(i))).ToArray());

    /// <summary>Options with a fixed seed (runs are repeatable; WEAVE_SEED and friends still override).</summary>
    public static SystematicOptions Options(SystematicStrategy strategy = SystematicStrategy.Random, int iterations = 200, bool exploreTimeouts = true) =>
        new() { Strategy = strategy, Iterations = iterations, Seed = 20261125, ExploreTimeouts = exploreTimeouts };
}
