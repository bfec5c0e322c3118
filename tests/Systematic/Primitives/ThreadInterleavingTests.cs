using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>WorkerThread and TimerThread under Coyote.</summary>
public sealed class ThreadInterleavingTests
{
    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void WorkerThread_JoinSeesEverythingRunDid(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            int value = 0;
            var threads = Enumerable.Range(1, 3).Select(i => new WorkerThread(() => Interlocked.Add(ref value, i))).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(6, value);
            Assert.All(threads, t => Assert.False(t.IsAlive));
        }, Run.Options(strategy));

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Prioritization)]
    public void TimerThread_CancelRacingWithFiring_CallsTheFunctionAtMostOnce(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            // ExploreTimeouts decides when the interval ends relative to Cancel.
            int calls = 0;
            var timer = new TimerThread(TimeSpan.FromSeconds(5), () => Interlocked.Increment(ref calls));
            timer.Start();
            Run.Threads(timer.Cancel);
            timer.Join();
            Assert.InRange(calls, 0, 1);
            Assert.True(timer.IsFinished);
        }, Run.Options(strategy));
}
