using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Weave.Primitives;

/// <summary>
/// A reentrant lock hosted by a <see cref="Manager"/> and shared by every process it is passed to: Python's
/// <c>Manager().RLock()</c>. Owned by one thread of one process (process id and thread id), which may acquire it
/// again; only the owner may release it.
/// </summary>
[JsonConverter(typeof(SharedObjectJsonConverterFactory))]
[DebuggerDisplay("Manager rlock")]
public sealed class SharedReentrantLock : ILock, ISharedObject
{
    internal const byte OpAcquire = 1, OpRelease = 2, OpDepth = 3;

    private readonly SharedProxy _proxy;

    internal SharedReentrantLock(SharedProxy proxy) => _proxy = proxy;

    SharedProxy ISharedObject.Proxy => _proxy;

    /// <summary>How many times the calling thread holds it (0 when it does not own it).</summary>
    public int RecursionCount => _proxy.Call<int>(OpDepth, new SharedRequest(Owner: Caller));

    private static string Caller => $"{Environment.ProcessId}:{Environment.CurrentManagedThreadId}";

    /// <summary>Acquires the lock (again, if the calling thread owns it). Python: <c>acquire()</c>.</summary>
    /// <exception cref="ObjectDisposedException">The manager was shut down.</exception>
    /// <exception cref="IOException">The process hosting the manager is gone.</exception>
    public void Acquire() => Acquire(Timeout.InfiniteTimeSpan);

    /// <summary>Acquires the lock, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns>True if acquired.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout)
    {
        _ = Deadline.After(timeout);
        return _proxy.Call<bool>(OpAcquire, SharedRequest.Waiting(timeout, Caller));
    }

    /// <summary>As <see cref="Acquire(TimeSpan)"/>, after checking <paramref name="cancellationToken"/>.</summary>
    /// <returns>True if acquired.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before the call.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Acquire(timeout);
    }

    /// <summary>Acquires the lock only if that needs no waiting.</summary>
    /// <returns>True if acquired.</returns>
    public bool TryAcquire() => Acquire(TimeSpan.Zero);

    /// <summary>Releases one level. Python: <c>release()</c>.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not own it ("cannot release un-acquired lock").</exception>
    public void Release() => _proxy.Call(OpRelease, new SharedRequest(Owner: Caller));

    /// <summary>Acquires the lock and returns a scope that releases it: Python's <c>with lock:</c>.</summary>
    public LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }

    /// <inheritdoc/>
    public override string ToString() => "<Manager rlock>";
}
