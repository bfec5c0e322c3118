using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Weave.Primitives;

/// <summary>
/// The engine of an exact <see cref="FifoQueue{T}"/> on real threads: queue.py's semantics (bounded put and get,
/// a maxsize that may change, task accounting, shutdown) with a put and a get that take no lock while there is
/// room and an item. The storage is a <see cref="ConcurrentQueue{T}"/>; the bound is two monotonic counters, one
/// written only by putters (<c>reserved</c>, <c>published</c>) and one only by getters (<c>removed</c>), each on
/// its own cache line, so one producer and one consumer never write the same line per item (a single mutex made
/// both take it on every put and get: the 2× gap to a bounded Channel measured in docs/benchmarks.md).
/// </summary>
/// <remarks>
/// <para>Blocking is the slow path, the same wait queues as every primitive: a getter that finds nothing
/// registers in <c>_waitingGetters</c>, re-checks and waits on <see cref="_notEmpty"/>; a putter that finds the
/// queue full does the same on <see cref="_notFull"/>; joiners on <see cref="_allTasksDone"/>. Each side
/// publishes with a full fence (an interlocked increment) before it reads the other side's waiter count, and a
/// waiter registers with a full fence before its last check: one of the two sees the other, so no wake-up is
/// lost (Dekker's argument).</para>
/// <para>Shutdown, a maxsize change and every wait hold <see cref="_mutex"/>; put and get take it only to wake a
/// waiter. Shutdown closes the put side first (a bit in <c>reserved</c>, so a put accepted before it has a
/// reservation and one after it throws), waits for accepted puts to publish, then drains (immediate) and wakes
/// everyone: a put is either in the queue before the shutdown or rejected, never half-applied.</para>
/// <para>Under the systematic scheduler <see cref="FifoQueue{T}"/> uses its locked twin instead (every
/// interlocked operation is a scheduling point there; the locked queue has one per call), unless a test asks
/// for this engine to explore it.</para>
/// </remarks>
[DebuggerDisplay("Count = {Count}, MaxSize = {MaxSize}, Unfinished = {UnfinishedTasks}, ShutDown = {IsShutDown}")]
internal sealed class LockFreeFifo<T>
{
    // Set in _producer.Reserved by Shutdown: a put that reads it throws; reservations made before it stand.
    private const long ShutDownBit = 1L << 62;

    // The most items (free slots) a getter that found the queue empty (a putter that found it full) spins for.
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<T> _items = new();

    // Guards the four conditions, Shutdown and the maxsize change. Never held on a put or get that neither waits nor wakes.
    private readonly object _mutex = new();

    // Getters wait here. Notified once per put that sees a registered getter; all at once by Shutdown.
    private readonly MonitorCondition _notEmpty;

    // Putters wait here. Notified once per get that sees a registered putter; all at once by MaxSize and Shutdown.
    private readonly MonitorCondition _notFull;

    // Joiners wait here. Notified (all) by a TaskDone that brings the unfinished count to zero, and by an immediate Shutdown.
    private readonly MonitorCondition _allTasksDone;

    // Shutdown waits here for the puts accepted before it to store their items. Notified (all) by such a put once it
    // has published, when it sees the shutdown bit.
    private readonly MonitorCondition _storesDone;

    private ProducerCounters _producer;
    private ConsumerCounters _consumer;
    private int _maxSize;          // <= 0: unbounded. Read without the lock; written under it.
    private int _waitingGetters;   // Getters registered to wait and not yet signaled (interlocked), read by every put.
    private int _waitingPutters;   // Putters registered to wait and not yet signaled (interlocked), read by every get.
    private int _waitingJoiners;   // Joiners registered to wait (interlocked), read by every TaskDone.

    internal LockFreeFifo(int maxSize)
    {
        _maxSize = maxSize;
        _notEmpty = new MonitorCondition(_mutex);
        _notFull = new MonitorCondition(_mutex);
        _allTasksDone = new MonitorCondition(_mutex);
        _storesDone = new MonitorCondition(_mutex);
    }

    /// <summary>Items published and not yet removed (Python's qsize: exact when nothing is in flight).</summary>
    /// <remarks>Removed is read first (a get that lands meanwhile is counted as not yet done) and the result is clamped at
    /// zero: a get may remove an item a moment before its put counts it as published.</remarks>
    internal int Count
    {
        get
        {
            long removed = Volatile.Read(ref _consumer.Removed);
            return (int)Math.Max(0, Volatile.Read(ref _producer.Published) - removed);
        }
    }

