using Weave.Primitives;

namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// bpo-11618 ("the lock was in a bad state after a timed acquire"), as "a timed-out waiter left
/// registered": the lock is handed directly to the first queued waiter on release, and a waiter
/// that times out does not take itself out of the queue, so a later release hands the lock to a
/// waiter that has gone and it stays locked for ever.
/// </summary>
internal sealed class GhostWaiterLock : ILock
{
    private readonly object _sync = new();
    private readonly List<Slot> _queue = []; // FIFO of waiters; guarded by _sync.
    private bool _locked;

    public void Acquire() => Acquire(Timeout.InfiniteTimeSpan, CancellationToken.None);

    public bool Acquire(TimeSpan timeout) => Acquire(timeout, CancellationToken.None);

    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        lock (_sync)
        {
            if (!_locked)
            {
                _locked = true;
                return true;
            }

            var slot = new Slot();
            _queue.Add(slot);
            while (!slot.Granted)
            {
                if (!TimedWait.Wait(_sync, deadline, cancellationToken))
                {
                    return slot.Granted; // BUG: a timed-out waiter stays in _queue.
                }
            }

            return true; // Handed over: the lock stayed locked for us.
        }
    }

    public bool TryAcquire()
    {
        lock (_sync)
        {
            return !_locked && (_locked = true);
        }
    }

    public void Release()
    {
        lock (_sync)
        {
            if (!_locked)
            {
                throw new SynchronizationLockException("cannot release un-acquired lock");
            }

            if (_queue.Count > 0)
            {
                _queue[0].Granted = true; // Hand the lock to the first waiter, even a departed one.
                _queue.RemoveAt(0);
                Monitor.PulseAll(_sync);
            }
            else
            {
                _locked = false;
            }
        }
    }

    private sealed class Slot
    {
        public bool Granted;
    }
}

/// <summary>
/// PermitCore's protocol done in the wrong order: the releaser looks for waiters before it publishes
/// the unlock, so a waiter that registers in between sleeps on a free lock (a lost wake-up).
/// </summary>
internal sealed class CheckThenReleaseLock : ILock
{
    private readonly object _sync = new();
    private int _state;   // 1 = locked.
    private int _waiters; // Guarded by _sync for writers; read by Release.

    public void Acquire()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            return;
        }

        lock (_sync)
        {
            Volatile.Write(ref _waiters, _waiters + 1);
            while (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
            {
                Monitor.Wait(_sync);
            }

            Volatile.Write(ref _waiters, _waiters - 1);
        }
    }

    public bool Acquire(TimeSpan timeout) => throw new NotSupportedException();

    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public bool TryAcquire() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

    public void Release()
    {
        bool someoneWaits = Volatile.Read(ref _waiters) > 0; // BUG: read before the unlock is published.
        if (Interlocked.CompareExchange(ref _state, 0, 1) != 1)
        {
            throw new SynchronizationLockException("release unlocked lock"); // As the real lock: only this is right.
        }

        if (someoneWaits)
        {
            lock (_sync)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }
}

/// <summary>
/// An RLock owner bug: a thread publishes itself as owner before it has won the lock, so the real
/// owner's re-entry check fails (it blocks on its own lock) or its release is refused.
/// </summary>
internal sealed class EagerOwnerReentrantLock : ILock
{
    private readonly object _sync = new();
    private bool _held;   // Guarded by _sync.
    private int _owner;   // Read without the lock for the re-entry check.
    private int _depth;

    public void Acquire()
    {
        int me = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _owner) == me)
        {
            _depth++;
            return;
        }

        Volatile.Write(ref _owner, me); // BUG: claims ownership before winning the lock.
        lock (_sync)
        {
            while (_held)
            {
                Monitor.Wait(_sync);
            }

            _held = true;
            Volatile.Write(ref _owner, me);
            _depth = 1;
        }
    }

    public bool Acquire(TimeSpan timeout) => throw new NotSupportedException();

    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

    public bool TryAcquire() => throw new NotSupportedException();

    public void Release()
    {
        if (Volatile.Read(ref _owner) != Environment.CurrentManagedThreadId)
        {
            throw new SynchronizationLockException("cannot release un-acquired lock");
        }

        if (--_depth > 0)
        {
            return;
        }

        lock (_sync)
        {
            Volatile.Write(ref _owner, 0);
            _held = false;
            Monitor.PulseAll(_sync);
        }
    }
}
