using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// One parked thread: the node of a <see cref="WaitQueue"/>, and the monitor the thread sleeps on.
/// CPython's Condition allocates a lock per waiter for the same reason: the notifier wakes exactly
/// the waiter it chose, in FIFO order, and a waiter that gives up cannot swallow a wake-up.
/// </summary>
/// <remarks>
/// The state moves once, by compare-and-swap, from <c>Waiting</c> to either <c>Signaled</c> (the
/// notifier won) or <c>Abandoned</c> (the waiter's timeout, cancellation or interrupt won). That
/// single transition is what makes "no lost wake-up" hold: a notifier skips abandoned nodes, and a
/// waiter whose signal arrived first reports success even if its token was cancelled meanwhile.
/// Spinning before parking lives here and nowhere else.
/// </remarks>
[DebuggerDisplay("State = {StateForDebugger,nq}")]
internal sealed class Waiter
{
    internal const int Waiting = 0;
    internal const int Signaled = 1;
    internal const int Abandoned = 2;

    // Spin iterations before parking on a multi-core machine. A parked thread costs ~25-30 µs to
    // wake on the reference VM (perf-baselines.md); a short spin catches a signal that arrives
    // within a few hundred nanoseconds, as ManualResetEventSlim does.
    private static readonly int s_spinCount = Environment.ProcessorCount > 1 ? 30 : 0;

    // The most spins SpinForBatch makes: SpinWait's busy-spin phase, before it starts to yield.
    private const int BatchSpins = 10;

    // One spare node per thread: a thread waits on one thing at a time, so steady-state blocking
    // allocates nothing.
#pragma warning disable IDE1006 // t_ is the thread-static prefix of the runtime style.
    [ThreadStatic]
    private static Waiter? t_spare;
#pragma warning restore IDE1006

    /// <summary>Waiting, Signaled or Abandoned. Internal for the systematic hook's pause condition, which reads it with a
    /// plain load compiled outside this (rewritten) assembly; everything else goes through the members below.</summary>
    internal int _state;

    /// <summary>Set by a <see cref="WaitRacer"/> (timeout or interrupt) that arrived before the waiter resumed; read by
    /// the systematic hook's pause condition. Under the scheduler only.</summary>
    internal int _raceFired;

    // True while the owner is paused on the scheduler's condition (which reads _state) instead of this node's monitor:
    // a signal is then the compare-and-swap alone. Written by the owner before it pauses; under the scheduler threads
    // run one at a time, so a plain field is seen.
    private bool _pausedByScheduler;

    /// <summary>Links owned by the <see cref="WaitQueue"/> this node is in (null when not queued).</summary>
    internal Waiter? _next;
    internal Waiter? _previous;
    internal WaitQueue? _queue;

    /// <summary>A value the owner hands to the woken thread (a barrier's arrival index).</summary>
    internal int Ticket { get; set; }

    private string StateForDebugger => Volatile.Read(ref _state) switch
    {
        Waiting => "Waiting",
        Signaled => "Signaled",
        _ => "Abandoned",
    };

    /// <summary>True once a notifier has signaled this node.</summary>
    internal bool IsSignaled => Volatile.Read(ref _state) == Signaled;

    /// <summary>True while neither a signal nor the waiter's own giving up has ended the wait.</summary>
    internal bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    /// <summary>Takes the calling thread's spare node, or a new one.</summary>
    internal static Waiter Rent()
    {
        Waiter? waiter = t_spare;
        if (waiter is null)
        {
            return new Waiter();
        }

        t_spare = null;
        waiter._state = Waiting;
        waiter._raceFired = 0;
        waiter._pausedByScheduler = false;
        return waiter;
    }

    /// <summary>Gives a node back once no queue and no notifier can reach it.</summary>
    internal static void Return(Waiter waiter)
    {
        Debug.Assert(waiter._queue is null, "A node must leave its queue before it is reused.");
        t_spare = waiter;
    }

    /// <summary>
    /// Wakes the thread parked on this node unless it has given up. Called by the queue's owner
    /// with the queue's guard held.
    /// </summary>
    /// <returns><c>true</c> if this call delivered the signal.</returns>
    internal bool TrySignal()
    {
        if (Interlocked.CompareExchange(ref _state, Signaled, Waiting) != Waiting)
        {
            return false;
        }

        if (_pausedByScheduler)
        {
            return true; // The scheduler re-checks the owner's condition, which reads _state: nothing to pulse.
        }

        // Uninterruptible: once the compare-and-swap has chosen this waiter, the pulse must happen, or the
        // waiter sleeps for ever while its notifier reports failure.
        using (MonitorScope.Enter(this))
        {
            Monitor.Pulse(this);
        }

        return true;
    }

