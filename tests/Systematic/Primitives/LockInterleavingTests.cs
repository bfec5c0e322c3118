using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Locks under Coyote: mutual exclusion, reentrancy, owner checks, timeouts and cancellation.</summary>
public sealed class LockInterleavingTests
{
    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void PrimitiveLock_GivesMutualExclusion(SystematicStrategy strategy) =>
        Systematic.Check(() => AssertMutualExclusion(new PrimitiveLock()), Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ReentrantLock_GivesMutualExclusionWithNesting(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var lk = new ReentrantLock();
            AssertMutualExclusion(lk, nested: () =>
            {
                lk.Acquire(); // Re-enter while holding it.
                Assert.Equal(2, lk.RecursionCount);
                lk.Release();
            });
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ReentrantLock_ReleaseByANonOwner_AlwaysThrows(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var lk = new ReentrantLock();
            var held = new Event();
            var done = new Event();
            Run.Threads(
                () =>
                {
                    lk.Acquire();
                    held.Set();
                    done.Wait();
                    lk.Release();
                },
                () =>
                {
                    held.Wait();
                    Assert.Throws<SynchronizationLockException>(lk.Release);
                    Assert.False(lk.IsOwnedByCurrentThread);
                    done.Set();
                });
            Assert.False(lk.IsLocked);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TimedAcquire_EitherGetsTheLockOrLeavesItUntouched(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            // ExploreTimeouts: each timed acquire may time out at any point; whatever happens, the
            // lock ends free and a final acquire succeeds (bpo-11618: bad state after a timeout).
            var lk = new PrimitiveLock();
            int inside = 0;
            int acquired = 0;
            Run.Threads(3, _ =>
            {
                if (lk.Acquire(TimeSpan.FromSeconds(1)))
                {
                    Assert.Equal(1, Interlocked.Increment(ref inside));
                    Interlocked.Decrement(ref inside);
                    Interlocked.Increment(ref acquired);
                    lk.Release();
                }
            });
            Assert.InRange(acquired, 1, 3);
            Assert.True(lk.TryAcquire());
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CancelledAcquire_LosesNoWakeUp(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            // The holder releases while a canceller races with the cancellable waiter; the plain
            // waiter must always get the lock (Coyote reports a hang as a deadlock).
            var lk = new PrimitiveLock();
            using var cts = new CancellationTokenSource();
            lk.Acquire();
            Run.Threads(
                () =>
                {
                    try
                    {
                        lk.Acquire(cts.Token);
                        lk.Release();
                    }
                    catch (OperationCanceledException)
                    {
                    }
                },
                () =>
                {
                    lk.Acquire();
                    lk.Release();
                },
                () => cts.Cancel(),
                () => lk.Release());
            Assert.True(lk.TryAcquire());
        }, Run.Options(strategy));

    private static void AssertMutualExclusion(ILock lk, Action? nested = null)
    {
        int inside = 0;
        int total = 0;
        Run.Threads(3, _ =>
        {
            for (int i = 0; i < 2; i++)
            {
                using (lk.EnterScope())
                {
                    Assert.Equal(1, Interlocked.Increment(ref inside));
                    nested?.Invoke();
                    int seen = Volatile.Read(ref total);
                    Volatile.Write(ref total, seen + 1);
                    Interlocked.Decrement(ref inside);
                }
            }
        });
        Assert.Equal(6, total);
    }
}
