using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A FIFO of parked threads (<see cref="Waiter"/> nodes): the one wait queue every Weave primitive
/// uses, so fairness, timeouts and cancellation are handled once.
/// </summary>
/// <remarks>
/// Contract: every member is called with the queue's guard held (the monitor of the object given
/// to the constructor, or of the queue itself). <see cref="Waiter.Block"/> is called without it.
/// A thread's cycle is: <see cref="Enqueue"/> under the guard, release the guard,
/// <see cref="Waiter.Block"/>, retake the guard, <see cref="Leave"/>.
/// </remarks>
[DebuggerDisplay("Count = {CountSnapshot}")]
internal sealed class WaitQueue
{
    private readonly object _guard;
    private Waiter? _head;
    private Waiter? _tail;
    private int _count;

    /// <summary>Creates a queue guarded by <paramref name="guard"/>'s monitor, or its own if null.</summary>
    internal WaitQueue(object? guard = null) => _guard = guard ?? this;

    /// <summary>Nodes in the queue, including abandoned ones not yet removed.</summary>
    internal int Count
    {
        get
        {
            AssertGuardHeld();
            return _count;
        }
    }

    /// <summary>True when no node is queued.</summary>
    internal bool IsEmpty
    {
        get
        {
            AssertGuardHeld();
            return _head is null;
        }
    }

    /// <summary>The count read without the guard: for debuggers and diagnostics, which must not block.</summary>
    internal int CountSnapshot => Volatile.Read(ref _count);

    /// <summary>Appends a node for the calling thread and returns it.</summary>
    /// <param name="ticket">A value carried by the node (a barrier's arrival index).</param>
    internal Waiter Enqueue(int ticket = 0)
    {
        AssertGuardHeld();
        Waiter waiter = Waiter.Rent();
        waiter.Ticket = ticket;
        waiter._queue = this;
        waiter._previous = _tail;
        waiter._next = null;
        if (_tail is null)
        {
            _head = waiter;
        }
        else
        {
            _tail._next = waiter;
        }

        _tail = waiter;
        _count++;
        return waiter;
    }

    /// <summary>Removes <paramref name="waiter"/> if it is still queued, and recycles it.</summary>
    internal void Leave(Waiter waiter)
    {
        AssertGuardHeld();
        if (waiter._queue == this)
        {
            Unlink(waiter);
        }

        Waiter.Return(waiter);
    }

    /// <summary>
    /// Called without the guard once <see cref="Waiter.Block"/> has returned: recycles a signaled
    /// node at once (its notifier already unlinked it), otherwise takes the guard and leaves.
    /// </summary>
    internal void Depart(Waiter waiter)
    {
        if (waiter.IsSignaled)
        {
            // The notifier unlinked the node before its compare-and-swap, which IsSignaled observed.
            Waiter.Return(waiter);
            return;
        }

        using (MonitorScope.Enter(_guard))
        {
            Leave(waiter);
        }
    }

    /// <summary>
    /// Removes a still-queued <paramref name="waiter"/>, lowers by one the ticket of every node queued
    /// after it (tickets stay dense arrival positions), and recycles it.
    /// </summary>
    internal void Withdraw(Waiter waiter)
    {
        AssertGuardHeld();
        Debug.Assert(waiter._queue == this, "Only a queued node can be withdrawn.");
        for (Waiter? later = waiter._next; later is not null; later = later._next)
        {
            later.Ticket--;
        }

        Leave(waiter);
    }

    /// <summary>Wakes the longest-waiting thread that has not given up.</summary>
    /// <returns><c>true</c> if a thread was woken.</returns>
    internal bool SignalOne()
    {
        AssertGuardHeld();
        while (_head is Waiter waiter)
        {
            Unlink(waiter);
            if (waiter.TrySignal())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wakes up to <paramref name="count"/> threads, oldest first.</summary>
    /// <returns>How many threads were woken.</returns>
    internal int Signal(int count)
    {
        int woken = 0;
        while (woken < count && SignalOne())
        {
            woken++;
        }

        return woken;
    }

    /// <summary>Wakes every thread queued now (not those that arrive later).</summary>
    /// <returns>How many threads were woken.</returns>
    internal int SignalAll() => Signal(int.MaxValue);

    private void Unlink(Waiter waiter)
    {
        Debug.Assert(waiter._queue == this, "Only a node of this queue can be unlinked from it.");
        if (waiter._previous is null)
        {
            _head = waiter._next;
        }
        else
        {
            waiter._previous._next = waiter._next;
        }

        if (waiter._next is null)
        {
            _tail = waiter._previous;
        }
        else
        {
            waiter._next._previous = waiter._previous;
        }

        waiter._next = null;
        waiter._previous = null;
        waiter._queue = null;
        _count--;
        Debug.Assert(_count >= 0, "The queue count cannot go below zero.");
        Debug.Assert((_count == 0) == (_head is null), "The count and the links must agree on emptiness.");
    }

    [Conditional("DEBUG")]
    private void AssertGuardHeld() =>
        Debug.Assert(Monitor.IsEntered(_guard), "The wait queue's guard must be held by the calling thread.");
}
