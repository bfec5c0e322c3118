using System.Diagnostics;

namespace Weave.Primitives.Tests;

/// <summary>Loose timing bounds, as lock_tests.py's assertTimeout: never tighter than a loaded box allows.</summary>
internal static class Timing
{
    public static TimeSpan Measure(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }

    /// <summary>The wait lasted at least most of <paramref name="expected"/> and not absurdly longer.</summary>
    public static void AssertAbout(TimeSpan expected, TimeSpan elapsed)
    {
        Assert.True(elapsed >= expected * 0.6, $"Expected a wait of about {expected.TotalMilliseconds} ms; it took only {elapsed.TotalMilliseconds:0.0} ms.");
        Assert.True(elapsed <= expected * 10 + TimeSpan.FromSeconds(10), $"Expected a wait of about {expected.TotalMilliseconds} ms; it took {elapsed.TotalMilliseconds:0.0} ms.");
    }

    /// <summary>The call did not block (generous for a loaded box).</summary>
    public static void AssertImmediate(TimeSpan elapsed) =>
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"Expected no wait; it took {elapsed.TotalMilliseconds:0.0} ms.");
}
