using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A condition variable over a lock: Python's <c>threading.Condition</c>.
/// </summary>
/// <remarks>
/// <para>Waiters are woken in FIFO order and never spuriously; <see cref="Notify"/> wakes at most
/// n live waiters (a waiter that timed out or was cancelled is skipped, so it cannot swallow a
/// notification); <see cref="NotifyAll"/> wakes only the threads waiting at that moment.</para>
/// <para>A wait fully releases a recursively held <see cref="ReentrantLock"/> and restores its depth;
/// the lock is held again whenever a wait returns or throws.</para>
/// <para>Interrupts and cancellation: an interrupted or cancelled wait consumes no notification and returns with the lock held again; a notify never throws once it has chosen its waiters. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Waiters = {WaitersForDebugger}, Lock = {Lock}")]
public sealed class Condition : ILock
{
    private readonly IConditionLock _conditionLock;

    // Threads blocked in Wait. Its own monitor guards it (not the user's lock: a PrimitiveLock can
    // be released by any thread, so it cannot protect our bookkeeping). Signaled by Notify/NotifyAll.
    private readonly WaitQueue _waiters = new();

    /// <summary>Creates a condition with a new <see cref="ReentrantLock"/>, as Python does.</summary>
    public Condition()
        : this(new ReentrantLock())
    {
    }

    /// <summary>Creates a condition that shares <paramref name="lock"/> (Python: <c>Condition(lock)</c>).</summary>
    /// <param name="lock">A <see cref="PrimitiveLock"/>, a <see cref="ReentrantLock"/>, another
    /// condition (its lock is shared), or any other <see cref="ILock"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lock"/> is null.</exception>
    public Condition(ILock @lock)
    {
        ArgumentNullException.ThrowIfNull(@lock, nameof(@lock));
        Lock = @lock is Condition other ? other.Lock : @lock;
        _conditionLock = Lock as IConditionLock ?? new AnyLock(Lock);
    }

    /// <summary>The lock this condition waits with.</summary>
    public ILock Lock { get; }

    private int WaitersForDebugger => _waiters.CountSnapshot;

    /// <summary>Acquires the underlying lock.</summary>
    public void Acquire() => Lock.Acquire();

    /// <summary>Acquires the underlying lock, waiting at most <paramref name="timeout"/>.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout) => Lock.Acquire(timeout);

    /// <summary>Acquires the underlying lock, waiting at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken) => Lock.Acquire(timeout, cancellationToken);

    /// <summary>Acquires the underlying lock only if that needs no waiting.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    public bool TryAcquire() => Lock.TryAcquire();

    /// <summary>Releases the underlying lock.</summary>
    /// <exception cref="SynchronizationLockException">The lock's own release rules were broken.</exception>
    public void Release() => Lock.Release();

    /// <summary>Acquires the underlying lock and returns a scope that releases it: Python's <c>with cond:</c>.</summary>
    public LockScope EnterScope()
    {
        Lock.Acquire();
        return new LockScope(Lock);
    }

    /// <summary>Releases the lock, waits until notified, and reacquires it. Python: <c>wait()</c>.</summary>
    /// <returns>Always <c>true</c>, as Python's <c>wait()</c>.</returns>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public bool Wait() => WaitCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>Releases the lock, waits until notified or cancelled, and reacquires it.</summary>
    /// <returns>Always <c>true</c>.</returns>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock is held again and no notification was consumed.</exception>
    public bool Wait(CancellationToken cancellationToken) => WaitCore(Deadline.Infinite, cancellationToken);

    /// <summary>Releases the lock, waits until notified or the timeout passes, and reacquires it. Python: <c>wait(timeout)</c>.</summary>
    /// <returns><c>true</c> if notified; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public bool Wait(TimeSpan timeout) => WaitCore(Deadline.After(timeout), CancellationToken.None);

    /// <summary>Releases the lock, waits until notified, the timeout passes or the token is cancelled, and reacquires it.</summary>
    /// <returns><c>true</c> if notified; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock is held again and no notification was consumed.</exception>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitCore(Deadline.After(timeout), cancellationToken);

    /// <summary>Waits until <paramref name="predicate"/> is true. Python: <c>wait_for(predicate)</c>.</summary>
    /// <returns>The predicate's last value (always <c>true</c> here).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public bool WaitFor(Func<bool> predicate) => WaitForCore(predicate, Deadline.Infinite, CancellationToken.None);

