using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.Rewriting;

/// <summary>
/// <c>CancellationTokenRegistration.Dispose</c> in rewritten code: it waits for a callback running on another
/// thread as a controlled wait, so the callback's thread, paused by the scheduler, gets to finish. Before Weave
/// closed this gap the shape below ended every few iterations as Coyote's "potential deadlock or hang".
/// </summary>
public sealed class ControlledCancellationTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 300, Seed = 3 };

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void Dispose_WhileTheCallbackRunsOnAPausedThread_WaitsForIt_NoFalseAlarm(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Check(DisposeWaitsForARunningCallback, s_options with { Strategy = strategy });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(0, report.InconclusiveIterations);
        Assert.Equal(s_options.Iterations, report.Iterations);
    }

    [Fact]
    public void Dispose_ReturnsOnlyAfterTheRunningCallbackFinished()
    {
        // Dispose's contract, kept under the scheduler: once it returns, a callback that had started has finished.
        SystematicReport report = Systematic.Explore(() =>
        {
            var gate = new PrimitiveLock();
            var progress = new int[2]; // [0]: the callback started, [1]: it finished
            using var source = new CancellationTokenSource();
            var registration = source.Token.Register(() =>
            {
                Volatile.Write(ref progress[0], 1);
                gate.Acquire();
                gate.Release();
                Volatile.Write(ref progress[1], 1);
            });
            var canceller = new Thread(() => source.Cancel());
            canceller.Start();
            registration.Dispose();
            bool started = Volatile.Read(ref progress[0]) == 1;
            bool finished = Volatile.Read(ref progress[1]) == 1;
            canceller.Join();
            Assert.True(!started || finished, "Dispose returned while the callback was still running");
        }, s_options);

        Assert.False(report.BugFound, report.ToString());
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
        registration.Dispose(); // Waits for a callback that is running.
        canceller.Join();
    }
}
