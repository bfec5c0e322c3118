using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Condition under Coyote, over both lock kinds: wait/notify/notify(n)/notify_all/wait_for.</summary>
public sealed class ConditionInterleavingTests
{
    public static TheoryData<SystematicStrategy, bool> StrategiesAndLocks => new()
    {
        { SystematicStrategy.Random, true },
        { SystematicStrategy.Random, false },
        { SystematicStrategy.Prioritization, true },
        { SystematicStrategy.Prioritization, false },
    };

    private static Condition Create(bool reentrant) => reentrant ? new Condition(new ReentrantLock()) : new Condition(new PrimitiveLock());

    [Theory]
    [MemberData(nameof(StrategiesAndLocks))]
    public void NotifyOnePerToken_WakesEveryWaiterExactlyOnce(SystematicStrategy strategy, bool reentrant) =>
        Systematic.Check(() =>
        {
            // Three consumers each take one token; the producer adds them one at a time with
            // notify(1). A lost or wasted notification leaves a consumer blocked: a deadlock.
            Condition cond = Create(reentrant);
            int tokens = 0;
            int consumed = 0;
            var consumers = Enumerable.Range(0, 3).Select(_ => (Action)(() =>
            {
                using (cond.EnterScope())
                {
                    cond.WaitFor(() => tokens > 0);
                    tokens--;
                    consumed++;
                }
            }));
            Run.Threads([.. consumers, () =>
            {
                for (int i = 0; i < 3; i++)
                {
                    using (cond.EnterScope())
                    {
                        tokens++;
                        cond.Notify();
                    }
                }
            }]);
            Assert.Equal(3, consumed);
            Assert.Equal(0, tokens);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(StrategiesAndLocks))]
    public void NotifyN_WakesAtMostN(SystematicStrategy strategy, bool reentrant) =>
        Systematic.Check(() =>
        {
            Condition cond = Create(reentrant);
            int waiting = 0;
            int woken = 0;
            int released = 0;
            Run.Threads([.. Enumerable.Range(0, 3).Select(_ => (Action)(() =>
            {
                using (cond.EnterScope())
                {
                    waiting++;
                    cond.WaitFor(() => released > woken);
                    woken++;
                }
            })), () =>
            {
                using (cond.EnterScope())
                {
                    cond.WaitFor(() => waiting == 3, TimeSpan.FromSeconds(1));
                }

                using (cond.EnterScope())
                {
                    released = 2;
                    cond.Notify(2);
                }

                using (cond.EnterScope())
                {
                    Assert.True(woken <= 2, $"notify(2) let {woken} threads through");
                    released = 3;
                    cond.NotifyAll();
                }
            }]);
            Assert.Equal(3, woken);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(StrategiesAndLocks))]
    public void TimedWaitsAndCancellations_NeverLoseANotification(SystematicStrategy strategy, bool reentrant) =>
        Systematic.Check(() =>
        {
            // One waiter may time out, one may be cancelled, one waits for ever; the notifier sends
            // exactly as many notifications as there are live waiters left. Nobody may hang.
            Condition cond = Create(reentrant);
            using var cts = new CancellationTokenSource();
            int signals = 0;
            int consumers = 3;
            Run.Threads(
                () => WaitForSignal(cond, () => signals > 0, () => signals--, TimeSpan.FromSeconds(1), CancellationToken.None, ref consumers),
                () => WaitForSignal(cond, () => signals > 0, () => signals--, Timeout.InfiniteTimeSpan, cts.Token, ref consumers),
                () => WaitForSignal(cond, () => signals > 0, () => signals--, Timeout.InfiniteTimeSpan, CancellationToken.None, ref consumers),
                () => cts.Cancel(),
                () =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        using (cond.EnterScope())
                        {
                            signals++;
                            cond.Notify();
                        }
                    }
                });
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Wait_RestoresTheReentrantDepth_AndOtherOwnersAreRefused(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var lk = new ReentrantLock();
            var cond = new Condition(lk);
            bool ready = false;
            Run.Threads(
                () =>
                {
                    lk.Acquire();
                    lk.Acquire();
                    cond.WaitFor(() => ready);
                    Assert.Equal(2, lk.RecursionCount);
                    lk.Release();
                    lk.Release();
                },
                () =>
                {
                    Assert.Throws<SynchronizationLockException>(() => cond.Notify());
                    lk.Acquire();
                    ready = true;
                    cond.NotifyAll();
                    lk.Release();
                });
        }, Run.Options(strategy));

    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    // Waits until a signal can be consumed, or gives up (timeout or cancellation); on giving up it
    // leaves, so the notifier's later signals must reach the remaining waiters.
    private static void WaitForSignal(Condition cond, Func<bool> available, Action consume, TimeSpan timeout, CancellationToken token, ref int consumers)
    {
        using (cond.EnterScope())
        {
            try
            {
                if (cond.WaitFor(available, timeout, token))
                {
                    consume();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
