using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.Rewriting;

/// <summary>
/// <c>TaskScheduler.Default</c> in rewritten code means Coyote's controlled scheduler inside a systematic test:
/// a <c>ContinueWith(…, TaskScheduler.Default)</c> continuation on a completion source created with
/// <c>RunContinuationsAsynchronously</c> (the shape of async wait queues) runs as a controlled operation, not on a
/// real thread-pool thread the scheduler cannot see. Coyote 1.7.11 alone leaves it uncontrolled.
/// </summary>
public sealed class ControlledTaskSchedulerTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 300, Seed = 5 };

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void ContinueWithDefaultScheduler_OnAnAsyncCompletionSource_RunsControlled_NoFalseAlarm(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Check(
            async () =>
            {
                var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
                var gate = new PrimitiveLock();
                int seen = 0;
                Task continuation = source.Task.ContinueWith(
                    t =>
                    {
                        using (gate.EnterScope()) // a controlled lock, shared with the completer
                        {
                            seen = t.Result;
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                Task completer = Task.Run(() =>
                {
                    using (gate.EnterScope())
                    {
                        source.SetResult(42);
                    }
                });
                await completer;
                await continuation;
                Assert.Equal(42, seen);
            },
            s_options with { Strategy = strategy });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(0, report.InconclusiveIterations);
        Assert.Equal(s_options.Iterations, report.Iterations);
    }

    [Fact]
    public void ContinueWithDefaultScheduler_ARaceInTheContinuation_IsExplored()
    {
        // The continuation is an operation of its own: the scheduler interleaves it with the test's thread, so a
        // check-then-act between them is found (on the real pool it would be invisible to the scheduler).
        SystematicReport report = Systematic.Explore(
            async () =>
            {
                var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var box = new Counter();
                Task continuation = source.Task.ContinueWith(_ => box.Increment(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                source.SetResult();
                box.Increment();
                await continuation;
                Assert.Equal(2, box.Value);
            },
            s_options with { ExploreFieldRaces = true });

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Assert.Equal() Failure", report.Bug, StringComparison.Ordinal);
    }

    /// <summary>A counter whose increment is a read then a write (racy on purpose).</summary>
    private sealed class Counter
    {
        private int _value;

        public int Value => _value;

        public void Increment()
        {
            int read = _value;
            _value = read + 1;
        }
    }
}
