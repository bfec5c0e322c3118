using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Weave.Primitives;

/// <summary>
/// A reusable barrier for a fixed number of threads: Python's <c>threading.Barrier</c>.
/// </summary>
/// <remarks>
/// <para>Each <see cref="Wait()"/> returns a distinct arrival index 0..parties-1 per generation; the
/// last arrival (index parties-1) runs the action once, outside every internal lock, before anyone
/// is released. A timeout, <see cref="Abort"/>, <see cref="Reset"/> while threads wait, or a throwing
/// action breaks the barrier: waiters get <see cref="BrokenBarrierException"/>, the thread whose
/// action threw gets the action's own exception.</para>
/// <para>A cancelled or interrupted wait that leaves before the barrier trips withdraws its arrival
/// (the barrier is as if it had never been called, and the indices stay dense); once the barrier
/// has tripped, completion wins and the wait returns its index.</para>
/// <para>Interrupts and cancellation: a wait interrupted or cancelled before the trip is withdrawn, as if never called (the barrier is not broken); once the trip has counted the thread, it completes and an interrupt stays pending. See <see cref="Interrupts"/>.</para>
/// </remarks>
[DebuggerDisplay("Waiting = {WaitingCount}/{Parties}, Broken = {IsBroken}")]
public sealed class CyclicBarrier
{
    private readonly object _sync = new();
    private readonly Action? _action;
    private readonly TimeSpan _defaultTimeout;

    // The generation that new arrivals join; replaced when it trips or on Reset. Guarded by _sync
    // (read lock-free only for WaitingCount).
    private volatile Generation _filling;

    // The generation whose action is running (between trip and release), or null. Guarded by _sync.
    private Generation? _tripping;

    // True from a break (timeout, abort, failing action) until Reset. Guarded by _sync.
    private volatile bool _broken;

    /// <summary>Creates a barrier for <paramref name="parties"/> threads. Python: <c>Barrier(parties, action, timeout)</c>.</summary>
    /// <param name="parties">How many threads must arrive to trip the barrier; one or more.</param>
    /// <param name="action">Run once per trip, by the last arriving thread, before the others are released.</param>
    /// <param name="timeout">The default timeout of <see cref="Wait()"/>; null waits forever.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parties"/> is less than one, or
    /// <paramref name="timeout"/> is negative and not infinite.</exception>
    public CyclicBarrier(int parties, Action? action = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        _defaultTimeout = timeout ?? Timeout.InfiniteTimeSpan;
        _ = Deadline.After(_defaultTimeout, nameof(timeout)); // Validate now, not at the first Wait.
        Parties = parties;
        _action = action;
        _filling = new Generation(_sync);
    }

    private enum Outcome
    {
        Filling,
        Tripping,
        Tripped,
        Broken,
    }

    /// <summary>How many threads must arrive to trip the barrier. Python: <c>parties</c>.</summary>
    public int Parties { get; }

    /// <summary>How many threads wait in the current generation. Python: <c>n_waiting</c>.</summary>
    public int WaitingCount => _filling.Arrived;

    /// <summary>True when the barrier is broken. Python: <c>broken</c>.</summary>
    public bool IsBroken => _broken;

    /// <summary>Waits for the other parties, with the constructor's timeout. Python: <c>wait()</c>.</summary>
    /// <returns>This thread's arrival index, 0..parties-1.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken.</exception>
    public int Wait() => WaitCore(Deadline.After(_defaultTimeout), CancellationToken.None);

    /// <summary>Waits for the other parties at most <paramref name="timeout"/>; expiry breaks the barrier. Python: <c>wait(timeout)</c>.</summary>
    /// <returns>This thread's arrival index, 0..parties-1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken, or the timeout passed.</exception>
    public int Wait(TimeSpan timeout) => WaitCore(Deadline.After(timeout), CancellationToken.None);

    /// <summary>Waits for the other parties, with the constructor's timeout, unless cancelled.</summary>
    /// <returns>This thread's arrival index, 0..parties-1.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the barrier tripped; the arrival was withdrawn.</exception>
    public int Wait(CancellationToken cancellationToken) =>
        WaitCore(Deadline.After(_defaultTimeout), cancellationToken);

    /// <summary>Waits for the other parties at most <paramref name="timeout"/> unless cancelled.</summary>
    /// <returns>This thread's arrival index, 0..parties-1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken, or the timeout passed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the barrier tripped; the arrival was withdrawn.</exception>
    public int Wait(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitCore(Deadline.After(timeout), cancellationToken);

    /// <summary>Breaks the barrier: current and later waits throw until <see cref="Reset"/>. Python: <c>abort()</c>.</summary>
    public void Abort()
    {
        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            BreakLocked();
        }
    }

