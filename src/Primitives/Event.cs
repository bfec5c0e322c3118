using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A flag that threads wait for: Python's <c>threading.Event</c>.
/// </summary>
/// <remarks>
/// <see cref="Set"/> wakes every thread waiting at that moment, and each of them returns
/// <c>true</c> even if <see cref="Clear"/> follows at once (CPython gh-57711): a woken waiter
/// does not re-check the flag.
/// <para>Interrupts and cancellation: an interrupted or cancelled wait has no effect; <see cref="Set"/> never throws once the flag is raised, and every waiter is woken. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("IsSet = {IsSet}, Waiters = {WaitingThreads}")]
public sealed class Event
{
    // The flag. Written under the _waiters monitor by Set, lock-free by Clear; read lock-free.
    private volatile bool _flag;

    // Threads blocked in Wait; its own monitor guards it. Signaled (all at once) by Set.
    private readonly WaitQueue _waiters = new();

    /// <summary>Creates an event that is not set.</summary>
    public Event()
    {
    }

    /// <summary>True when the flag is set. Python: <c>is_set()</c>.</summary>
    public bool IsSet => _flag;

    /// <summary>Threads blocked in a wait (a snapshot, for tests and debuggers).</summary>
    internal int WaitingThreads => _waiters.CountSnapshot;

    /// <summary>Sets the flag and wakes every waiting thread. Idempotent. Python: <c>set()</c>.</summary>
    public void Set()
    {
        if (_flag)
        {
            return; // Nobody can be waiting while the flag is set.
        }

        using (MonitorScope.Enter(_waiters))
        {
            AssertInvariants();
            _flag = true;
            _waiters.SignalAll();
            AssertInvariants();
        }
    }

    /// <summary>Clears the flag; later waits block until the next <see cref="Set"/>. Python: <c>clear()</c>.</summary>
    public void Clear() => _flag = false;

    /// <summary>Blocks until the flag is set. Python: <c>wait()</c>.</summary>
    /// <returns>Always <c>true</c>.</returns>
    public bool Wait() => WaitCore(Deadline.Infinite, CancellationToken.None);

    /// <summary>Blocks until the flag is set or the token is cancelled.</summary>
    /// <returns>Always <c>true</c>.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public bool Wait(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WaitCore(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Blocks until the flag is set or the timeout passes. Python: <c>wait(timeout)</c>.</summary>
    /// <returns><c>true</c> if the flag was set (or a <see cref="Set"/> woke this wait); <c>false</c> on timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Wait(TimeSpan timeout) => WaitCore(Deadline.After(timeout), CancellationToken.None);

    /// <summary>Blocks until the flag is set, the timeout passes or the token is cancelled.</summary>
    /// <returns><c>true</c> if the flag was set (or a <see cref="Set"/> woke this wait); <c>false</c> on timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        return WaitCore(deadline, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => IsSet ? "<Event set>" : "<Event unset>";

    private bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        if (_flag)
        {
            return true;
        }

        if (deadline.IsImmediate)
        {
            return false;
        }

        if (Waiter.SpinUntil(this, static e => e._flag))
        {
            return true; // Set while we spun: no need to queue.
        }

        Waiter waiter;
        using (MonitorScope.Enter(_waiters))
        {
            AssertInvariants();
            if (_flag)
            {
                return true;
            }

            waiter = _waiters.Enqueue();
        }

        try
        {
            return waiter.Block(deadline, cancellationToken);
        }
        finally
        {
            _waiters.Depart(waiter);
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_waiters), "The event's wait queue monitor must be held.");
        Debug.Assert(!_flag || _waiters.IsEmpty, "No thread may stay queued while the flag is set.");
    }
}