    internal bool IsFull => Volatile.Read(ref _maxSize) is var max && max > 0 && Count >= max;

    internal int MaxSize
    {
        get => Volatile.Read(ref _maxSize);
        set
        {
            using (MonitorScope.Enter(_mutex))
            {
                AssertInvariants();
                Volatile.Write(ref _maxSize, value);
                Interlocked.Add(ref _waitingPutters, -_notFull.NotifyAll()); // Each re-checks: room may have appeared for several.
            }
        }
    }

    /// <summary>Puts accepted (reserved) and not matched by TaskDone or discarded by an immediate Shutdown.</summary>
    /// <remarks>Tasks done are read first: both counts only grow, so the difference is at least the true count when the
    /// second read happens and never below it at any moment in between (a join never returns early).</remarks>
    internal int UnfinishedTasks
    {
        get
        {
            long done = Volatile.Read(ref _consumer.TasksDone);
            return (int)(Accepted(Volatile.Read(ref _producer.Reserved)) - done);
        }
    }

    internal bool IsShutDown => (Volatile.Read(ref _producer.Reserved) & ShutDownBit) != 0;

    internal int WaitingGetters => _notEmpty.WaitingThreads;

    internal int WaitingPutters => _notFull.WaitingThreads;

    internal int WaitingJoiners => _allTasksDone.WaitingThreads;

    /// <summary>Puts <paramref name="item"/>, waiting for room until <paramref name="deadline"/>.</summary>
    /// <returns><c>false</c> if still full at the deadline (nothing was put).</returns>
    internal bool Put(T item, Deadline deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            long reserved = Volatile.Read(ref _producer.Reserved);
            if ((reserved & ShutDownBit) != 0)
            {
                throw new QueueShutDownException();
            }

            if (HasNoRoom(reserved))
            {
                if (!WaitForRoom(deadline, cancellationToken))
                {
                    return false;
                }

                continue;
            }

            if (Interlocked.CompareExchange(ref _producer.Reserved, reserved + 1, reserved) == reserved)
            {
                break;
            }
        }

        // Accepted: the slot and the unfinished task are counted; from here the put completes whatever happens.
        Store(item);
        Interlocked.Increment(ref _producer.Published); // The fence Dekker's argument needs before the reads below.
        if (Volatile.Read(ref _waitingGetters) > 0)
        {
            Wake(_notEmpty, ref _waitingGetters);
        }

        if ((Volatile.Read(ref _producer.Reserved) & ShutDownBit) != 0)
        {
            // A shutdown began while this put was storing: it may be waiting for this item to count it (or discard it).
            using (MonitorScope.Enter(_mutex))
            {
                _storesDone.NotifyAll();
            }
        }

