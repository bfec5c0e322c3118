using System.Diagnostics;
using Xunit.Sdk;

namespace Weave.Primitives.Tests;

/// <summary>
/// Handshakes on observable state: poll a condition (with a backing-off spin, never a fixed sleep)
/// until it holds, failing after a generous safety timeout that a correct run never reaches.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a handshake may take before the test fails: only a safety net.</summary>
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    public static void True(Func<bool> condition, string description)
    {
        var stopwatch = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (!condition())
        {
            if (stopwatch.Elapsed > SafetyTimeout)
            {
                throw new XunitException($"Timed out after {SafetyTimeout.TotalSeconds:0} s waiting until {description}.");
            }

            spinner.SpinOnce();
        }
    }

    public static void Equal<T>(T expected, Func<T> actual, string what)
    {
        True(() => EqualityComparer<T>.Default.Equals(actual(), expected), $"{what} is {expected} (last seen: {actual()})");
    }
}