    /// <summary>Waits until <paramref name="predicate"/> is true or the token is cancelled.</summary>
    /// <returns>The predicate's last value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock is held again.</exception>
    public bool WaitFor(Func<bool> predicate, CancellationToken cancellationToken) =>
        WaitForCore(predicate, Deadline.Infinite, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="predicate"/> is true or the timeout passes, with one deadline over
    /// all wake-ups. Python: <c>wait_for(predicate, timeout)</c>.
    /// </summary>
    /// <returns>The predicate's last value: <c>false</c> means the timeout passed first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public bool WaitFor(Func<bool> predicate, TimeSpan timeout) =>
        WaitForCore(predicate, Deadline.After(timeout), CancellationToken.None);

    /// <summary>Waits until <paramref name="predicate"/> is true, the timeout passes or the token is cancelled.</summary>
    /// <returns>The predicate's last value: <c>false</c> means the timeout passed first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock is held again.</exception>
    public bool WaitFor(Func<bool> predicate, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForCore(predicate, Deadline.After(timeout), cancellationToken);

    /// <summary>Wakes up to <paramref name="n"/> waiting threads, oldest first. Python: <c>notify(n)</c>.</summary>
    /// <param name="n">How many to wake; zero or less does nothing, as in Python.</param>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void Notify(int n = 1)
    {
        if (!_conditionLock.IsOwnedByCaller)
        {
            throw ThrowHelper.NotifyUnacquired();
        }

        if (n <= 0)
        {
            return;
        }

        using (MonitorScope.Enter(_waiters))
        {
            _waiters.Signal(n);
        }
    }

    /// <summary>Wakes every thread waiting now. Python: <c>notify_all()</c>.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void NotifyAll()
    {
        if (!_conditionLock.IsOwnedByCaller)
        {
            throw ThrowHelper.NotifyUnacquired();
        }

        using (MonitorScope.Enter(_waiters))
        {
            _waiters.SignalAll();
        }
    }

    /// <summary>Threads blocked in a wait (a snapshot, for tests and debuggers).</summary>
    internal int WaitingThreads => _waiters.CountSnapshot;

    internal bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        if (!_conditionLock.IsOwnedByCaller)
        {
            throw ThrowHelper.WaitUnacquired();
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Enqueue before releasing the lock: a notify that runs the moment the lock is free must
        // find this waiter (the lost notify of bpo-8799 cannot happen).
        Waiter waiter;
        using (MonitorScope.Enter(_waiters))
        {
            waiter = _waiters.Enqueue();
        }

        int saved;
        try
        {
            saved = _conditionLock.ReleaseSave();
        }
        catch
        {
            _waiters.Depart(waiter);
            throw;
        }

        try
        {
            return waiter.Block(deadline, cancellationToken);
        }
        finally
        {
            RestoreLock(saved);
            _waiters.Depart(waiter);
        }
    }

    private bool WaitForCore(Func<bool> predicate, Deadline deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (!_conditionLock.IsOwnedByCaller)
        {
            throw ThrowHelper.WaitUnacquired();
        }

        // As Python's wait_for: wait, look again, and stop once the one deadline has passed, even
        // while notifications keep coming. A timed-out wait gets one last look at the predicate.
        bool result = predicate();
        while (!result)
        {
            bool notified = WaitCore(deadline, cancellationToken);
            result = predicate();
            if (!notified || TimedWait.HasPassed(deadline))
            {
                break;
            }
        }

        return result;
    }

    // The lock must be held again whatever happens (Python's "restore state no matter what"): an
    // interrupt during the reacquire is kept for the thread's next wait instead of escaping with
    // the lock not held.
    private void RestoreLock(int saved)
    {
        bool interrupted = false;
        while (true)
        {
            try
            {
                _conditionLock.AcquireRestore(saved);
                break;
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

    /// <summary>Condition support for an arbitrary <see cref="ILock"/>, as CPython does for foreign locks.</summary>
    private sealed class AnyLock(ILock inner) : IConditionLock
    {
        // "Owned" means "cannot be taken right now" (CPython's _is_owned fallback).
        public bool IsOwnedByCaller
        {
            get
            {
                if (inner.TryAcquire())
                {
                    inner.Release();
                    return false;
                }

                return true;
            }
        }

        public int ReleaseSave()
        {
            inner.Release();
            return 0;
        }

        public void AcquireRestore(int state) => inner.Acquire();
    }
}
