using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A counting semaphore: Python's <c>threading.Semaphore</c>.
/// </summary>
/// <remarks>
/// <para>Acquire takes a permit, blocking while there is none; release adds permits and may raise the
/// count above its initial value (use <see cref="BoundedSemaphore"/> to refuse that).
/// <c>Release(k)</c> admits exactly k waiters.</para>
/// <para>Uncontended acquire and release are one compare-and-swap each and allocate nothing.</para>
/// <para>Interrupts and cancellation: an acquire that is interrupted or cancelled takes no permit (one handed to it at that moment is passed on); a release never throws once its permits are added. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Count = {CurrentCount}, Waiters = {WaitingThreads}")]
public class CountingSemaphore : ILock
{
    private PermitCore _core;
    private readonly int _maxCount;

    /// <summary>Creates a semaphore holding <paramref name="initial"/> permits. Python: <c>Semaphore(value=1)</c>.</summary>
    /// <param name="initial">The initial count; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative.</exception>
    public CountingSemaphore(int initial = 1)
        : this(initial, int.MaxValue)
    {
    }

    private protected CountingSemaphore(int initial, int maxCount)
    {
        if (initial < 0)
        {
            throw ThrowHelper.InitialCountNegative(nameof(initial), initial);
        }

        _core = new PermitCore(initial);
        _maxCount = maxCount;
    }

    /// <summary>Permits available now. Python: <c>_value</c>.</summary>
    public int CurrentCount => _core.Permits;

    /// <summary>Threads blocked in an acquire (a snapshot, for tests and debuggers).</summary>
    internal int WaitingThreads => _core.Waiters;

    /// <summary>Takes a permit, blocking until one is available. Python: <c>acquire()</c>.</summary>
    public void Acquire()
    {
        if (!_core.TryTake())
        {
            _core.Take(Deadline.Infinite, CancellationToken.None);
        }
    }

    /// <summary>Takes a permit, blocking until one is available or the token is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; no permit was taken.</exception>
    public void Acquire(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _core.Take(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Takes a permit, waiting at most <paramref name="timeout"/>. Python: <c>acquire(timeout=t)</c>.</summary>
    /// <returns><c>true</c> if a permit was taken; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Acquire(TimeSpan timeout) => _core.Take(Deadline.After(timeout), CancellationToken.None);

    /// <summary>Takes a permit, waiting at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns><c>true</c> if a permit was taken; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; no permit was taken.</exception>
    public bool Acquire(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return _core.Take(deadline, cancellationToken);
    }

    /// <summary>Takes a permit only if one is available now. Python: <c>acquire(blocking=False)</c>.</summary>
    /// <returns><c>true</c> if a permit was taken.</returns>
    public bool TryAcquire() => _core.TryTake();

    /// <summary>Adds <paramref name="n"/> permits and wakes up to <paramref name="n"/> waiters. Python: <c>release(n)</c>.</summary>
    /// <param name="n">How many permits to add; one or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than one.</exception>
    /// <exception cref="SemaphoreFullException">The count would exceed its maximum (a
    /// <see cref="BoundedSemaphore"/>'s initial value); nothing was released.</exception>
    public void Release(int n = 1)
    {
        if (n < 1)
        {
            throw ThrowHelper.ReleaseCountNotPositive(nameof(n), n);
        }

        if (!_core.TryGive(n, _maxCount))
        {
            throw new SemaphoreFullException(_maxCount == int.MaxValue
                ? "Releasing would take the semaphore's count past int.MaxValue."
                : "Semaphore released too many times");
        }
    }

    void ILock.Release() => Release(1);

    /// <summary>Takes a permit and returns a scope that gives it back: Python's <c>with sem:</c>.</summary>
    public LockScope EnterScope()
    {
        Acquire();
        return new LockScope(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name} value={CurrentCount}>";
}
