using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// One seeded bug: a buggy variant of a Weave primitive, modelled on a real bug, and a scenario that
/// runs unchanged on the variant (<see cref="Buggy"/>) and on Weave's real primitive
/// (<see cref="Correct"/>, which must stay clean, so the scenario cannot pass vacuously).
/// </summary>
/// <param name="Name">Short, stable name (used in test names, schedule files and the report).</param>
/// <param name="ModeledOn">The real bug or bug class it reproduces.</param>
/// <param name="Buggy">The scenario on the buggy variant; the argument is the timeout its timed waits use.</param>
/// <param name="Correct">The same scenario on Weave's primitive.</param>
internal sealed record SeededBug(string Name, string ModeledOn, Action<TimeSpan> Buggy, Action<TimeSpan> Correct)
{
    /// <summary>The technique that must catch it.</summary>
    public SystematicStrategy Strategy { get; init; } = SystematicStrategy.Random;

    /// <summary>The iterations within which <see cref="Strategy"/> must find it.</summary>
    public int Budget { get; init; } = 200;

    /// <summary>The bug lives only on a timeout path: found with ExploreTimeouts, missed without.</summary>
    public bool TimeoutOnly { get; init; }

    /// <summary>The scenario spins on a controlled yield, which only fair strategies schedule well.</summary>
    public bool FairStrategiesOnly { get; init; }

    /// <summary>The bug lives only on a fault path: found with these faults explored, missed without.</summary>
    public SeededFault Faults { get; init; }

    /// <summary><paramref name="options"/> with the fault exploration this bug needs switched on.</summary>
    public SystematicOptions WithFaults(SystematicOptions options) => options with
    {
        ExploreInterrupts = options.ExploreInterrupts || Faults == SeededFault.Interrupts,
        ExploreCancellation = options.ExploreCancellation || Faults == SeededFault.Cancellation,
    };

    public override string ToString() => Name;
}

/// <summary>The fault a seeded bug needs explored (<see cref="SeededBug.Faults"/>).</summary>
internal enum SeededFault
{
    /// <summary>None: the bug shows without injected faults.</summary>
    None,

    /// <summary>Thread interrupts (ExploreInterrupts).</summary>
    Interrupts,

    /// <summary>Token cancellation (ExploreCancellation).</summary>
    Cancellation,
}

