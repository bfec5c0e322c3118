using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Semaphores and Event under Coyote.</summary>
public sealed class SemaphoreAndEventInterleavingTests
{
    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CountingSemaphore_NeverAdmitsMoreThanItsPermits(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var sem = new CountingSemaphore(2);
            int inside = 0;
            Run.Threads(4, _ =>
            {
                using (sem.EnterScope())
                {
                    Assert.True(Interlocked.Increment(ref inside) <= 2, "more than two threads inside");
                    Interlocked.Decrement(ref inside);
                }
            });
            Assert.Equal(2, sem.CurrentCount);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void BoundedSemaphore_OverReleaseRacingWithAcquires_NeverExceedsTheBound(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var sem = new BoundedSemaphore(2);
            sem.Acquire();
            int released = 0;
            int acquired = 1;
            Run.Threads(
                () =>
                {
                    try
                    {
                        sem.Release(2);
                        Interlocked.Add(ref released, 2);
                    }
                    catch (SemaphoreFullException)
                    {
                    }
                },
                () =>
                {
                    if (sem.TryAcquire())
                    {
                        Interlocked.Increment(ref acquired);
                    }
                },
                () => Assert.InRange(sem.CurrentCount, 0, 2));
            Assert.InRange(sem.CurrentCount, 0, 2);
            Assert.Equal(2 - acquired + released, sem.CurrentCount);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Semaphore_TimedAndCancelledAcquires_LoseNoPermit(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var sem = new CountingSemaphore(0);
            using var cts = new CancellationTokenSource();
            int got = 0;
            Run.Threads(
                () =>
                {
                    if (sem.Acquire(TimeSpan.FromSeconds(1)))
                    {
                        Interlocked.Increment(ref got);
                    }
                },
                () =>
                {
                    try
                    {
                        sem.Acquire(cts.Token);
                        Interlocked.Increment(ref got);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                },
                () => cts.Cancel(),
                () => sem.Release(2));
            Assert.Equal(2, got + sem.CurrentCount); // Every permit released is held or still there.
        }, Run.Options(strategy));

    [Theory]
    [InlineData(SystematicStrategy.Random)]
    [InlineData(SystematicStrategy.Probabilistic)]
    public void Event_SetThenClear_ReleasesEveryThreadAlreadyWaiting(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            // gh-57711: threads blocked in Wait when Set happens return true although Clear
            // follows at once. The setter waits (a controlled yield loop; fair strategies only)
            // until both waiters are really queued.
            var evt = new Event();
            var results = new bool[2];
            Run.Threads(
                () => results[0] = evt.Wait(Timeout.InfiniteTimeSpan),
                () => results[1] = evt.Wait(),
                () =>
                {
                    while (evt.WaitingThreads < 2)
                    {
                        Thread.Yield();
                    }

                    evt.Set();
                    evt.Clear();
                });
            Assert.Equal([true, true], results);
            Assert.False(evt.IsSet);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Event_WaitWithTimeout_IsFalseOnlyIfItTimedOutBeforeTheSet(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var evt = new Event();
            bool result = false;
            Run.Threads(() => result = evt.Wait(TimeSpan.FromSeconds(1)), () => evt.Set());
            Assert.True(result || evt.IsSet);
            Assert.True(evt.Wait(TimeSpan.Zero));
        }, Run.Options(strategy));
}
