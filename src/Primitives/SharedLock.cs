using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A primitive lock hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().Lock()</c>. Not owned (any process may release it), not reentrant, as <see cref="PrimitiveLock"/>.
/// </summary>
/// <remarks>A waiting acquire waits in the hosting process; a timeout bounds it. A cancellation token is checked
/// before the call only (the wait itself is in another process). A process that dies holding it leaves it held,
/// as in Python.</remarks>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager lock")]
public sealed class SharedLock : ILock, ISharedObject
{
    internal const byte OpAcquire = 1, OpRelease = 2, OpLocked = 3;

    private readonly SharedProxy _proxy;

    internal SharedLock(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>True while some process holds it. Python: <c>locked()</c>.</summary>
    public bool IsLocked => _proxy.Call<bool>(OpLocked);

    /// <summary>Acquires the lock, waiting as long as it takes. Python: <c>acquire()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public void Acquire() => Acquire(Timeout.InfiniteTimeSpan);

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns>True if acquired.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        return _proxy.Call<bool>(OpAcquire, SharedRequest.Waiting(timeout));
    }

    /// <summary>As <see cref="Acquire(TimeSpan)"/>, after checking <paramref name="cancellationToken"/>.</summary>
    /// <returns>True if acquired.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before the call.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Acquire(timeout);
    }

    /// <summary>Acquires the lock only if it is free. Python: <c>acquire(blocking=False)</c>.</summary>
    /// <returns>True if acquired.</returns>
    public bool TryAcquire() => Acquire(TimeSpan.Zero);

    /// <summary>Releases the lock; any process may. Python: <c>release()</c>.</summary>
    /// <exception cref="SynchronizationLockException">It is not locked.</exception>
    public void Release() => _proxy.Call(OpRelease);

    /// <summary>Acquires the lock and returns a scope that releases it: Python's <c>with lock:</c>.</summary>
    public LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }

    /// <inheritdoc/>
    public override string ToString() => "<Manager lock>";
}