        return true;
    }

    /// <summary>Takes the oldest item, waiting for one until <paramref name="deadline"/>.</summary>
    /// <returns><c>false</c> if still empty at the deadline (nothing was taken).</returns>
    internal bool Get([MaybeNullWhen(false)] out T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (_items.TryDequeue(out item))
        {
            Removed();
            return true;
        }

        return GetSlow(out item, deadline, cancellationToken);
    }

    internal void TaskDone()
    {
        if (!TryFinishOne())
        {
            throw new InvalidOperationException("task_done() called too many times");
        }

        if (Volatile.Read(ref _waitingJoiners) > 0 && UnfinishedTasks == 0)
        {
            using (MonitorScope.Enter(_mutex))
            {
                _allTasksDone.NotifyAll();
            }
        }
    }

    internal bool Join(Deadline deadline, CancellationToken cancellationToken)
    {
        if (UnfinishedTasks == 0)
        {
            return true;
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            Interlocked.Increment(ref _waitingJoiners);
            try
            {
                while (UnfinishedTasks > 0)
                {
                    bool notified = !deadline.IsImmediate && _allTasksDone.Wait(deadline, cancellationToken);
                    if (!notified)
                    {
                        return UnfinishedTasks == 0;
                    }
                }

                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _waitingJoiners);
            }
        }
    }

    internal void Shutdown(bool immediate)
    {
        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            long reserved = Volatile.Read(ref _producer.Reserved);
            while ((reserved & ShutDownBit) == 0)
            {
                long seen = Interlocked.CompareExchange(ref _producer.Reserved, reserved | ShutDownBit, reserved);
                if (seen == reserved)
                {
                    break;
                }

                reserved = seen;
            }

            // Puts accepted before the bit may be mid-store: wait until each has published (the last one wakes us).
            WaitForStores(Accepted(reserved));

            if (immediate)
            {
                while (_items.TryDequeue(out _))
                {
                    Interlocked.Increment(ref _consumer.Removed);
                    TryFinishOne(); // Never below zero: false once every task is done.
                }

                _allTasksDone.NotifyAll();
            }

            // Every blocked getter and putter re-checks, and throws if it has to.
            Interlocked.Add(ref _waitingGetters, -_notEmpty.NotifyAll());
            Interlocked.Add(ref _waitingPutters, -_notFull.NotifyAll());
            AssertInvariants();
        }
    }

    private static long Accepted(long reserved) => reserved & ~ShutDownBit;

    // How many items (or free slots) a getter at an empty queue (a putter at a full one) lets build up while the other
    // side keeps going: an eighth of maxsize, at least one; MaxBatch when unbounded.
    private static int Batch(int maxSize) => maxSize <= 0 ? MaxBatch : Math.Clamp(maxSize / 8, 1, MaxBatch);

    // Free slots of a bounded queue now (fresh reads of both sides); long.MaxValue when unbounded.
    private long FreeSlots()
    {
        int max = Volatile.Read(ref _maxSize);
        return max <= 0 ? long.MaxValue : max - (Accepted(Volatile.Read(ref _producer.Reserved)) - Volatile.Read(ref _consumer.Removed));
    }

    // Called with the mutex held, after the shutdown bit is set. Uninterruptible: the shutdown has begun to take effect
    // and must finish; an interrupt that arrives meanwhile is kept for the thread's next wait.
    private void WaitForStores(long accepted)
    {
        bool interrupted = false;
        while (Volatile.Read(ref _producer.Published) != accepted)
        {
            try
            {
                _storesDone.Wait(Deadline.Infinite, CancellationToken.None);
            }
            catch (ThreadInterruptedException)
            {
                interrupted = true;
            }
        }

        if (interrupted)
        {
            Interrupts.Rearm();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_mutex), "The queue's mutex must be held.");
        // Read the lower counts first: every count only grows, so each pair is compared as of one moment or better.
        long published = Volatile.Read(ref _producer.Published);
        long tasksDone = Volatile.Read(ref _consumer.TasksDone);
        long accepted = Accepted(Volatile.Read(ref _producer.Reserved));
        Debug.Assert(published <= accepted, "Only an accepted put publishes.");
        Debug.Assert(tasksDone <= accepted, "Tasks done never outnumber puts accepted.");
        Debug.Assert(Volatile.Read(ref _waitingGetters) >= 0 && Volatile.Read(ref _waitingPutters) >= 0 && Volatile.Read(ref _waitingJoiners) >= 0, "Waiter counts never go below zero.");
    }

    private bool HasNoRoom(long reserved)
    {
        int max = Volatile.Read(ref _maxSize);
        if (max <= 0)
        {
            return false;
        }

        long taken = Accepted(reserved);

        // The removed count as last seen by a putter: a stale (lower) value only makes the check conservative, and
        // reading the getters' line only when it says "full" keeps a producer off that line on most puts.
        if (taken - _producer.RemovedSeen < max)
        {
            return false;
        }

        long removed = Volatile.Read(ref _consumer.Removed);
        _producer.RemovedSeen = removed;
        return taken - removed >= max;
    }

    private void Store(T item)
    {
        try
        {
            // Non-blocking, except for the storage's own lock when it grows a segment: a contended entry there
            // throws a pending interrupt, which must not undo an accepted put. Keep it for the next wait.
            _items.Enqueue(item);
        }
        catch (ThreadInterruptedException)
        {
            StoreAfterInterrupt(item);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StoreAfterInterrupt(T item)
    {
        // The interrupt was consumed by the throw; another may arrive meanwhile: store until it sticks, re-arm once.
        while (true)
        {
            try
            {
                _items.Enqueue(item);
                break;
            }
            catch (ThreadInterruptedException)
            {
            }
        }

        Interrupts.Rearm();
    }

    private void Removed()
    {
        Interlocked.Increment(ref _consumer.Removed); // The fence Dekker's argument needs before the read below.
        if (Volatile.Read(ref _waitingPutters) > 0)
        {
            Wake(_notFull, ref _waitingPutters);
        }
    }

    private void Wake(MonitorCondition condition, ref int registered)
    {
        using (MonitorScope.Enter(_mutex))
        {
            if (condition.Notify())
            {
                Interlocked.Decrement(ref registered); // The woken waiter is no longer one to wake.
            }
        }
    }

    private bool TryFinishOne()
    {
        while (true)
        {
            long done = Volatile.Read(ref _consumer.TasksDone);
            if (Accepted(Volatile.Read(ref _producer.Reserved)) - done <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _consumer.TasksDone, done + 1, done) == done)
            {
                return true;
            }
        }
    }

    private bool GetSlow([MaybeNullWhen(false)] out T item, Deadline deadline, CancellationToken cancellationToken)
    {
        if (!deadline.IsImmediate)
        {
            // The mirror of a putter at a full queue: while putters keep publishing, let a batch build up rather than
            // take each item as it lands (measured: runs in which one consumer met its producer at the empty queue
            // cost 65 ns per item, runs in which it lagged behind 15 ns). Then a plain spin for a putter about to deliver.
            Waiter.SpinForBatch(
                (Queue: this, Batch: Batch(Volatile.Read(ref _maxSize))),
                static s => Volatile.Read(ref s.Queue._producer.Published),
                static s => s.Queue.IsShutDown || s.Queue.Count >= s.Batch);
            if (_items.TryDequeue(out item) ||
                (Waiter.SpinUntil(this, static q => !q._items.IsEmpty || q.IsShutDown) && _items.TryDequeue(out item)))
            {
                Removed();
                return true;
            }
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            while (true)
            {
                Interlocked.Increment(ref _waitingGetters); // Registered (a full fence) before the checks below.
                if (_items.TryDequeue(out item))
                {
                    Interlocked.Decrement(ref _waitingGetters);
                    break;
                }

                // Shutdown runs under this lock and publishes every accepted put first: empty here is final.
                if (IsShutDown || deadline.IsImmediate)
                {
                    Interlocked.Decrement(ref _waitingGetters);
                    return IsShutDown ? throw new QueueShutDownException() : false;
                }

                if (!WaitRegistered(_notEmpty, ref _waitingGetters, deadline, cancellationToken))
                {
                    // The deadline passed: a last look, as queue.py's loop takes one.
                    if (_items.TryDequeue(out item))
                    {
                        break;
                    }

                    return IsShutDown ? throw new QueueShutDownException() : false;
                }
            }

            Removed();
            return true;
        }
    }

    private bool WaitForRoom(Deadline deadline, CancellationToken cancellationToken)
    {
        if (deadline.IsImmediate)
        {
            return false;
        }

        // Spin for a batch of free slots, not one: a putter that resumes at every single free slot keeps writing the
        // slot its getter has just emptied, and the two cores trade that cache line per item (measured: a full bounded
        // queue cost twice an unbounded one that way). After the spin any room is taken; with none, a plain spin,
        // then the wait queue.
        _ = Waiter.SpinUntil((Queue: this, Batch: Batch(Volatile.Read(ref _maxSize))), static s => s.Queue.IsShutDown || s.Queue.FreeSlots() >= s.Batch);
        if (IsShutDown || !HasNoRoom(Volatile.Read(ref _producer.Reserved)) ||
            Waiter.SpinUntil(this, static q => q.IsShutDown || !q.HasNoRoom(Volatile.Read(ref q._producer.Reserved))))
        {
            return true; // The caller re-checks and reserves (or throws) without the lock.
        }

        using (MonitorScope.Enter(_mutex))
        {
            AssertInvariants();
            while (true)
            {
                Interlocked.Increment(ref _waitingPutters); // Registered (a full fence) before the check below.
                if (IsShutDown || !HasNoRoom(Volatile.Read(ref _producer.Reserved)))
                {
                    Interlocked.Decrement(ref _waitingPutters);
                    return true;
                }

                if (!WaitRegistered(_notFull, ref _waitingPutters, deadline, cancellationToken))
                {
                    return IsShutDown || !HasNoRoom(Volatile.Read(ref _producer.Reserved)); // A last look.
                }
            }
        }
    }

    // Called with the mutex held by a caller registered in `registered` that must wait. A notifier that signals it also
    // unregisters it (so a put or get wakes only waiters not already woken, and skips the lock once all are); a wait
    // that ends any other way (deadline, cancellation, interrupt) unregisters itself. A signaled wait never throws.
    private static bool WaitRegistered(MonitorCondition condition, ref int registered, Deadline deadline, CancellationToken cancellationToken)
    {
        bool signaled = false;
        try
        {
            signaled = condition.Wait(deadline, cancellationToken);
            return signaled;
        }
        finally
        {
            if (!signaled)
            {
                Interlocked.Decrement(ref registered);
            }
        }
    }
}
