namespace Weave.Primitives;

/// <summary>
/// An acquired <see cref="ILock"/> that <see cref="Dispose"/> releases: what
/// <c>EnterScope()</c> returns, the counterpart of Python's <c>with lock:</c>.
/// </summary>
/// <remarks>Disposing the same scope value twice releases once; <c>default(LockScope)</c> does nothing.</remarks>
public struct LockScope : IDisposable
{
    private ILock? _lock;

    /// <summary>Wraps a lock that the caller has just acquired.</summary>
    /// <param name="acquiredLock">The acquired lock to release on <see cref="Dispose"/>.</param>
    public LockScope(ILock acquiredLock)
    {
        ArgumentNullException.ThrowIfNull(acquiredLock);
        _lock = acquiredLock;
    }

    /// <summary>Releases the lock (once).</summary>
    public void Dispose()
    {
        ILock? acquired = _lock;
        _lock = null;
        acquired?.Release();
    }
}
