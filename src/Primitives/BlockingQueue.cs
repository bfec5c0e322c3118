using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Weave.Primitives;

/// <summary>
/// A thread-safe queue with blocking put/get, task tracking (<see cref="TaskDone"/>/<see cref="Join()"/>)
/// and shutdown: Python's <c>queue.Queue</c> machinery. Derived types supply only the storage
/// (<see cref="ItemCount"/>, <see cref="AddItem"/>, <see cref="RemoveItem"/>, as Python's
/// <c>_qsize/_put/_get</c>) and so decide the order: <see cref="FifoQueue{T}"/>,
/// <see cref="LifoQueue{T}"/>, <see cref="MinPriorityQueue{T}"/>, or your own.
/// </summary>
/// <remarks>
/// <para>One mutex and three conditions, as queue.py: getters wait for "not empty", putters for
/// "not full", joiners for "all tasks done". Each put wakes one getter and each get one putter, and
/// only when someone waits. An exact <see cref="FifoQueue{T}"/> on real threads runs a lock-free engine with the same
/// semantics instead (no lock while there is room and an item; docs/architecture.md).</para>
/// <para>A cancelled, interrupted or timed-out put adds nothing; a cancelled, interrupted or timed-out
/// get removes nothing. When an item arrives just as a get is cancelled, the get takes it and returns
/// (completion wins), so an item is never lost or delivered twice.</para>
/// <para>After <see cref="Shutdown"/> (Python 3.13): puts throw <see cref="QueueShutDownException"/>;
/// gets drain what is left, then throw it; blocked putters and getters wake.</para>
/// <para>A put, get, task_done or join never throws after its effect: an interrupt that arrives while one needs the queue's lock stays pending for the thread's next wait (see <see cref="Interrupts"/>).</para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
[DebuggerDisplay("Count = {CountSnapshot}, MaxSize = {MaxSize}, Unfinished = {UnfinishedTasks}, ShutDown = {IsShutDown}")]
public abstract class BlockingQueue<T>
{
    private readonly object _mutex = new();

    // Getters wait here. Notified once per put (one item, one getter) and all at once by Shutdown.
    private readonly MonitorCondition _notEmpty;

    // Putters wait here. Notified once per get, all at once when MaxSize grows and by Shutdown.
    private readonly MonitorCondition _notFull;

    // Joiners wait here. Notified (all) when the unfinished count reaches zero, and by an immediate Shutdown.
    private readonly MonitorCondition _allTasksDone;

    private int _maxSize;          // <= 0: unbounded. Guarded by _mutex.
    private int _unfinishedTasks;  // Puts not yet matched by TaskDone. Guarded by _mutex.
    private bool _isShutDown;      // Guarded by _mutex.
    private int _countSnapshot;    // ItemCount as of the last change, for lock-free diagnostics.

    // An exact FifoQueue on real threads: the lock-free engine does everything and the fields above stay unused.
    private readonly LockFreeFifo<T>? _lockFree;

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items. Python: <c>Queue(maxsize=0)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    protected BlockingQueue(int maxSize = 0)
        : this(maxSize, QueueEngine.Locked)
    {
    }

