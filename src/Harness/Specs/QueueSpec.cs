using System.Collections.Immutable;

namespace Weave.Harness;

/// <summary>
/// The sequential spec of Weave's queues (Python's <c>queue</c> module, 3.13): FIFO, LIFO or priority
/// order, an optional maxsize, task_done/join accounting and shutdown.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A put succeeds when the queue is not shut down and not full; a timed put may give up (Full) only
/// when full; any put fails with ShutDown once the queue is shut down.</item>
/// <item>A get returns the next item when there is one (even after a graceful shutdown); a timed get may give
/// up (Empty) only when the queue is empty and not shut down; ShutDown when shut down and empty.</item>
/// <item>task_done() decrements the unfinished count, refused (TooManyTaskDone) at zero; join() returns when it
/// is zero; a timed join may give up only while it is not.</item>
/// <item>shutdown(immediate) drops the items and marks them done.</item>
/// </list>
/// </remarks>
/// <typeparam name="T">The item type (compared with <see cref="Comparer{T}.Default"/> for the priority kind).</typeparam>
public sealed class QueueSpec<T> : ISequentialSpec<QueueModelState<T>, QueueOp<T>, QueueResult<T>>
{
    /// <summary>Creates the spec.</summary>
    /// <param name="kind">Which item a get takes.</param>
    /// <param name="maxSize">The capacity; zero or less means unbounded (Python).</param>
    public QueueSpec(QueueKind kind = QueueKind.Fifo, int maxSize = 0)
    {
        Kind = kind;
        MaxSize = maxSize;
        Initial = new QueueModelState<T>([], 0, false);
    }

    /// <summary>Which item a get takes.</summary>
    public QueueKind Kind { get; }

    /// <summary>The capacity (zero or less: unbounded).</summary>
    public int MaxSize { get; }

    /// <inheritdoc/>
    public QueueModelState<T> Initial { get; }

    /// <inheritdoc/>
    public (bool Legal, QueueModelState<T> Next) Step(QueueModelState<T> state, QueueOp<T> op, QueueResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(op);
        if (result is null)
        {
            return (false, state);
        }

        var expected = Apply(state, op, out var next);
        if (expected is null)
        {
            // The call would block here: only a timed call may have given up instead.
            bool gaveUp = op.Timed && result.Outcome == (op.Kind switch
            {
                QueueOpKind.Put => QueueOutcome.Full,
                QueueOpKind.Get => QueueOutcome.Empty,
                _ => QueueOutcome.TimedOut,
            });
            return (gaveUp, state);
        }

        return (expected.Equals(result), next);
    }

    /// <summary>A put waits while a bounded queue is full, a get while the queue is empty (and not shut down), a
    /// join while tasks are unfinished; timed forms alike. Nothing else waits.</summary>
    /// <inheritdoc/>
    public bool? Blocks(QueueModelState<T> state, QueueOp<T> op)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(op);
        return Apply(state, op, out _) is null;
    }

    /// <inheritdoc/>
    public IEnumerable<QueueResult<T>> PendingResults(QueueModelState<T> state, QueueOp<T> op)
    {
        var result = Apply(state, op, out _);
        return result is null ? [] : [result];
    }

    /// <summary>What <paramref name="op"/> returns in <paramref name="state"/>, or null when it would block.</summary>
    private QueueResult<T>? Apply(QueueModelState<T> state, QueueOp<T> op, out QueueModelState<T> next)
    {
        next = state;
        var items = state.Items;
        switch (op.Kind)
        {
            case QueueOpKind.Put:
                if (state.IsShutDown)
                {
                    return QueueResult<T>.ShutDown;
                }

                if (MaxSize > 0 && items.Count >= MaxSize)
                {
                    return null;
                }

                next = new QueueModelState<T>(Insert(items, op.Item!), state.Unfinished + 1, false);
                return QueueResult<T>.Ok;
            case QueueOpKind.Get:
                if (items.Count == 0)
                {
                    return state.IsShutDown ? QueueResult<T>.ShutDown : null;
                }

                int index = Kind == QueueKind.Lifo ? items.Count - 1 : 0;
                next = new QueueModelState<T>(items.RemoveAt(index), state.Unfinished, state.IsShutDown);
                return QueueResult<T>.Got(items[index]);
            case QueueOpKind.TaskDone:
                if (state.Unfinished == 0)
                {
                    return QueueResult<T>.TooManyTaskDone;
                }

                next = new QueueModelState<T>(items, state.Unfinished - 1, state.IsShutDown);
                return QueueResult<T>.Ok;
            case QueueOpKind.Join:
                return state.Unfinished == 0 ? QueueResult<T>.Ok : null;
            case QueueOpKind.Size:
                return QueueResult<T>.Sized(items.Count);
            case QueueOpKind.Shutdown:
                next = op.Immediate
                    ? new QueueModelState<T>([], Math.Max(0, state.Unfinished - items.Count), true)
                    : new QueueModelState<T>(items, state.Unfinished, true);
                return QueueResult<T>.Ok;
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown queue operation.");
        }
    }

    private ImmutableList<T> Insert(ImmutableList<T> items, T item)
    {
        if (Kind != QueueKind.Priority)
        {
            return items.Add(item);
        }

        // After the last item not greater than it: equal priorities keep their order.
        int low = 0, high = items.Count;
        var comparer = Comparer<T>.Default;
        while (low < high)
        {
            int mid = (low + high) / 2;
            if (comparer.Compare(items[mid], item) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return items.Insert(low, item);
    }
}
