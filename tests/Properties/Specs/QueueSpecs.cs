using FsCheck;
using FsCheck.Fluent;
using Weave.Harness;
using Weave.Primitives;

namespace Weave.PropertiesTests.Specs;

/// <summary>ConcurrentSpecs of Weave's queues against <see cref="QueueSpec{T}"/>.</summary>
internal static class QueueSpecs
{
    public static ConcurrentSpec<BlockingQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Fifo(int maxSize = 0) =>
        Blocking(() => new FifoQueue<int>(maxSize), new QueueSpec<int>(QueueKind.Fifo, maxSize), bounded: maxSize > 0);

    public static ConcurrentSpec<BlockingQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Lifo(int maxSize = 0) =>
        Blocking(() => new LifoQueue<int>(maxSize), new QueueSpec<int>(QueueKind.Lifo, maxSize), bounded: maxSize > 0);

    public static ConcurrentSpec<BlockingQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Priority(int maxSize = 0) =>
        Blocking(() => new MinPriorityQueue<int>(maxSize), new QueueSpec<int>(QueueKind.Priority, maxSize), bounded: maxSize > 0);

    /// <summary>SimpleQueue: unbounded FIFO with put/get/qsize only.</summary>
    public static ConcurrentSpec<SimpleQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Simple() => new(
        () => new SimpleQueue<int>(),
        new QueueSpec<int>(),
        Gen.Frequency(
            (3, Gen.Choose(1, 9).Select(QueueOp<int>.Put)),
            (3, Gen.Constant(QueueOp<int>.TryGet())),
            (1, Gen.Constant(QueueOp<int>.Size()))),
        (q, op) => op.Kind switch
        {
            QueueOpKind.Put => Put(q, op.Item),
            QueueOpKind.Get => q.TryGet(out int item, Timeouts.Short) ? QueueResult<int>.Got(item) : QueueResult<int>.Empty,
            _ => QueueResult<int>.Sized(q.Count),
        });

    /// <summary>The operations of a Weave queue, expected exceptions turned into results.</summary>
    public static QueueResult<int> Apply(BlockingQueue<int> q, QueueOp<int> op)
    {
        try
        {
            switch (op.Kind)
            {
                case QueueOpKind.Put when op.Timed:
                    return q.TryPut(op.Item, Timeouts.Short) ? QueueResult<int>.Ok : QueueResult<int>.Full;
                case QueueOpKind.Put:
                    q.Put(op.Item);
                    return QueueResult<int>.Ok;
                case QueueOpKind.Get when op.Timed:
                    return q.TryGet(out int item, Timeouts.Short) ? QueueResult<int>.Got(item) : QueueResult<int>.Empty;
                case QueueOpKind.Get:
                    return QueueResult<int>.Got(q.Get());
                case QueueOpKind.TaskDone:
                    q.TaskDone();
                    return QueueResult<int>.Ok;
                case QueueOpKind.Join when op.Timed:
                    return q.Join(Timeouts.Short) ? QueueResult<int>.Ok : QueueResult<int>.TimedOut;
                case QueueOpKind.Join:
                    q.Join();
                    return QueueResult<int>.Ok;
                case QueueOpKind.Size:
                    return QueueResult<int>.Sized(q.Count);
                case QueueOpKind.Shutdown:
                    q.Shutdown(op.Immediate);
                    return QueueResult<int>.Ok;
                default:
                    throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown queue operation.");
            }
        }
        catch (QueueShutDownException)
        {
            return QueueResult<int>.ShutDown;
        }
        catch (InvalidOperationException) when (op.Kind == QueueOpKind.TaskDone)
        {
            return QueueResult<int>.TooManyTaskDone;
        }
    }

    /// <summary>Mostly puts and timed gets, some task_done/join/qsize, a rare shutdown; blocking puts only when unbounded.</summary>
    public static Gen<QueueOp<int>> Ops(bool bounded, bool withShutdown = true) => Gen.Frequency(
        (4, Gen.Choose(1, 9).Select(i => bounded ? QueueOp<int>.TryPut(i) : QueueOp<int>.Put(i))),
        (4, Gen.Constant(QueueOp<int>.TryGet())),
        (2, Gen.Constant(QueueOp<int>.TaskDone())),
        (1, Gen.Constant(QueueOp<int>.TryJoin())),
        (1, Gen.Constant(QueueOp<int>.Size())),
        (withShutdown ? 1 : 0, Gen.Elements(QueueOp<int>.Shutdown(), QueueOp<int>.Shutdown(immediate: true))));

    private static ConcurrentSpec<BlockingQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>> Blocking(
        Func<BlockingQueue<int>> create, QueueSpec<int> model, bool bounded) =>
        new(create, model, Ops(bounded), Apply, abandon: q => q.Shutdown(immediate: true));

    private static QueueResult<int> Put(SimpleQueue<int> q, int item)
    {
        q.Put(item);
        return QueueResult<int>.Ok;
    }
}
