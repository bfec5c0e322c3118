using FsCheck.Fluent;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.PropertiesTests.Specs;

/// <summary>
/// ConcurrentSpecs whose operations take the call's cancellation token, so the fault back ends reach them:
/// ExploreInterrupts / ExploreCancellation under Coyote, the injector's interrupts and cancellations under stress.
/// </summary>
internal static class FaultSpecs
{
    public static ConcurrentSpec<FifoQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Fifo(int maxSize) => new(
        () => new FifoQueue<int>(maxSize),
        new QueueSpec<int>(QueueKind.Fifo, maxSize),
        Gen.Frequency(
            (4, Gen.Choose(1, 9).Select(QueueOp<int>.TryPut)),
            (4, Gen.Constant(QueueOp<int>.TryGet())),
            (1, Gen.Constant(QueueOp<int>.Size()))),
        (q, op, token) =>
        {
            try
            {
                return op.Kind switch
                {
                    QueueOpKind.Put => q.TryPut(op.Item, Timeouts.Short, token) ? QueueResult<int>.Ok : QueueResult<int>.Full,
                    QueueOpKind.Get => q.TryGet(out int item, Timeouts.Short, token) ? QueueResult<int>.Got(item) : QueueResult<int>.Empty,
                    _ => QueueResult<int>.Sized(q.Count),
                };
            }
            catch (QueueShutDownException)
            {
                return QueueResult<int>.ShutDown; // Only once an overrunning round was abandoned (its calls then count as pending).
            }
        },
        q => q.Shutdown(immediate: true));

    public static ConcurrentSpec<CountingSemaphore, int, SemaphoreOp, bool> Semaphore(int initial) => new(
        () => new CountingSemaphore(initial),
        new SemaphoreSpec(initial),
        Gen.Frequency((3, Gen.Constant(SemaphoreOp.TryAcquire())), (2, Gen.Constant(SemaphoreOp.Release()))),
        (s, op, token) =>
        {
            if (op.Kind == SemaphoreOpKind.Release)
            {
                s.Release();
                return true;
            }

            return s.Acquire(Timeouts.Short, token);
        });
}