    /// <summary>Creates a queue whose machinery is <paramref name="engine"/>'s.</summary>
    private protected BlockingQueue(int maxSize, QueueEngine engine)
    {
        _maxSize = maxSize;
        _notEmpty = new MonitorCondition(_mutex);
        _notFull = new MonitorCondition(_mutex);
        _allTasksDone = new MonitorCondition(_mutex);
        if (engine == QueueEngine.LockFree || (engine == QueueEngine.Auto && UsesLockFreeEngine(GetType())))
        {
            _lockFree = new LockFreeFifo<T>(maxSize);
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
                return ItemCount;
            }
        }
    }

    /// <summary>True when no item is queued. Python: <c>empty()</c>.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>True when the queue is bounded and holds <see cref="MaxSize"/> items or more. Python: <c>full()</c>.</summary>
    public bool IsFull
    {
        get
        {
            if (_lockFree is { } fifo)
            {
                return fifo.IsFull;
            }

            using (MonitorScope.Enter(_mutex))
            {
                return IsFullLocked;
            }
        }
    }

    /// <summary>
    /// The capacity; zero or less means unbounded. Python: <c>maxsize</c>. Changing it takes effect at
    /// once: lowering it below <see cref="Count"/> makes the queue full (CPython bpo-10110), raising
    /// it wakes blocked putters.
    /// </summary>
    public int MaxSize
    {
        get => _lockFree is { } fifo ? fifo.MaxSize : Volatile.Read(ref _maxSize);
        set
        {
            if (_lockFree is { } fifo)
            {
                fifo.MaxSize = value;
                return;
            }

            using (MonitorScope.Enter(_mutex))
            {
                _maxSize = value;
                _notFull.NotifyAll(); // Each re-checks: room may have appeared for several.
            }
        }
    }

    /// <summary>Puts not yet matched by <see cref="TaskDone"/>. Python: <c>unfinished_tasks</c>.</summary>
    public int UnfinishedTasks => _lockFree is { } fifo ? fifo.UnfinishedTasks : Volatile.Read(ref _unfinishedTasks);

    /// <summary>True once <see cref="Shutdown"/> has been called. Python: <c>is_shutdown</c>.</summary>
    public bool IsShutDown => _lockFree is { } fifo ? fifo.IsShutDown : Volatile.Read(ref _isShutDown);

    /// <summary>Getters blocked now (a snapshot, for tests and debuggers).</summary>
    internal int WaitingGetters => _lockFree is { } fifo ? fifo.WaitingGetters : _notEmpty.WaitingThreads;

    /// <summary>Putters blocked now (a snapshot, for tests and debuggers).</summary>
    internal int WaitingPutters => _lockFree is { } fifo ? fifo.WaitingPutters : _notFull.WaitingThreads;

    /// <summary>Joiners blocked now (a snapshot, for tests and debuggers).</summary>
    internal int WaitingJoiners => _lockFree is { } fifo ? fifo.WaitingJoiners : _allTasksDone.WaitingThreads;

    /// <summary>True when this queue runs on the lock-free engine (for tests).</summary>
    internal bool IsLockFree => _lockFree is not null;

    private int CountSnapshot => _lockFree is { } fifo ? fifo.Count : Volatile.Read(ref _countSnapshot);

    /// <summary>How many items the storage holds. Called with the queue's lock held. Python: <c>_qsize()</c>.</summary>
    protected abstract int ItemCount { get; }

    private bool IsFullLocked => _maxSize > 0 && ItemCount >= _maxSize;

    /// <summary>Puts an item, blocking while the queue is full. Python: <c>put(item)</c>.</summary>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    public void Put(T item) => PutCore(item, Deadline.Infinite, CancellationToken.None);

    /// <summary>Puts an item, blocking while the queue is full, unless cancelled.</summary>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the item was not put.</exception>
    public void Put(T item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PutCore(item, Deadline.Infinite, cancellationToken);
    }

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room. Python: <c>put(item, timeout=t)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueFullException">Still full when the timeout passed.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    public void Put(T item, TimeSpan timeout) => Put(item, timeout, CancellationToken.None);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room, unless cancelled.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueFullException">Still full when the timeout passed.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the item was not put.</exception>
    public void Put(T item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!TryPut(item, timeout, cancellationToken))
        {
            throw new QueueFullException();
        }
    }

    /// <summary>Puts an item only if there is room now. Python: <c>put_nowait(item)</c>.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    public void PutNoWait(T item)
    {
        if (!PutCore(item, Deadline.Immediate, CancellationToken.None))
        {
            throw new QueueFullException();
        }
    }

    /// <summary>Puts an item if there is room now.</summary>
    /// <returns><c>true</c> if put; <c>false</c> if the queue is full.</returns>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    public bool TryPut(T item) => PutCore(item, Deadline.Immediate, CancellationToken.None);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room.</summary>
    /// <returns><c>true</c> if put; <c>false</c> if still full when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    public bool TryPut(T item, TimeSpan timeout) => TryPut(item, timeout, CancellationToken.None);

    /// <summary>Puts an item, waiting at most <paramref name="timeout"/> for room, unless cancelled.</summary>
    /// <returns><c>true</c> if put; <c>false</c> if still full when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the item was not put.</exception>
    public bool TryPut(T item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return PutCore(item, deadline, cancellationToken);
    }

    /// <summary>Removes and returns an item, blocking while the queue is empty. Python: <c>get()</c>.</summary>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    public T Get() => GetOrThrow(Deadline.Infinite, CancellationToken.None);

    /// <summary>Removes and returns an item, blocking while the queue is empty, unless cancelled.</summary>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public T Get(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return GetOrThrow(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Removes and returns an item, waiting at most <paramref name="timeout"/>. Python: <c>get(timeout=t)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueEmptyException">Still empty when the timeout passed.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    public T Get(TimeSpan timeout) => Get(timeout, CancellationToken.None);

    /// <summary>Removes and returns an item, waiting at most <paramref name="timeout"/>, unless cancelled.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueEmptyException">Still empty when the timeout passed.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public T Get(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return GetOrThrow(deadline, cancellationToken);
    }

    /// <summary>Removes and returns an item only if one is queued now. Python: <c>get_nowait()</c>.</summary>
    /// <exception cref="QueueEmptyException">The queue is empty.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    public T GetNoWait() => GetOrThrow(Deadline.Immediate, CancellationToken.None);

    /// <summary>Removes an item if one is queued now.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if the queue is empty.</returns>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item) => GetCore(out item, Deadline.Immediate, CancellationToken.None);

    /// <summary>Removes an item, waiting at most <paramref name="timeout"/>.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if still empty when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout) =>
        TryGet(out item, timeout, CancellationToken.None);

    /// <summary>Removes an item, waiting at most <paramref name="timeout"/>, unless cancelled.</summary>
    /// <returns><c>true</c> with the item; <c>false</c> if still empty when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="QueueShutDownException">The queue is shut down and empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was removed.</exception>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return GetCore(out item, deadline, cancellationToken);
    }

    /// <summary>Marks one item taken by a consumer as processed. Python: <c>task_done()</c>.</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put ("task_done() called too many times").</exception>
    public void TaskDone()
    {
        if (_lockFree is { } fifo)
        {
            fifo.TaskDone();
            return;
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            if (_unfinishedTasks <= 0)
            {
                throw new InvalidOperationException("task_done() called too many times");
            }

            if (--_unfinishedTasks == 0)
            {
                _allTasksDone.NotifyAll();
            }
        }
    }

    /// <summary>Blocks until every item put has been marked done. Python: <c>join()</c>. Never throws <see cref="QueueShutDownException"/>.</summary>
    public void Join() => JoinCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>Blocks until every item put has been marked done, unless cancelled.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Join(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        JoinCore(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Blocks until every item put has been marked done or the timeout passes.</summary>
    /// <returns><c>true</c> if all tasks are done; <c>false</c> if the timeout passed first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Join(TimeSpan timeout) => Join(timeout, CancellationToken.None);

    /// <summary>Blocks until every item put has been marked done, the timeout passes, or the token is cancelled.</summary>
    /// <returns><c>true</c> if all tasks are done; <c>false</c> if the timeout passed first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public bool Join(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return JoinCore(deadline, cancellationToken);
    }

    /// <summary>
    /// Shuts the queue down (Python 3.13 <c>shutdown(immediate)</c>): later puts throw
    /// <see cref="QueueShutDownException"/>, gets drain what is left and then throw it, and blocked
    /// putters and getters wake. With <paramref name="immediate"/> the queued items are discarded, the
    /// unfinished count drops once per item (never below zero) and <see cref="Join()"/> wakes.
    /// Calling it again is harmless.
    /// </summary>
    public void Shutdown(bool immediate = false)
    {
        if (_lockFree is { } fifo)
        {
            fifo.Shutdown(immediate);
            return;
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            _isShutDown = true;
            if (immediate)
            {
                while (ItemCount > 0)
                {
                    RemoveItem();
                    _countSnapshot--;
                    if (_unfinishedTasks > 0)
                    {
                        _unfinishedTasks--;
                    }
                }

                _allTasksDone.NotifyAll();
            }

            // Every blocked getter and putter re-checks, and throws if it has to.
            _notEmpty.NotifyAll();
            _notFull.NotifyAll();
            AssertInvariants();
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name} count={CountSnapshot} maxsize={MaxSize}{(IsShutDown ? " shut down" : "")}>";

    /// <summary>Stores an item. Called with the queue's lock held; may throw (nothing else changes then). Python: <c>_put(item)</c>.</summary>
    protected abstract void AddItem(T item);

    /// <summary>Removes and returns the next item. Called with the queue's lock held, only when
    /// <see cref="ItemCount"/> is positive; may throw (nothing else changes then). Python: <c>_get()</c>.</summary>
    protected abstract T RemoveItem();

    private bool PutCore(T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (_lockFree is { } fifo)
        {
            return fifo.Put(item, deadline, cancellationToken);
        }

        if (!deadline.IsImmediate)
        {
            // When full, a getter is probably about to make room: wait for it without queuing (lock-free reads).
            Waiter.SpinUntil(this, static q => Volatile.Read(ref q._maxSize) is var max && (max <= 0 || Volatile.Read(ref q._countSnapshot) < max || q.IsShutDown));
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            ThrowIfShutDown();
            while (IsFullLocked)
            {
                bool notified = !deadline.IsImmediate && _notFull.Wait(deadline, cancellationToken);
                ThrowIfShutDown();
                if (!notified && IsFullLocked)
                {
                    return false;
                }
            }

            AddItem(item); // Storage first: if it throws, no count has moved.
            _unfinishedTasks++;
            _countSnapshot++;
            _notEmpty.Notify();
            AssertInvariants();
            return true;
        }
    }

    private T GetOrThrow(Deadline deadline, CancellationToken cancellationToken) =>
        GetCore(out T? item, deadline, cancellationToken) ? item : throw new QueueEmptyException();

    private bool GetCore([MaybeNullWhen(false)] out T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (_lockFree is { } fifo)
        {
            return fifo.Get(out item, deadline, cancellationToken);
        }

        if (!deadline.IsImmediate)
        {
            // When empty, a putter is probably about to deliver: wait for it without queuing (lock-free reads).
            Waiter.SpinUntil(this, static q => Volatile.Read(ref q._countSnapshot) > 0 || q.IsShutDown);
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            while (ItemCount == 0)
            {
                ThrowIfShutDown();
                bool notified = !deadline.IsImmediate && _notEmpty.Wait(deadline, cancellationToken);
                if (!notified && ItemCount == 0)
                {
                    ThrowIfShutDown();
                    item = default;
                    return false;
                }
            }

            item = RemoveItem(); // If it throws, no count has moved.
            _countSnapshot--;
            _notFull.Notify();
            AssertInvariants();
            return true;
        }
    }

    private bool JoinCore(Deadline deadline, CancellationToken cancellationToken)
    {
        if (_lockFree is { } fifo)
        {
            return fifo.Join(deadline, cancellationToken);
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            while (_unfinishedTasks > 0)
            {
                bool notified = !deadline.IsImmediate && _allTasksDone.Wait(deadline, cancellationToken);
                if (!notified)
                {
                    return _unfinishedTasks == 0;
                }
            }

            return true;
        }
    }

    // The lock-free engine implements exactly FifoQueue's storage, so a subclass that overrides the storage hooks
    // (or adds its own) keeps the locked machinery; and under the systematic scheduler, where each interlocked
    // operation of the engine would be a scheduling point, the locked twin explores the same semantics in fewer steps.
    private static bool UsesLockFreeEngine(Type type) =>
        type == typeof(FifoQueue<T>) && SystematicHook.CurrentMode == WaitMode.Real;

    private void ThrowIfShutDown()
    {
        if (_isShutDown)
        {
            throw new QueueShutDownException();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_mutex), "The queue's mutex must be held.");
        Debug.Assert(ItemCount >= 0, "The storage cannot hold a negative number of items.");
        Debug.Assert(_unfinishedTasks >= 0, "The unfinished count never goes below zero.");
        Debug.Assert(_countSnapshot == ItemCount, "The diagnostic count must track the storage.");
    }
}
