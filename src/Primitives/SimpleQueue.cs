using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Weave.Primitives;

/// <summary>
/// An unbounded first-in, first-out queue whose <see cref="Put"/> never blocks, without task
/// tracking or shutdown: Python's <c>queue.SimpleQueue</c>.
/// </summary>
/// <remarks>
/// Gets block, time out and cancel as <see cref="BlockingQueue{T}"/>'s do; a cancelled or timed-out
/// get removes nothing, and an item that arrives as a get is cancelled is taken, never lost.
/// <para>Interrupts and cancellation: an interrupted or cancelled get removes nothing; a put never blocks and never throws (an interrupt stays pending). See <see cref="Interrupts"/>.</para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
[DebuggerDisplay("Count = {CountSnapshot}, Getters = {WaitingGetters}")]
public class SimpleQueue<T>
{
    private readonly object _mutex = new();
    private readonly Queue<T> _items = new();

    // Getters wait here; notified once per put.
    private readonly MonitorCondition _notEmpty;

    private int _countSnapshot; // _items.Count as of the last change, for lock-free diagnostics.

    // On real threads: FifoQueue's lock-free engine, unbounded and never shut down (the fields above stay unused).
    // Under the systematic scheduler: the lock and condition above, one scheduling point per call.
    private readonly LockFreeFifo<T>? _lockFree;

    /// <summary>Creates an empty queue. Python: <c>SimpleQueue()</c>.</summary>
    public SimpleQueue()
    {
        _notEmpty = new MonitorCondition(_mutex);
        if (SystematicHook.CurrentMode == WaitMode.Real)
        {
            _lockFree = new LockFreeFifo<T>(maxSize: 0);
        }
    }

    /// <summary>How many items are queued. Python: <c>qsize()</c>.</summary>
    public int Count
    {
        get
        {
            if (_lockFree is { } fifo)
            {
                return fifo.Count;
            }

            using (MonitorScope.Enter(_mutex))
            {
                return _items.Count;
            }
        }
    }

    /// <summary>True when no item is queued. Python: <c>empty()</c>.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Getters blocked now (a snapshot, for tests and debuggers).</summary>
    internal int WaitingGetters => _lockFree is { } fifo ? fifo.WaitingGetters : _notEmpty.WaitingThreads;

    /// <summary>True when this queue runs on the lock-free engine (for tests).</summary>
    internal bool IsLockFree => _lockFree is not null;

    private int CountSnapshot => _lockFree is { } fifo ? fifo.Count : Volatile.Read(ref _countSnapshot);

    /// <summary>Puts an item; never blocks. Python: <c>put(item)</c>.</summary>
    public void Put(T item)
    {
        if (_lockFree is { } fifo)
        {
            fifo.Put(item, Deadline.Infinite, CancellationToken.None); // Unbounded and never shut down: never waits or throws.
            return;
        }

        using (MonitorScope.Enter(_mutex))
        {
            _items.Enqueue(item);
            _countSnapshot++;
            _notEmpty.Notify();
        }
    }

    /// <summary>Puts an item; never blocks (the same as <see cref="Put"/>). Python: <c>put_nowait(item)</c>.</summary>
    public void PutNoWait(T item) => Put(item);

    /// <summary>Removes and returns an item, blocking while the queue is empty. Python: <c>get()</c>.</summary>
    public T Get() => GetOrThrow(Deadline.Infinite, CancellationToken.None);

    /// <summary>Removes and returns an item, blocking while the queue is empty, unless cancelled.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public T Get(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return GetOrThrow(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Removes and returns an item, waiting at most <paramref name="timeout"/>. Python: <c>get(timeout=t)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueEmptyException">Still empty when the timeout passed.</exception>
    public T Get(TimeSpan timeout) => Get(timeout, CancellationToken.None);

    /// <summary>Removes and returns an item, waiting at most <paramref name="timeout"/>, unless cancelled.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueEmptyException">Still empty when the timeout passed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public T Get(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return GetOrThrow(deadline, cancellationToken);
    }

    /// <summary>Removes and returns an item only if one is queued now. Python: <c>get_nowait()</c>.</summary>
    /// <exception cref="QueueEmptyException">The queue is empty.</exception>
    public T GetNoWait() => GetOrThrow(Deadline.Immediate, CancellationToken.None);

    /// <summary>Removes an item if one is queued now.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if the queue is empty.</returns>
    public bool TryGet([MaybeNullWhen(false)] out T item) => GetCore(out item, Deadline.Immediate, CancellationToken.None);

    /// <summary>Removes an item, waiting at most <paramref name="timeout"/>.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if still empty when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout) =>
        TryGet(out item, timeout, CancellationToken.None);

    /// <summary>Removes an item, waiting at most <paramref name="timeout"/>, unless cancelled.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if still empty when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return GetCore(out item, deadline, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<SimpleQueue count={CountSnapshot}>";

    private T GetOrThrow(Deadline deadline, CancellationToken cancellationToken) =>
        GetCore(out T? item, deadline, cancellationToken) ? item : throw new QueueEmptyException();

    private bool GetCore([MaybeNullWhen(false)] out T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (_lockFree is { } fifo)
        {
            return fifo.Get(out item, deadline, cancellationToken); // Never shut down: it never throws QueueShutDownException.
        }

        using (MonitorScope.Enter(_mutex))
        {
            while (_items.Count == 0)
            {
                bool notified = !deadline.IsImmediate && _notEmpty.Wait(deadline, cancellationToken);
                if (!notified && _items.Count == 0)
                {
                    item = default;
                    return false;
                }
            }

            item = _items.Dequeue();
            _countSnapshot--;
            return true;
        }
    }
}
