using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A primitive (non-reentrant, unowned) lock: Python's <c>threading.Lock</c>.
/// </summary>
/// <remarks>
/// <para>Not owned: any thread may release it, and a second acquire by the holder blocks (it
/// does not recurse). For an owned, reentrant lock use <see cref="ReentrantLock"/>.</para>
/// <para>Uncontended acquire and release are one compare-and-swap each and allocate nothing;
/// a contended acquire spins briefly, then parks in FIFO order.</para>
/// <para>Interrupts and cancellation: an acquire that is interrupted or cancelled takes nothing; <see cref="Release"/> never throws once it has unlocked (an interrupt that arrives meanwhile stays pending). See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Locked = {IsLocked}, Waiters = {WaitingThreads}")]
public sealed class PrimitiveLock : ILock, IConditionLock
{
    // One permit: 1 = unlocked, 0 = locked.
    private PermitCore _core = new(1);

    /// <summary>Creates an unlocked lock.</summary>
    public PrimitiveLock()
    {
    }

    /// <summary>True while some thread holds the lock. Python: <c>locked()</c>.</summary>
    public bool IsLocked => _core.Permits == 0;

    /// <summary>Threads blocked in an acquire (a snapshot, for tests and debuggers).</summary>
    internal int WaitingThreads => _core.Waiters;

    bool IConditionLock.IsOwnedByCaller => IsLocked; // As CPython: for a plain Lock, "owned" means "locked".

    /// <summary>Acquires the lock, blocking until it is free. Python: <c>acquire()</c>.</summary>
    public void Acquire()
    {
        if (!_core.TryTake())
        {
            _core.Take(Deadline.Infinite, CancellationToken.None);
        }
    }

    /// <summary>Acquires the lock, blocking until it is free or the token is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock was not acquired.</exception>
    public void Acquire(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _core.Take(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns><c>true</c> if acquired; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout) => _core.Take(Deadline.After(timeout), CancellationToken.None);

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns><c>true</c> if acquired; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the lock was not acquired.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return _core.Take(deadline, cancellationToken);
    }

    /// <summary>Acquires the lock only if it is free. Python: <c>acquire(blocking=False)</c>.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    public bool TryAcquire() => _core.TryTake();

    /// <summary>Releases the lock; any thread may release it. Python: <c>release()</c>.</summary>
    /// <exception cref="SynchronizationLockException">The lock is not locked ("cannot release un-acquired lock").</exception>
    public void Release()
    {
        if (!_core.TryGive(1, max: 1))
        {
            throw ThrowHelper.ReleaseUnacquired();
        }
    }

    /// <summary>Acquires the lock and returns a scope that releases it: Python's <c>with lock:</c>.</summary>
    public LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }

    /// <inheritdoc/>
    public override string ToString() => IsLocked ? "<locked PrimitiveLock>" : "<unlocked PrimitiveLock>";

    int IConditionLock.ReleaseSave()
    {
        Release();
        return 0;
    }

    void IConditionLock.AcquireRestore(int state) => Acquire();
}