    /// <summary>
    /// Returns the barrier to its initial state: threads waiting now get
    /// <see cref="BrokenBarrierException"/>, a broken barrier is repaired. Python: <c>reset()</c>.
    /// </summary>
    public void Reset()
    {
        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            BreakGeneration(_filling);
            if (_tripping is not null)
            {
                BreakGeneration(_tripping);
            }

            _filling = new Generation(_sync);
            _broken = false;
            AssertInvariants();
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsBroken ? "<CyclicBarrier broken>" : $"<CyclicBarrier waiters={WaitingCount}/{Parties}>";

    private int WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Generation generation;
        Waiter waiter;
        int index;
        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            if (_broken)
            {
                throw new BrokenBarrierException();
            }

            generation = _filling;
            index = generation.Arrived++;
            if (index == Parties - 1)
            {
                // Last arrival: later arrivals form the next generation while the action runs.
                generation.Outcome = Outcome.Tripping;
                _tripping = generation;
                _filling = new Generation(_sync);
                waiter = null!;
            }
            else
            {
                waiter = generation.Waiters.Enqueue(ticket: index);
            }
        }

        return index == Parties - 1
            ? Trip(generation, index)
            : AwaitTrip(generation, waiter, deadline, cancellationToken);
    }

    private int Trip(Generation generation, int index)
    {
        Exception? actionError = null;
        try
        {
            _action?.Invoke(); // User code: runs with no internal lock held.
        }
        catch (ThreadInterruptedException e)
        {
            actionError = e; // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
        }
        catch (Exception e)
        {
            actionError = e;
        }

        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            if (_tripping == generation)
            {
                _tripping = null;
            }

            if (generation.Outcome == Outcome.Tripping)
            {
                if (actionError is null)
                {
                    generation.Outcome = Outcome.Tripped;
                    generation.Waiters.SignalAll();
                }
                else
                {
                    BreakGeneration(generation);
                    BreakLocked();
                }
            }

            AssertInvariants();
        }

        if (actionError is not null)
        {
            ExceptionDispatchInfo.Throw(actionError); // The action's own exception, with its stack.
        }

        return Finish(generation, index);
    }

    private int AwaitTrip(Generation generation, Waiter waiter, Deadline deadline, CancellationToken cancellationToken)
    {
        Exception? stopped = null;
        bool signaled = false;
        try
        {
            signaled = waiter.Block(deadline, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            stopped = e;
        }
        catch (ThreadInterruptedException e)
        {
            stopped = e; // Typed on its own: under Coyote's rewriting catch (Exception) never sees one.
        }

        int index;
        if (signaled)
        {
            index = waiter.Ticket; // Tickets change only while filling; the generation has moved on.
            generation.Waiters.Depart(waiter);
            return Finish(generation, index);
        }

        using (MonitorScope.Enter(_sync))
        {
            AssertInvariants();
            index = waiter.Ticket;
            if (generation.Outcome == Outcome.Filling)
            {
                if (stopped is null)
                {
                    // Timed out before the trip: the timeout breaks the barrier for everyone.
                    generation.Waiters.Leave(waiter);
                    BreakLocked();
                    throw new BrokenBarrierException("The barrier wait timed out; the barrier is now broken.");
                }

                // Cancelled or interrupted before the trip: withdraw, as if never called.
                generation.Waiters.Withdraw(waiter);
                generation.Arrived--;
                AssertInvariants();
                ExceptionDispatchInfo.Throw(stopped);
            }

            generation.Waiters.Leave(waiter);
        }

        // The trip counted this thread before its timeout or cancellation took effect: completion
        // wins. Wait, uncancellably, for the action's outcome.
        while (true)
        {
            using (MonitorScope.Enter(_sync))
            {
                if (generation.Outcome != Outcome.Tripping)
                {
                    break;
                }

                waiter = generation.Waiters.Enqueue(ticket: index);
            }

            try
            {
                waiter.Block(Deadline.Infinite, CancellationToken.None);
            }
            catch (ThreadInterruptedException e)
            {
                stopped = e;
            }

            generation.Waiters.Depart(waiter);
        }

        if (stopped is ThreadInterruptedException)
        {
            Interrupts.Rearm(); // Keep the interrupt for the thread's next wait.
        }

        return Finish(generation, index);
    }

    // The outcome was written under _sync before the waiters were signaled (a full fence), or read
    // here after taking _sync, so a plain read sees it.
    private static int Finish(Generation generation, int index) =>
        generation.Outcome == Outcome.Tripped ? index : throw new BrokenBarrierException();

    private void BreakLocked()
    {
        _broken = true;
        BreakGeneration(_filling);
        if (_tripping is not null)
        {
            BreakGeneration(_tripping);
        }
    }

    private static void BreakGeneration(Generation generation)
    {
        if (generation.Outcome is Outcome.Filling or Outcome.Tripping)
        {
            generation.Outcome = Outcome.Broken;
            generation.Waiters.SignalAll();
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_sync), "The barrier's lock must be held.");
        Debug.Assert(_filling.Arrived >= 0 && _filling.Arrived < Parties, "A filling generation holds fewer arrivals than parties.");
        Debug.Assert(_filling.Outcome is Outcome.Filling or Outcome.Broken, "New arrivals only join a filling (or broken) generation.");
        Debug.Assert(!_broken || _filling.Outcome == Outcome.Broken, "A broken barrier's generation is broken.");
        Debug.Assert(_tripping is null || _tripping.Outcome is Outcome.Tripping or Outcome.Broken, "The tripping generation is tripping or broken.");
    }

    /// <summary>One pass of the barrier: its arrivals and how it ended.</summary>
    private sealed class Generation(object sync)
    {
        public readonly WaitQueue Waiters = new(sync);
        public int Arrived;
        public Outcome Outcome;
    }
}