/// <summary>The catalog of seeded bugs the harness must catch.</summary>
internal static class SeededBugCatalog
{
    public static readonly IReadOnlyList<SeededBug> All =
    [
        // Locks.
        Make<ILock>("lock-ghost-waiter-after-timeout", "CPython bpo-11618: the lock was in a bad state after a timed acquire",
            () => new GhostWaiterLock(), () => new PrimitiveLock(), Scenarios.LockAfterATimedOutAcquire) with { TimeoutOnly = true },
        Make<ILock>("lock-release-checks-waiters-first", "Lost wake-up: the releaser looks for waiters before publishing the unlock",
            () => new CheckThenReleaseLock(), () => new PrimitiveLock(), Scenarios.MutualExclusion),
        Make<ILock>("rlock-owner-published-too-early", "RLock owner bug: ownership claimed before the lock is won",
            () => new EagerOwnerReentrantLock(), () => new ReentrantLock(), Scenarios.NestedMutualExclusion),

        // Conditions.
        Make("condition-lost-notify", "CPython bpo-8799 / bpo-30727: a notify sent before the waiter reached wait() was lost",
            () => new FlawedCondition(ConditionFlaw.RegisterAfterRelease), () => Real.Condition(), Scenarios.NotifyAFlag),
        Make("condition-notify-spent-on-signaled-waiter", "CPython gh-92530: a signaled waiter left in the deque absorbs later notifications",
            () => new FlawedCondition(ConditionFlaw.NotifyKeepsSignaledWaiters), () => Real.Condition(), Scenarios.OneNotifyPerToken),
        Make("condition-wait-releases-one-level", "RLock _release_save bug: wait() keeps recursion levels, so no one else can notify",
            () => new FlawedCondition(ConditionFlaw.ReleasesOneLevel), () => Real.Condition(new ReentrantLock()), Scenarios.WaitHoldingTheLockTwice),
        Make("condition-cancel-drops-notification", "A wait cancelled just after its notification throws and loses it",
            () => new FlawedCondition(ConditionFlaw.CancellationDropsNotification), () => Real.Condition(), Scenarios.CancelRacingANotify),

        // Semaphores.
        Make("bounded-semaphore-check-then-act", "BoundedSemaphore over-release check and update not atomic (CPython's test_release_unacquired invariant)",
            () => new FlawedSemaphore(1, 2, SemaphoreFlaw.NonAtomicBoundCheck), () => Real.Semaphore(1, bound: 2), Scenarios.TwoOverReleases),
        Make("semaphore-permit-lost-on-timeout", "A permit handed to a waiter whose timeout fired at the same moment is dropped",
            () => new FlawedSemaphore(0, int.MaxValue, SemaphoreFlaw.PermitLostOnTimeout), () => Real.Semaphore(0), Scenarios.PermitSurvivesATimedAcquire) with { TimeoutOnly = true },
        Make("semaphore-permit-lost-on-cancellation", "A permit handed to a waiter that is being cancelled is dropped",
            () => new FlawedSemaphore(0, int.MaxValue, SemaphoreFlaw.PermitLostOnCancellation), () => Real.Semaphore(0), Scenarios.PermitSurvivesACancelledAcquire),
        Make("semaphore-release-n-wakes-one", "release(n) wakes one waiter instead of n (CPython's test_multirelease)",
            () => new FlawedSemaphore(0, int.MaxValue, SemaphoreFlaw.ReleaseWakesOne), () => Real.Semaphore(0), Scenarios.ReleaseTwoToTwoWaiters),

        // Events.
        Make("event-set-then-clear", "CPython gh-57711: Event.wait() returned False when set() was followed at once by clear()",
            () => new FlawedEvent(EventFlaw.RecheckAfterWake), () => Real.Event(), Scenarios.SetThenClearWithAWaiter) with { FairStrategiesOnly = true },
        Make("event-flag-checked-outside-lock", "Lost wake-up: the flag is checked outside the lock before waiting",
            () => new FlawedEvent(EventFlaw.CheckOutsideLock), () => Real.Event(), Scenarios.SetRacingAWait),

        // Barriers.
        Make("barrier-generation-confusion", "Barrier without generations: fast threads of pass n+1 strand the slow ones of pass n",
            () => new FlawedBarrier(2, BarrierFlaw.GenerationConfusion), () => Real.Barrier(2), Scenarios.TwoPasses),
        Make("barrier-index-read-outside-lock", "Arrival index read outside the lock: duplicate indices (CPython's test_wait_return invariant)",
            () => new FlawedBarrier(3, BarrierFlaw.IndexReadOutsideLock), () => Real.Barrier(3), Scenarios.DistinctIndices),
        Make("barrier-timeout-does-not-break", "A timed-out barrier wait that leaves without breaking the barrier strands the others",
            () => new FlawedBarrier(2, BarrierFlaw.TimeoutDoesNotBreak), () => Real.Barrier(2), Scenarios.TimedAndUntimedPartners) with { TimeoutOnly = true },

        // Queues.
        Make("queue-if-instead-of-while", "Condition wait under 'if' instead of 'while'",
            () => new FlawedQueue(0, QueueFlaw.IfInsteadOfWhile), () => Real.Queue(), Scenarios.TwoConsumersOneProducer),
        Make("queue-pulse-instead-of-pulseall", "One monitor for not-empty and not-full woken with Pulse instead of PulseAll",
            () => new FlawedQueue(1, QueueFlaw.PulseInsteadOfPulseAll), () => Real.Queue(1), Scenarios.TwoProducersTwoConsumersCapacityOne) with { Budget = 400 },
        Make("queue-shrinking-maxsize", "CPython bpo-10110: after maxsize was lowered, full() compared with == and never became true",
            () => new FlawedQueue(3, QueueFlaw.FullComparesEquality), () => Real.Queue(3), Scenarios.LowerMaxSizeThenPut),
        Make("queue-unfinished-count-without-lock", "CPython bpo-14406: a pending counter decremented without the lock made wait(ALL_COMPLETED) hang",
            () => new FlawedQueue(0, QueueFlaw.UnfinishedCountWithoutLock), () => Real.Queue(), Scenarios.TwoConsumersAndAJoiner),
        Make("queue-join-checks-outside-lock", "CPython bpo-20319: wait() could block forever although the work had completed",
            () => new FlawedQueue(0, QueueFlaw.JoinChecksOutsideLock), () => Real.Queue(), Scenarios.ConsumerAndJoiner),
        Make("queue-shutdown-does-not-wake", "Shutdown that does not wake blocked getters (3.13 shutdown contract)",
            () => new FlawedQueue(0, QueueFlaw.ShutdownDoesNotWake), () => Real.Queue(), Scenarios.ShutdownWithABlockedGetter),
        Make("queue-item-lost-on-timeout", "A get that times out as an item arrives removes it and still reports Empty",
            () => new FlawedQueue(0, QueueFlaw.ItemLostOnTimeout), () => Real.Queue(), Scenarios.TimedGetRacingAPut) with { TimeoutOnly = true },
        Make("queue-task-done-underflow", "task_done() below zero not refused (CPython's test_queue_task_done): the count goes negative and join returns early",
            () => new FlawedQueue(0, QueueFlaw.TaskDoneUnderflow), () => Real.Queue(), Scenarios.ASurplusTaskDoneRacingAJoin),

        // Futures and executors.
        Make<IFutureLike>("future-unguarded-state", "Unguarded future state: set_result's check and store are two steps, so two completions both succeed",
            () => new UnguardedFuture(), () => new RealFuture(), Scenarios.TwoRacingCompletions),
        new SeededBug("executor-map-timeout-not-cancelling", "CPython gh-95166: map(timeout) did not cancel the future it was waiting on",
            timeout => Scenarios.MapTimingOutOnQueuedWork(ExecutorMaps.MapForgettingTheAwaitedFuture, timeout),
            timeout => Scenarios.MapTimingOutOnQueuedWork(ExecutorMaps.WeaveMap, timeout)) { TimeoutOnly = true, Strategy = SystematicStrategy.Prioritization },

        // Faults: interrupts and cancellations landing where they must not (issue 14; each found only with them explored).
        Make<IFaultQueue>("queue-put-throws-after-storing", "A contended C# lock in the put's wake-up path throws on an interrupted producer after the item is stored",
            () => new SignalAfterStoreQueue(), RealFaults.Queue, FaultScenarios.PutRacingAGetter) with { Faults = SeededFault.Interrupts },
        Make<IFaultQueue>("queue-cancelled-get-drops-handed-item", "A get cancelled as an item was handed to it throws and drops the item (completion must win)",
            () => new HandOffDroppingQueue(), RealFaults.Queue, FaultScenarios.CancelledGetRacingAPut) with { Faults = SeededFault.Cancellation },
        Make<IFaultLock>("lock-release-throws-after-unlocking", "Release unlocks, then an interrupt on its contended wake-up lock throws: the waiter sleeps on, the releaser thinks it still holds the lock",
            () => new WakeAfterUnlockLock(), RealFaults.Lock, FaultScenarios.ReleaseToAWaiter) with { Faults = SeededFault.Interrupts },
        Make<IFaultEvent>("event-set-throws-after-raising", "Set raises the flag, then an interrupt throws before the waiters are woken",
            () => new WakeAfterFlagEvent(), RealFaults.Event, FaultScenarios.SetWithAWaiter) with { Faults = SeededFault.Interrupts },
        Make<IFaultCondition>("condition-notify-lost-on-interrupt", "Notify takes a waiter off the queue, then an interrupt throws before it is signalled: the notification is lost",
            () => new NotifyDroppingCondition(), RealFaults.Condition, FaultScenarios.NotifyAWaiter) with { Faults = SeededFault.Interrupts },
        Make<IFaultSemaphore>("semaphore-cancelled-waiter-not-withdrawn", "A cancelled acquire stays queued: the next release hands its permit to nobody",
            () => new GhostWaiterSemaphore(0), () => RealFaults.Semaphore(0), FaultScenarios.AcquireCancelledAsAPermitArrives) with { Faults = SeededFault.Cancellation },
        Make<IFaultBarrier>("barrier-interrupted-arrival-not-withdrawn", "An interrupted barrier wait leaves its arrival counted: the barrier trips with a phantom party",
            () => new PhantomArrivalBarrier(2), () => RealFaults.Barrier(2), FaultScenarios.TwoPartiesRetryingWhenInterrupted) with { Faults = SeededFault.Interrupts },
        Make<IFaultFuture>("future-set-result-throws-after-storing", "SetResult stores the result, then an interrupt throws before waiters are woken; a retry says 'already finished'",
            () => new WakeAfterStoreFuture(), RealFaults.Future, FaultScenarios.CompleteWithAWaiter) with { Faults = SeededFault.Interrupts },
        Make<IFaultExecutor>("executor-worker-killed-by-interrupt", "An interrupt reaching an idle pool worker kills it; ThreadCount still counts it and the next future never runs",
            () => new FragileExecutor(), RealFaults.Executor, FaultScenarios.TwoTasksOnOneWorker) with { Faults = SeededFault.Interrupts },
    ];

    public static SeededBug Get(string name) =>
        All.SingleOrDefault(b => b.Name == name) ?? throw new ArgumentException($"No seeded bug is named '{name}'.", nameof(name));

    private static SeededBug Make<T>(string name, string modeledOn, Func<T> buggy, Func<T> correct, Action<T, TimeSpan> scenario) =>
        new(name, modeledOn, timeout => scenario(buggy(), timeout), timeout => scenario(correct(), timeout));
}
