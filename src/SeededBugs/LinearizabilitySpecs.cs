using FsCheck.Fluent;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// The catalog's bugs that show up as linearizability violations, each with a ConcurrentSpec over the buggy
/// variant and one over Weave's primitive (the correct twin, which must stay clean).
/// </summary>
internal sealed record LinearizabilityBug(string Name, Func<bool, IScenarioTarget> Target)
{
    public override string ToString() => Name;
}

/// <summary>A spec over either twin, erased to what the tests need: run stress, explore scenarios.</summary>
internal interface IScenarioTarget
{
    StressReport Stress(StressOptions options);

    /// <summary>Explores generated scenarios one after another under Coyote; returns the first report with a bug, or the last.
    /// With a <paramref name="name"/>, scenario k's schedule is recorded as "<paramref name="name"/>-scenario{k}" (see <see cref="Replay"/>).</summary>
    SystematicReport? Explore(SystematicOptions options, int scenarios, ulong seed, string? name = null);

    /// <summary>Replays a schedule that <see cref="Explore"/> recorded for scenario <paramref name="scenario"/> of <paramref name="seed"/>.</summary>
    SystematicReport Replay(string scheduleFile, ulong seed, int scenario, string name, SystematicOptions options);
}

internal static class LinearizabilitySpecs
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(2);

    public static readonly IReadOnlyList<LinearizabilityBug> All =
    [
        new("lock-ghost-waiter-after-timeout", buggy => Target(Lock(buggy ? () => new GhostWaiterLock() : () => new PrimitiveLock()))),
        new("bounded-semaphore-check-then-act", buggy => Target(Semaphore(
            buggy ? () => new FlawedSemaphore(1, 2, SemaphoreFlaw.NonAtomicBoundCheck) : () => Real.Semaphore(1, bound: 2), new SemaphoreSpec(1, bound: 2)))),
        new("semaphore-permit-lost-on-timeout", buggy => Target(Semaphore(
            buggy ? () => new FlawedSemaphore(0, int.MaxValue, SemaphoreFlaw.PermitLostOnTimeout) : () => Real.Semaphore(0), new SemaphoreSpec(0)))),
        new("queue-item-lost-on-timeout", buggy => Target(Queue(buggy ? () => new FlawedQueue(0, QueueFlaw.ItemLostOnTimeout) : () => Real.Queue()))),
        new("queue-task-done-underflow", buggy => Target(Queue(buggy ? () => new FlawedQueue(0, QueueFlaw.TaskDoneUnderflow) : () => Real.Queue()))),
        new("queue-unfinished-count-without-lock", buggy => Target(Queue(buggy ? () => new FlawedQueue(0, QueueFlaw.UnfinishedCountWithoutLock) : () => Real.Queue()))),
        new("future-unguarded-state", buggy => Target(Future(buggy ? () => new UnguardedFuture() : () => new RealFuture()))),

        // Lost wake-ups: a call left blocked for good in a state where it would go ahead. Generated scenarios find them
        // through the quiescent blocking check (the runner marks such calls blocked; the spec's Blocks decides).
        new("lock-release-checks-waiters-first", buggy => Target(BlockingLock(buggy ? () => new CheckThenReleaseLock() : () => new PrimitiveLock()), shape: Shape.Waiting(2, 3))),
        new("event-flag-checked-outside-lock", buggy => Target(BlockingEvent(buggy ? () => new FlawedEvent(EventFlaw.CheckOutsideLock) : Real.Event), shape: Shape.Waiting(2, 3))),
        new("semaphore-release-n-wakes-one", buggy => Target(BlockingSemaphore(
            buggy ? () => new FlawedSemaphore(0, int.MaxValue, SemaphoreFlaw.ReleaseWakesOne) : () => Real.Semaphore(0)), shape: Shape.Waiting(3, 2))),
        new("queue-join-checks-outside-lock", buggy => Target(JoiningQueue(buggy ? () => new FlawedQueue(0, QueueFlaw.JoinChecksOutsideLock) : () => Real.Queue()), shape: Shape.Waiting(2, 3))),

        // Fault bugs: an interrupted or cancelled call is recorded as having had no effect, and the checker holds it to that.
        new("queue-put-throws-after-storing", buggy => Target(FaultQueue(buggy ? () => new SignalAfterStoreQueue() : RealFaults.Queue), SeededFault.Interrupts)),
        new("queue-cancelled-get-drops-handed-item", buggy => Target(FaultQueue(buggy ? () => new HandOffDroppingQueue() : RealFaults.Queue), SeededFault.Cancellation)),
    ];

    public static readonly SystematicOptions CoyoteOptions = new() { Iterations = 60, Seed = 20261125, Strategy = SystematicStrategy.Random };

    public static readonly StressOptions StressOptions = new() { Rounds = 1_000, RoundsPerScenario = 10, Threads = 2, OpsPerThread = 3, Seed = 20261125 };

    public const int CoyoteScenarios = 30;

    public const ulong ScenarioSeed = 20261125;

    /// <summary>The lost-wake-up entries found only because their calls are checked as blocked. (queue-join-checks-outside-lock
    /// also strands its joiner, but the same unguarded wait returns early on a put's wake-up, which results alone convict.)</summary>
    public static readonly IReadOnlyList<string> LostWakeUps =
        ["lock-release-checks-waiters-first", "event-flag-checked-outside-lock", "semaphore-release-n-wakes-one"];

    public static LinearizabilityBug Named(string name) => All.Single(b => b.Name == name);

    // Untimed acquires and releases. An abandoned round (a legal wait: the lock held by a thread that is done) is
    // released by releasing the lock as often as there are threads.
    private static ConcurrentSpec<ILock, LockState, LockOp, bool> BlockingLock(Func<ILock> create) => new(
        create,
        new LockSpec(),
        Gen.Elements(LockOp.Acquire(), LockOp.Acquire(), LockOp.Release()),
        (lk, op) =>
        {
            if (op.Kind == LockOpKind.Acquire)
            {
                lk.Acquire();
                return true;
            }

            try
            {
                lk.Release();
                return true;
            }
            catch (SynchronizationLockException)
            {
                return false;
            }
        },
        lk =>
        {
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    lk.Release();
                }
                catch (SynchronizationLockException)
                {
                    // Free already.
                }
            }
        });

    // Untimed waits; Set releases an abandoned round.
    private static ConcurrentSpec<IEvent, bool, EventOp, bool> BlockingEvent(Func<IEvent> create) => new(
        create,
        new EventSpec(),
        Gen.Elements(EventOp.Set, EventOp.Wait, EventOp.Wait, EventOp.Clear),
        (e, op) =>
        {
            switch (op)
            {
                case EventOp.Set:
                    e.Set();
                    return true;
                case EventOp.Clear:
                    e.Clear();
                    return true;
                default:
                    return e.Wait();
            }
        },
        e => e.Set());

    // Untimed acquires that take the call's token (the runner cancels it to release an abandoned round); releases of two.
    private static ConcurrentSpec<ISemaphore, int, SemaphoreOp, bool> BlockingSemaphore(Func<ISemaphore> create) => new(
        create,
        new SemaphoreSpec(0),
        Gen.Elements(SemaphoreOp.Acquire(), SemaphoreOp.Acquire(), SemaphoreOp.Release(2)),
        (s, op, token) =>
        {
            if (op.Kind == SemaphoreOpKind.Acquire)
            {
                s.Acquire(token);
                return true;
            }

            s.Release(op.Count);
            return true;
        });

    // Puts, untimed gets and joins, task-done calls. Shutdown and task-done calls release an abandoned round.
    private static ConcurrentSpec<IQueue, QueueModelState<int>, QueueOp<int>, QueueResult<int>> JoiningQueue(Func<IQueue> create) => new(
        create,
        new QueueSpec<int>(),
        Gen.Frequency(
            (2, Gen.Choose(1, 9).Select(QueueOp<int>.Put)),
            (2, Gen.Constant(QueueOp<int>.Get())),
            (2, Gen.Constant(QueueOp<int>.TaskDone())),
            (2, Gen.Constant(QueueOp<int>.Join()))),
        (q, op) =>
        {
            try
            {
                switch (op.Kind)
                {
                    case QueueOpKind.Put:
                        q.Put(op.Item);
                        return QueueResult<int>.Ok;
                    case QueueOpKind.Get:
                        return QueueResult<int>.Got(q.Get());
                    case QueueOpKind.Join:
                        q.Join();
                        return QueueResult<int>.Ok;
                    default:
                        try
                        {
                            q.TaskDone();
                            return QueueResult<int>.Ok;
                        }
                        catch (InvalidOperationException)
                        {
                            return QueueResult<int>.TooManyTaskDone;
                        }
                }
            }
            catch (QueueShutDownException)
            {
                return QueueResult<int>.ShutDown; // Only after the round was abandoned: such calls are pending or blocked.
            }
        },
        q =>
        {
            q.Shutdown();
            for (int i = 0; i < 8; i++)
            {
                try
                {
                    q.TaskDone();
                }
                catch (InvalidOperationException)
                {
                    break;
                }
            }
        });

    private static ConcurrentSpec<ILock, LockState, LockOp, bool> Lock(Func<ILock> create) => new(
        create,
        new LockSpec(),
        Gen.Elements(LockOp.TryAcquire(), LockOp.TryAcquire(), LockOp.Release()),
        (lk, op) =>
        {
            if (op.Kind == LockOpKind.TryAcquire)
            {
                return lk.Acquire(s_short);
            }

            try
            {
                lk.Release();
                return true;
            }
            catch (SynchronizationLockException)
            {
                return false;
            }
        });

    private static ConcurrentSpec<ISemaphore, int, SemaphoreOp, bool> Semaphore(Func<ISemaphore> create, SemaphoreSpec model) => new(
        create,
        model,
        Gen.Elements(SemaphoreOp.TryAcquire(), SemaphoreOp.Release()),
        (s, op) =>
        {
            if (op.Kind == SemaphoreOpKind.TryAcquire)
            {
                return s.Acquire(s_short);
            }

            try
            {
                s.Release(op.Count);
                return true;
            }
            catch (SemaphoreFullException)
            {
                return false;
            }
        });

    private static ConcurrentSpec<IQueue, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Queue(Func<IQueue> create) => new(
        create,
        new QueueSpec<int>(),
        Gen.Frequency(
            (3, Gen.Choose(1, 9).Select(QueueOp<int>.Put)),
            (3, Gen.Constant(QueueOp<int>.TryGet())),
            (2, Gen.Constant(QueueOp<int>.TaskDone())),
            (1, Gen.Constant(QueueOp<int>.Size()))),
        (q, op) =>
        {
            switch (op.Kind)
            {
                case QueueOpKind.Put:
                    q.Put(op.Item);
                    return QueueResult<int>.Ok;
                case QueueOpKind.Get:
                    return q.TryGet(out int item, s_short) ? QueueResult<int>.Got(item) : QueueResult<int>.Empty;
                case QueueOpKind.TaskDone:
                    try
                    {
                        q.TaskDone();
                        return QueueResult<int>.Ok;
                    }
                    catch (InvalidOperationException)
                    {
                        return QueueResult<int>.TooManyTaskDone;
                    }

                default:
                    return QueueResult<int>.Sized(q.Count);
            }
        });

    // Puts (never blocking), blocking gets that take the call's token, sizes. A get that blocks for good is
    // pending when the round is abandoned, so only results — an item that came out, a size — can convict.
    private static ConcurrentSpec<IFaultQueue, QueueModelState<int>, QueueOp<int>, QueueResult<int>> FaultQueue(Func<IFaultQueue> create) => new(
        create,
        new QueueSpec<int>(),
        Gen.Frequency(
            (3, Gen.Choose(1, 9).Select(QueueOp<int>.Put)),
            (3, Gen.Constant(QueueOp<int>.Get())),
            (2, Gen.Constant(QueueOp<int>.Size()))),
        (q, op, token) =>
        {
            try
            {
                switch (op.Kind)
                {
                    case QueueOpKind.Put:
                        q.Put(op.Item);
                        return QueueResult<int>.Ok;
                    case QueueOpKind.Get:
                        return QueueResult<int>.Got(q.Get(token));
                    default:
                        return QueueResult<int>.Sized(q.Count);
                }
            }
            catch (QueueShutDownException)
            {
                return QueueResult<int>.ShutDown; // Only after the round was abandoned: such calls are pending.
            }
        },
        q => q.Abandon());

    private static ConcurrentSpec<IFutureLike, (FutureState State, int Value, bool Failed), FutureOp<int>, FutureResult<int>> Future(Func<IFutureLike> create) => new(
        create,
        new FutureSpec<int>(),
        Gen.Choose(1, 3).Select(FutureOp<int>.SetResult),
        (f, op) =>
        {
            try
            {
                f.SetResult(op.Value);
                return FutureResult<int>.Ok;
            }
            catch (InvalidOperationException)
            {
                return FutureResult<int>.InvalidState;
            }
        });

    private static IScenarioTarget Target<TSystem, TState, TOp, TResult>(
        ConcurrentSpec<TSystem, TState, TOp, TResult> spec, SeededFault faults = SeededFault.None, Shape? shape = null) =>
        new SpecTarget<TSystem, TState, TOp, TResult>(spec, faults, shape ?? Shape.Default);

    /// <summary>The generated scenarios' size, and whether their calls may wait for good (then stress gives up on a
    /// round after 50 ms instead of the default 10 s — such rounds are the point, not an accident — and runs for 3 s at most).</summary>
    private sealed record Shape(int Threads, int OpsPerThread, bool Blocking)
    {
        public static readonly Shape Default = new(2, 3, false);

        public static Shape Waiting(int threads, int opsPerThread) => new(threads, opsPerThread, true);
    }

    // A fault bug's target explores its faults: ExploreInterrupts / ExploreCancellation under Coyote, an
    // injector at a 30% rate on real threads.
    private sealed class SpecTarget<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec, SeededFault faults, Shape shape) : IScenarioTarget
    {
        public StressReport Stress(StressOptions options) => Weave.Harness.Stress.Run(spec, faults == SeededFault.None ? Sized(options) : Sized(options) with
        {
            InterruptRate = faults == SeededFault.Interrupts ? 0.3 : options.InterruptRate,
            CancellationRate = faults == SeededFault.Cancellation ? 0.3 : options.CancellationRate,
            RoundTimeout = TimeSpan.FromMilliseconds(50), // Its gets block: a round whose getter waits for good is abandoned soon (its calls then count as pending, so a slow round cannot convict).
        });

        public SystematicReport? Explore(SystematicOptions options, int scenarios, ulong seed, string? name = null)
        {
            SystematicReport? last = null;
            var generated = Generated(scenarios, seed);
            for (int k = 0; k < generated.Length; k++)
            {
                var scenario = generated[k];
                var withFaults = WithFaults(options);
                last = name is null
                    ? Systematic.ExploreScenario(spec, scenario, withFaults)
                    : Systematic.ExploreScenario(spec, scenario, withFaults, $"{name}-scenario{k}");
                if (last.BugFound)
                {
                    return last;
                }
            }

            return last;
        }

        public SystematicReport Replay(string scheduleFile, ulong seed, int scenario, string name, SystematicOptions options) =>
            Systematic.ReplayScenario(scheduleFile, spec, Generated(scenario + 1, seed)[scenario], options, $"{name}-scenario{scenario}");

        private Scenario<TOp>[] Generated(int scenarios, ulong seed) =>
            Gen.Sample(Weave.Harness.Scenarios.Gen(spec, shape.Threads, shape.OpsPerThread), scenarios, new FsCheck.Rnd(seed), shape.OpsPerThread);

        private StressOptions Sized(StressOptions options) => shape == Shape.Default ? options : options with
        {
            Threads = shape.Threads,
            OpsPerThread = shape.OpsPerThread,
            RoundTimeout = shape.Blocking ? TimeSpan.FromMilliseconds(50) : options.RoundTimeout,

            // A round whose calls wait for good costs its whole timeout: bound the run, as plain stress hunts are.
            TimeBudget = shape.Blocking ? TimeSpan.FromSeconds(3) : options.TimeBudget,
        };

        private SystematicOptions WithFaults(SystematicOptions options) => options with
        {
            ExploreInterrupts = options.ExploreInterrupts || faults == SeededFault.Interrupts,
            ExploreCancellation = options.ExploreCancellation || faults == SeededFault.Cancellation,
        };
    }
}
