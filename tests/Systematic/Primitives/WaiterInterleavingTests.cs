using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>
/// What a Weave wait costs under Coyote: a blocked thread pauses on the scheduler's condition, so waking it is a
/// compare-and-swap, not a controlled <c>Monitor.Pulse</c> (which Coyote models with one more task, so one more OS
/// thread, per pulse). Counted with Coyote's own tally of controlled operations per iteration.
/// </summary>
public sealed class WaiterInterleavingTests
{
    // Enough iterations that some schedules block the waiters before they are signalled (a signal to a thread that
    // has not blocked yet costs nothing in either design).
    private static SystematicOptions Options(SystematicStrategy strategy) =>
        new() { Iterations = 60, Seed = 5, Strategy = strategy, Parallelism = 1 };

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void Handoff_ToABlockedGetter_AddsNoControlledOperation(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Explore(
            () =>
            {
                var queue = new FifoQueue<int>(maxSize: 1);
                int got = -1;
                Run.Threads(() => got = queue.Get(), () => queue.Put(7));
                Assert.Equal(7, got);
            },
            Options(strategy));

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(3, report.MaxControlledOperations); // The test's thread and the two it started: nothing else.
    }

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void BarrierTrip_WakingThreeWaiters_AddsNoControlledOperation(SystematicStrategy strategy)
    {
        SystematicReport report = Systematic.Explore(
            () =>
            {
                var barrier = new CyclicBarrier(4);
                var indices = new int[4];
                Run.Threads(4, i => indices[i] = barrier.Wait());
                Assert.Equal([0, 1, 2, 3], indices.Order());
            },
            Options(strategy));

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(5, report.MaxControlledOperations); // The test's thread and its four.
    }

    [Fact]
    public void TimedGet_UnderExploredTimeouts_StillTimesOutInSomeSchedule()
    {
        // The timeout races the wait as one controlled task: the scheduler picks whether it fires before the put.
        int timedOut = 0;
        int delivered = 0;
        SystematicReport report = Systematic.Explore(
            () =>
            {
                var queue = new FifoQueue<int>();
                bool got = false;
                Run.Threads(() => got = queue.TryGet(out _, TimeSpan.FromSeconds(5)), () => queue.Put(1));
                Interlocked.Increment(ref got ? ref delivered : ref timedOut);
                Assert.Equal(got ? 0 : 1, queue.Count);
            },
            new SystematicOptions { Iterations = 60, Seed = 5, ExploreTimeouts = true, Parallelism = 1 });

        Assert.False(report.BugFound, report.ToString());
        Assert.True(timedOut > 0, $"no schedule timed the get out ({delivered} delivered)");
        Assert.True(delivered > 0, $"no schedule delivered the item ({timedOut} timed out)");
        Assert.Equal(4, report.MaxControlledOperations); // The test's thread, its two, and the racing timeout.
    }
}