    /// <summary>
    /// Spins, on real threads of a multi-core machine only, while the other side keeps making
    /// <paramref name="progress"/> and <paramref name="enough"/> does not hold yet; returns as soon as the progress
    /// count stands still between two spins (the other side paused: take what there is, at the cost of one spin).
    /// A consumer that meets its producer at an empty queue uses it to let a batch build up instead of taking one
    /// item at a time as it lands, which makes the two cores trade the same cache line per item.
    /// </summary>
    internal static void SpinForBatch<TState>(TState state, Func<TState, long> progress, Func<TState, bool> enough)
    {
        if (s_spinCount == 0 || SystematicHook.CurrentMode != WaitMode.Real)
        {
            return;
        }

        // Busy spins only (SpinWait yields from its tenth on): a batch is a matter of a few microseconds at most,
        // and an item that has landed is never left waiting longer than that.
        var spinner = default(SpinWait);
        long last = progress(state);
        for (int i = 0; i < BatchSpins && !enough(state); i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            long now = progress(state);
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>
    /// Spins briefly until <paramref name="condition"/> holds, on real threads of a multi-core machine only
    /// (never under the systematic scheduler): the primitives call it before taking their lock to wait, so a
    /// signal that is about to arrive is caught without queuing and parking (a park costs ~25-30 µs to wake).
    /// </summary>
    /// <returns>True if the condition held within the spin.</returns>
    internal static bool SpinUntil<TState>(TState state, Func<TState, bool> condition)
    {
        if (s_spinCount == 0 || SystematicHook.CurrentMode != WaitMode.Real)
        {
            return false;
        }

        var spinner = default(SpinWait);
        for (int i = 0; i < s_spinCount; i++)
        {
            if (condition(state))
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return condition(state);
    }

    /// <summary>
    /// Parks the calling thread until the node is signaled or the deadline passes. Call it without
    /// holding any lock of the owning primitive.
    /// </summary>
    /// <returns><c>true</c> if signaled; <c>false</c> if the deadline passed first.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before a signal arrived.</exception>
    /// <exception cref="ThreadInterruptedException">Interrupted before a signal arrived. When the signal
    /// won the race instead, the interrupt is re-armed for the thread's next wait and the call succeeds.</exception>
    internal bool Block(Deadline deadline, CancellationToken cancellationToken)
    {
        // Check the deadline before spinning: a caller looping on wake-ups that keep coming (a
        // barging lock, a busy notifier) must still stop when its one deadline has passed.
        if (TimedWait.HasPassed(deadline))
        {
            return !TryAbandon();
        }

        if (SystematicHook.s_instance is { } hook && hook.CurrentMode is var mode && mode != WaitMode.Real)
        {
            // Where the real wait enters this node's monitor: the scheduler may deliver an interrupt there, kept
            // pending for the wait (as on real threads, where an interrupt during the lock entry is kept for it).
            if (hook.InterruptAtLock())
            {
                hook.SetPendingInterrupt();
            }

            _pausedByScheduler = true;
            return WaitForSignal(hook, mode, deadline, cancellationToken);
        }

        if (SpinUntil(this, static w => Volatile.Read(ref w._state) == Signaled))
        {
            return true;
        }

        ParkSlot? slot = ParkSlot.Enter(this, deadline); // An untimed park is visible to the harness's scenario runner.
        using (MonitorScope.Enter(this)) // An interrupt meanwhile is kept and thrown by the wait below.
        {
            try
            {
                return WaitForSignal(null, WaitMode.Real, deadline, cancellationToken);
            }
            finally
            {
                slot?.Leave();
            }
        }
    }

    // The wait loop of Block, on real threads (hook null: this node's monitor held, TimedWait.Wait on it) and under
    // the scheduler (PauseOnce). A timeout, cancellation or interrupt ends the wait only if it abandons the node
    // first; when the signal came first the call succeeds (an interrupt is kept for the thread's next wait).
    private bool WaitForSignal(ISystematicHook? hook, WaitMode mode, Deadline deadline, CancellationToken cancellationToken)
    {
        try
        {
            // Under the scheduler a plain read: a Volatile.Read would be one more scheduling point in every wait.
            while ((hook is null ? Volatile.Read(ref _state) : _state) == Waiting)
            {
                bool woken = hook is null
                    ? TimedWait.Wait(this, deadline, cancellationToken)
                    : PauseOnce(hook, mode, deadline, cancellationToken);
                if (!woken && TryAbandon())
                {
                    return false;
                }
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            if (TryAbandon())
            {
                throw;
            }

            return true; // The signal came first: completion wins over cancellation.
        }
        catch (ThreadInterruptedException)
        {
            if (TryAbandon())
            {
                throw;
            }

            Interrupts.Rearm(); // Keep the interrupt for the next wait.
            return true;
        }
    }

    /// <summary>
    /// One wait under the systematic scheduler: the choices TimedWait's controlled wait makes, in the same order (a
    /// pending interrupt, a fault now or racing the wait, a timeout racing it), but the thread pauses on the
    /// scheduler's condition instead of this node's monitor. A controlled monitor wait costs a lock entry, and every
    /// controlled pulse a task (and a thread) of its own in Coyote; here a signal is the compare-and-swap alone.
    /// </summary>
    /// <returns><c>false</c> if the racing timeout fired first (as TimedWait.Wait's result).</returns>
    private bool PauseOnce(ISystematicHook hook, WaitMode mode, Deadline deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WaitFault fault = TimedWait.ChooseControlledFault(hook, cancellationToken);
        _raceFired = 0;
        WaitRacer? timeout = !deadline.IsInfinite && mode == WaitMode.ControlledWithTimeouts
            ? WaitRacer.Start(this, WaitFault.None, hook, default)
            : null;
        WaitRacer? racer = fault is WaitFault.Interrupt or WaitFault.Cancel
            ? WaitRacer.Start(this, fault, hook, cancellationToken)
            : null;

        hook.PauseUntilSignaled(this, cancellationToken);

        bool timedOut = timeout?.Finish() ?? false;
        if (racer?.Finish() == true && fault == WaitFault.Interrupt)
        {
            throw new ThreadInterruptedException(Interrupts.ScheduledInterruptMessage);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return !timedOut;
    }

    private bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;
}
