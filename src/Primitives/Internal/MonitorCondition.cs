using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A condition variable over an internal monitor: what CPython's queue.py builds with
/// <c>threading.Condition(self.mutex)</c>. Several conditions may share one monitor; each has its
/// own FIFO of waiters, so a notify wakes one waiter of the right kind and costs nothing when
/// nobody waits (no thundering herd).
/// </summary>
/// <remarks>Callers hold the monitor exactly once around every member.</remarks>
[DebuggerDisplay("Waiters = {WaitingThreads}")]
internal sealed class MonitorCondition
{
    private readonly object _monitor;
    private readonly WaitQueue _waiters;

    internal MonitorCondition(object monitor)
    {
        _monitor = monitor;
        _waiters = new WaitQueue(monitor);
    }

    /// <summary>Threads waiting (a snapshot, lock-free).</summary>
    internal int WaitingThreads => _waiters.CountSnapshot;

    /// <summary>
    /// Releases the monitor, waits for a notify, the deadline or cancellation, and reacquires the
    /// monitor (always, even when interrupted: an interrupt during the reacquire is kept for the
    /// thread's next wait).
    /// </summary>
    /// <returns><c>true</c> if notified; <c>false</c> if the deadline passed.</returns>
    internal bool Wait(Deadline deadline, CancellationToken cancellationToken)
    {
        Debug.Assert(Monitor.IsEntered(_monitor), "A condition is waited on with its monitor held.");
        Waiter waiter = _waiters.Enqueue();
        // The monitor must be held exactly once here. (No Debug.Assert(!Monitor.IsEntered(...)) after
        // the exit: under Coyote, IsEntered on an object nobody holds throws SynchronizationLockException.)
        Monitor.Exit(_monitor);
        try
        {
            return waiter.Block(deadline, cancellationToken);
        }
        finally
        {
            Interrupts.EnterUninterruptiblyCore(_monitor);
            _waiters.Leave(waiter);
        }
    }

    /// <summary>Wakes the longest-waiting thread, if any.</summary>
    /// <returns><c>true</c> if a thread was woken.</returns>
    internal bool Notify() => _waiters.SignalOne();

    /// <summary>Wakes every thread waiting now.</summary>
    /// <returns>How many threads were woken.</returns>
    internal int NotifyAll() => _waiters.SignalAll();
}
