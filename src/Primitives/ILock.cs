namespace Weave.Primitives;

/// <summary>
/// A lock-like primitive: <see cref="PrimitiveLock"/>, <see cref="ReentrantLock"/>,
/// <see cref="Condition"/> (its lock's methods), <see cref="CountingSemaphore"/> and
/// <see cref="BoundedSemaphore"/>. The counterpart of Python's acquire/release protocol.
/// </summary>
/// <remarks>
/// Timeouts: <see cref="Timeout.InfiniteTimeSpan"/> waits forever, <see cref="TimeSpan.Zero"/>
/// does not block, any other negative value throws <see cref="ArgumentOutOfRangeException"/>.
/// A cancelled or interrupted acquire leaves the primitive as if it had never been called.
/// </remarks>
public interface ILock
{
    /// <summary>Acquires, blocking as long as needed. Python: <c>acquire()</c>.</summary>
    void Acquire();

    /// <summary>Acquires, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns><c>true</c> if acquired; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    bool Acquire(TimeSpan timeout);

    /// <summary>Acquires, waiting at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns><c>true</c> if acquired; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing was acquired.</exception>
    bool Acquire(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Acquires only if that needs no waiting. Python: <c>acquire(blocking=False)</c>.</summary>
    /// <returns><c>true</c> if acquired.</returns>
    bool TryAcquire();

    /// <summary>Releases. Python: <c>release()</c>.</summary>
    void Release();

    /// <summary>
    /// Acquires and returns a scope whose <see cref="LockScope.Dispose"/> releases: the counterpart
    /// of Python's <c>with lock:</c>. Use it with <c>using</c>.
    /// </summary>
    LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }
}
