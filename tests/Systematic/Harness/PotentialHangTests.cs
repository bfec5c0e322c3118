using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>
/// A correct program that Coyote cannot follow: a thread spins inside the core library (SpinWait.SpinUntil) for a
/// flag that another thread sets after a controlled lock — and the scheduler holds that thread paused at the lock.
/// No scheduling step happens for a second and Coyote's periodic monitor calls it a potential deadlock or hang.
/// Weave reports such iterations as inconclusive, with what to do, never as a bug of the code under test. When
/// instead every thread is waiting (none running), the hang is confirmed as the code's deadlock.
/// </summary>
public sealed class PotentialHangTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 200, Seed = 3 };
    private static readonly System.Reflection.MethodInfo s_spinUntil = typeof(SpinWait).GetMethod(nameof(SpinWait.SpinUntil), [typeof(Func<bool>)])!;

    [Fact]
    public void SpinInTheCoreLibraryForAPausedThread_IsInconclusive_NotABug()
    {
        SystematicReport report = Systematic.Check(SpinsUntilAPausedThreadSetsAFlag, s_options);

        Assert.False(report.BugFound, report.ToString());
        // The run starts no iteration after the third; engines already in one finish it (one more per other engine).
        Assert.InRange(report.InconclusiveIterations, 1, 3 + report.Engines - 1);
        Assert.Contains("Inconclusive:", report.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{report.InconclusiveIterations} of them inconclusive", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("not reported as a bug of your code", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("FailOnPotentialHang = true", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FailOnPotentialHang_ReportsItAsABug_AsCoyoteDoes()
    {
        SystematicReport report = Systematic.Explore(SpinsUntilAPausedThreadSetsAFlag, s_options with { FailOnPotentialHang = true });

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

    [Fact]
    public void EveryThreadWaitingOnATaskNobodyCompletes_IsConfirmedAsADeadlock()
    {
        // A lost wake-up through tasks: the waiter awaits a completion source that nothing will ever complete. The
        // test also uses ContinueWith, which Coyote 1.7.11 does not control: with uncontrolled code about, Coyote
        // cannot tell whether something outside it might still complete the source, and calls it a potential hang.
        // No thread is running, and nothing completed it in the grace period: a deadlock.
        SystematicReport report = Systematic.Explore(
            async () =>
            {
                var never = new TaskCompletionSource();
                _ = never.Task.ContinueWith(_ => { }, TaskScheduler.Current);
                var waiter = Task.Run(async () => await never.Task);
                await waiter;
            },
            s_options with { Iterations = 5 });

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Deadlock detected", report.Bug, StringComparison.Ordinal);
        Assert.Contains("no controlled thread can run", report.Bug, StringComparison.Ordinal);
        Assert.Equal(0, report.InconclusiveIterations);
    }

    // Correct on real threads: the setter takes a lock briefly, then raises the flag the spinner waits for.
    private static void SpinsUntilAPausedThreadSetsAFlag()
    {
        var gate = new PrimitiveLock();
        var flag = new Flag();
        var setter = new Thread(() =>
        {
            gate.Acquire(); // A controlled scheduling point: the scheduler may pause the setter here.
            gate.Release();
            flag.Raised = true;
        });
        setter.Start();
        // Spins in the core library, where the scheduler never gets a say: called through reflection, as a library
        // that is not rewritten calls it (a call from rewritten code would go to Coyote's controlled SpinWait).
        s_spinUntil.Invoke(null, [(Func<bool>)(() => flag.Raised)]);
        setter.Join();
    }

    // A plain field on purpose: a volatile read would be a scheduling point of its own, and the spin would end.
    private sealed class Flag
    {
        public bool Raised;
    }
}
