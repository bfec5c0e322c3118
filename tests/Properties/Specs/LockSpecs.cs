using FsCheck;
using FsCheck.Fluent;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.PropertiesTests.Specs;

/// <summary>ConcurrentSpecs of the locks, semaphores and Event. Acquires are timed so no round blocks for ever.</summary>
internal static class LockSpecs
{
    public static ConcurrentSpec<ILock, LockState, LockOp, bool> Primitive() => new PerThreadLock(() => new PrimitiveLock(), reentrant: false);

    public static ConcurrentSpec<ILock, LockState, LockOp, bool> Reentrant() => new PerThreadLock(() => new ReentrantLock(), reentrant: true);

    /// <summary>A CountingSemaphore, or (bounded) a BoundedSemaphore, which starts at its bound as in Python.</summary>
    public static ConcurrentSpec<CountingSemaphore, int, SemaphoreOp, bool> Semaphore(int initial, bool bounded = false) => new(
        () => bounded ? new BoundedSemaphore(initial) : new CountingSemaphore(initial),
        new SemaphoreSpec(initial, bounded ? initial : null),
        Gen.Frequency(
            (3, Gen.Constant(SemaphoreOp.TryAcquire())),
            (2, Gen.Constant(SemaphoreOp.Release())),
            (1, Gen.Constant(SemaphoreOp.Release(2)))),
        (s, op) =>
        {
            if (op.Kind != SemaphoreOpKind.Release)
            {
                return s.Acquire(Timeouts.Short);
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

    public static ConcurrentSpec<Event, bool, EventOp, bool> Event() => new(
        () => new Event(),
        new EventSpec(),
        Gen.Elements(EventOp.Set, EventOp.Clear, EventOp.IsSet, EventOp.TimedWait, EventOp.TimedWait),
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
                case EventOp.IsSet:
                    return e.IsSet;
                case EventOp.Wait:
                    return e.Wait();
                default:
                    return e.Wait(Timeouts.Short);
            }
        });

    /// <summary>The operations of a lock, expected exceptions turned into results.</summary>
    public static bool Apply(ILock lk, LockOp op)
    {
        switch (op.Kind)
        {
            case LockOpKind.Acquire:
                lk.Acquire();
                return true;
            case LockOpKind.TryAcquire:
                return lk.Acquire(Timeouts.Short);
            default:
                try
                {
                    lk.Release();
                    return true;
                }
                catch (SynchronizationLockException)
                {
                    return false;
                }
        }
    }

    /// <summary>Lock operations carry their thread (a reentrant lock's owner), so the generator is per thread.</summary>
    private sealed class PerThreadLock(Func<ILock> create, bool reentrant) : ConcurrentSpec<ILock, LockState, LockOp, bool>
    {
        public override ISequentialSpec<LockState, LockOp, bool> Sequential { get; } = new LockSpec(reentrant);

        public override Gen<LockOp> Ops => OpsFor(0);

        public override Gen<LockOp> OpsFor(int thread) =>
            Gen.Elements(LockOp.TryAcquire(thread), LockOp.TryAcquire(thread), LockOp.Release(thread));

        public override ILock Create() => create();

        public override bool Apply(ILock system, LockOp op) => LockSpecs.Apply(system, op);

        public override string ToString() => reentrant ? "ReentrantLock" : "PrimitiveLock";
    }
}
