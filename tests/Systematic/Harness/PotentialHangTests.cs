using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>
/// A correct program that Coyote cannot follow: disposing a cancellation registration waits, spinning inside the
/// core library, for a callback running on another thread — which the scheduler holds paused at a controlled lock.
/// No scheduling step happens for a second and Coyote's periodic monitor calls it a potential deadlock or hang.
/// Weave reports such iterations as inconclusive, with what to do, never as a bug of the code under test.
/// </summary>
public sealed class PotentialHangTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 200, Seed = 3 };

    [Fact]
    public void SpinInTheCoreLibraryOnAPausedThread_IsInconclusive_NotABug()
    {
        SystematicReport report = Systematic.Check(DisposeWaitsForARunningCallback, s_options);

        Assert.False(report.BugFound, report.ToString());
        Assert.InRange(report.InconclusiveIterations, 1, 3);
        Assert.Contains("Inconclusive:", report.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{report.InconclusiveIterations} of them inconclusive", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("not reported as a bug of your code", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("FailOnPotentialHang = true", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FailOnPotentialHang_ReportsItAsABug_AsCoyoteDoes()
    {
        SystematicReport report = Systematic.Explore(DisposeWaitsForARunningCallback, s_options with { FailOnPotentialHang = true });

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Potential deadlock or hang detected", report.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public void ARealDeadlockOnControlledLocks_IsStillABug()
    {
        SystematicReport report = Systematic.Explore(() =>
        {
            var first = new PrimitiveLock();
            var second = new PrimitiveLock();
            Run.Threads(
                () => { first.Acquire(); second.Acquire(); second.Release(); first.Release(); },
                () => { second.Acquire(); first.Acquire(); first.Release(); second.Release(); });
        }, s_options);

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Deadlock detected", report.Bug, StringComparison.Ordinal);
        Assert.Equal(0, report.InconclusiveIterations);
    }

    // Correct on real threads: the callback takes a lock briefly; Dispose returns once it has run.
    private static void DisposeWaitsForARunningCallback()
    {
        var gate = new PrimitiveLock();
        using var source = new CancellationTokenSource();
        var registration = source.Token.Register(() =>
        {
            gate.Acquire(); // A controlled scheduling point inside the callback: the scheduler may pause it here.
            gate.Release();
        });
        var canceller = new Thread(() => source.Cancel());
        canceller.Start();
        registration.Dispose(); // Waits, spinning in the core library, for a callback that is running.
        canceller.Join();
    }
}
