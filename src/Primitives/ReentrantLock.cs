using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// An owned, reentrant lock: Python's <c>threading.RLock</c>.
/// </summary>
/// <remarks>
/// <para>The owner may acquire again and must release as many times; only the owner may release.</para>
/// <para>A re-acquire by the owner touches no shared memory; a first acquire is one
/// compare-and-swap. Nothing allocates on the uncontended path.</para>
/// <para>Interrupts and cancellation: an acquire that is interrupted or cancelled takes nothing; a release never throws once it has taken effect (an interrupt that arrives meanwhile stays pending). See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Owner = {_owner}, Depth = {_recursion}, Waiters = {WaitingThreads}")]
public sealed class ReentrantLock : ILock, IConditionLock
{
    private PermitCore _core = new(1);

    // Managed thread id of the owner, 0 when free. Written only by the owner (after taking the
    // permit, before giving it back), so a thread reading its own id here is the owner.
    private int _owner;

    // The owner's acquisition depth; read and written by the owner only.
    private int _recursion;

    /// <summary>Creates an unowned lock.</summary>
    public ReentrantLock()
    {
    }

    /// <summary>True when the calling thread owns the lock. Python: <c>_is_owned()</c>.</summary>
    public bool IsOwnedByCurrentThread => Volatile.Read(ref _owner) == Environment.CurrentManagedThreadId;

    /// <summary>
    /// How many times the calling thread holds the lock (0 when it does not own it).
    /// Python: <c>_recursion_count()</c>.
    /// </summary>
    public int RecursionCount => IsOwnedByCurrentThread ? _recursion : 0;

    /// <summary>True while some thread owns the lock.</summary>
    public bool IsLocked => _core.Permits == 0;

    /// <summary>Threads blocked in an acquire (a snapshot, for tests and debuggers).</summary>
    internal int WaitingThreads => _core.Waiters;

    bool IConditionLock.IsOwnedByCaller => IsOwnedByCurrentThread;

    /// <summary>Acquires the lock, or enters it again if the calling thread owns it. Python: <c>acquire()</c>.</summary>
    public void Acquire()
    {
        if (TryReenter())
        {
            return;
        }

        if (!_core.TryTake())
        {
            _core.Take(Deadline.Infinite, CancellationToken.None);
        }

        TakeOwnership(1);
    }

    /// <summary>Acquires the lock, blocking until it is free or the token is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing changed.</exception>
    public void Acquire(CancellationToken cancellationToken) =>
        Acquire(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns><c>true</c> if acquired (or re-entered); <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout) => Acquire(timeout, CancellationToken.None);

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns><c>true</c> if acquired (or re-entered); <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing changed.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        if (TryReenter())
        {
            return true;
        }

        if (!_core.Take(deadline, cancellationToken))
        {
            return false;
        }

        TakeOwnership(1);
        return true;
    }

    /// <summary>Acquires (or re-enters) the lock only if that needs no waiting. Python: <c>acquire(blocking=False)</c>.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    public bool TryAcquire()
    {
        if (TryReenter())
        {
            return true;
        }

        if (!_core.TryTake())
        {
            return false;
        }

        TakeOwnership(1);
        return true;
    }

    /// <summary>Releases one level; the last release frees the lock. Python: <c>release()</c>.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not own the lock.</exception>
    public void Release()
    {
        if (!IsOwnedByCurrentThread)
        {
            throw ThrowHelper.ReleaseUnacquired();
        }

        if (--_recursion == 0)
        {
            GiveUpOwnership();
        }
    }

    /// <summary>Acquires the lock and returns a scope that releases it: Python's <c>with lock:</c>.</summary>
    public LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsLocked ? $"<locked ReentrantLock owner={Volatile.Read(ref _owner)}>" : "<unlocked ReentrantLock>";

    int IConditionLock.ReleaseSave()
    {
        if (!IsOwnedByCurrentThread)
        {
            throw ThrowHelper.ReleaseUnacquired();
        }

        int depth = _recursion;
        _recursion = 0;
        GiveUpOwnership();
        return depth;
    }

    void IConditionLock.AcquireRestore(int state)
    {
        Debug.Assert(state > 0, "A saved depth is at least one.");
        _core.Take(Deadline.Infinite, CancellationToken.None);
        TakeOwnership(state);
    }

    private bool TryReenter()
    {
        if (Volatile.Read(ref _owner) != Environment.CurrentManagedThreadId)
        {
            return false;
        }

        _recursion = checked(_recursion + 1);
        return true;
    }

    private void TakeOwnership(int depth)
    {
        Debug.Assert(_owner == 0 && _recursion == 0, "A newly taken lock has no owner and no depth.");
        _recursion = depth;
        Volatile.Write(ref _owner, Environment.CurrentManagedThreadId);
    }

    private void GiveUpOwnership()
    {
        Debug.Assert(_recursion == 0, "Ownership ends only at depth zero.");
        Volatile.Write(ref _owner, 0);
        bool given = _core.TryGive(1, max: 1);
        Debug.Assert(given, "An owned lock always has its permit taken.");
    }
}
