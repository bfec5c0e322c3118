namespace Weave.Primitives;

/// <summary>
/// The one place where Weave blocks a thread: <see cref="Monitor.Wait(object)"/> on a monitor the
/// caller holds, with a monotonic deadline and cancellation. Every timed or cancellable wait in
/// Weave goes through it, and users' own primitives may call it too.
/// </summary>
/// <remarks>
/// <para>Use it like <see cref="Monitor.Wait(object, TimeSpan)"/> inside a loop that re-checks its
/// predicate, with one <see cref="Deadline"/> for the whole loop:</para>
/// <code>
/// var deadline = Deadline.After(timeout);
/// lock (_sync)
/// {
///     while (!_ready)
///     {
///         if (!TimedWait.Wait(_sync, deadline, cancellationToken))
///             return false; // timed out
///     }
/// }
/// </code>
/// <para>Under Weave.Harness's systematic tests this is also where a timed wait is made to time
/// out: with <c>ExploreTimeouts</c> the scheduler may end a finite wait at any scheduling point, so
/// timeout paths are explored; without it a finite wait behaves as an infinite one (as under plain
/// Coyote). Outside the harness the switch costs one static read.</para>
/// <para>Like <see cref="Monitor.Wait(object)"/>, a <c>true</c> result means "woken", not "the
/// condition holds": a cancellation of another waiter's token on the same monitor wakes every
/// waiter on it. Always re-check the predicate.</para>
/// </remarks>
public static class TimedWait
{
    // Monitor.Wait takes at most int.MaxValue - 1 milliseconds; longer timeouts wait in chunks.
    private const int MaxChunkMilliseconds = int.MaxValue - 1;

    // Wakes the waiters of the monitor passed as state; static with state, so registering it
    // allocates no closure.
    // Uninterruptible: the cancelling thread may itself have an interrupt pending, and a throw here would
    // leave the waiter asleep (and make Cancel throw on the canceller).
    private static readonly Action<object?> s_pulseAll = static state =>
    {
        using (MonitorScope.Enter(state!))
        {
            Monitor.PulseAll(state!);
        }
    };

    /// <summary>
    /// Releases <paramref name="monitor"/>, waits until it is pulsed or <paramref name="timeout"/>
    /// passes, and reacquires it.
    /// </summary>
    /// <param name="monitor">An object whose monitor the calling thread holds.</param>
    /// <param name="timeout">How long to wait: non-negative, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <returns><c>true</c> if woken before the timeout; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the monitor.</exception>
    public static bool Wait(object monitor, TimeSpan timeout) =>
        Wait(monitor, Deadline.After(timeout), CancellationToken.None);

    /// <summary>
    /// Releases <paramref name="monitor"/>, waits until it is pulsed, <paramref name="timeout"/>
    /// passes or <paramref name="cancellationToken"/> is cancelled, and reacquires it.
    /// </summary>
    /// <param name="monitor">An object whose monitor the calling thread holds.</param>
    /// <param name="timeout">How long to wait: non-negative, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><c>true</c> if woken before the timeout; <c>false</c> if the timeout passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the monitor.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the monitor is held again.</exception>
    public static bool Wait(object monitor, TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait(monitor, Deadline.After(timeout), cancellationToken);

    /// <summary>
    /// Releases <paramref name="monitor"/>, waits until it is pulsed, <paramref name="deadline"/>
    /// passes or <paramref name="cancellationToken"/> is cancelled, and reacquires it. A deadline
    /// that has already passed returns <c>false</c> at once without releasing the monitor.
    /// </summary>
    /// <param name="monitor">An object whose monitor the calling thread holds.</param>
    /// <param name="deadline">When to give up; one deadline serves a whole wait loop.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><c>true</c> if woken before the deadline; <c>false</c> if the deadline passed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the monitor.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the monitor is held again.</exception>
    /// <exception cref="ThreadInterruptedException">The thread was interrupted; the monitor is held again.</exception>
    public static bool Wait(object monitor, Deadline deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (!Monitor.IsEntered(monitor))
        {
            throw new SynchronizationLockException(
                "TimedWait.Wait requires the calling thread to hold the monitor: call it inside lock (monitor) { ... }.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (deadline.IsImmediate)
        {
            return false;
        }

        WaitMode mode = SystematicHook.CurrentMode;
        if (mode == WaitMode.Real && deadline.HasExpired)
        {
            return false;
        }

        // Cancellation pulses the monitor; the woken waiter then throws below. Unregister (not
        // Dispose) afterwards: Dispose waits for a running callback, and that callback needs the
        // monitor this thread holds again by then.
        CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(s_pulseAll, monitor)
            : default;
        try
        {
            // Check again now that the callback is registered: a cancellation that came between the
            // first check and the registration ran the callback right here, pulsing nobody. Any
            // later one needs the monitor, so its pulse waits until this thread is parked.
            cancellationToken.ThrowIfCancellationRequested();
            bool woken = mode == WaitMode.Real
                ? WaitReal(monitor, deadline)
                : WaitControlled(monitor, deadline, mode, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return woken;
        }
        finally
        {
            registration.Unregister();
        }
    }

    /// <summary>
    /// True when a wait loop must stop because <paramref name="deadline"/> has passed. On real
    /// threads that reads the clock; under the systematic scheduler only a zero timeout counts as
    /// passed (the clock is never consulted there: a timeout is a scheduling choice, reported by a
    /// <c>false</c> from <see cref="Wait(object, Deadline, CancellationToken)"/>).
    /// </summary>
    internal static bool HasPassed(Deadline deadline) =>
        deadline.IsImmediate || (!deadline.IsInfinite && SystematicHook.CurrentMode == WaitMode.Real && deadline.HasExpired);

    private static bool WaitReal(object monitor, Deadline deadline)
    {
        if (deadline.IsInfinite)
        {
            return Monitor.Wait(monitor);
        }

        // Loop because Monitor.Wait takes whole milliseconds, may return a little early, and
        // takes at most ~24.8 days at a time; the deadline decides when the wait is over.
        while (true)
        {
            TimeSpan remaining = deadline.Remaining;
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            int milliseconds = (int)Math.Min(Math.Ceiling(remaining.TotalMilliseconds), MaxChunkMilliseconds);
            if (Monitor.Wait(monitor, milliseconds))
            {
                return true;
            }
        }
    }

    // Under the systematic scheduler the clock is never consulted: a finite wait either behaves as
    // infinite (plain Coyote), or, with ExploreTimeouts, races a controlled "timer" task that the
    // scheduler may run at any scheduling point. Faults (ExploreInterrupts, ExploreCancellation) race the
    // wait the same way. Which one fires first is a scheduling choice, so it is recorded in the schedule
    // and replays deterministically.
    private static bool WaitControlled(object monitor, Deadline deadline, WaitMode mode, CancellationToken cancellationToken)
    {
        ISystematicHook hook = SystematicHook.s_instance!;
        WaitFault fault = ChooseControlledFault(hook, cancellationToken); // A CancelNow's registration pulses this monitor, held re-entrantly.
        ControlledRacer? timeout = !deadline.IsInfinite && mode == WaitMode.ControlledWithTimeouts
            ? ControlledRacer.Start(monitor, WaitFault.None, hook, default)
            : null;
        ControlledRacer? racer = fault is WaitFault.Interrupt or WaitFault.Cancel
            ? ControlledRacer.Start(monitor, fault, hook, cancellationToken)
            : null;

        Monitor.Wait(monitor);

        bool timedOut = timeout?.Finish() ?? false;
        if (racer?.Finish() == true && fault == WaitFault.Interrupt)
        {
            throw new ThreadInterruptedException(Interrupts.ScheduledInterruptMessage);
        }

        return !timedOut; // A cancellation shows in the token, which the caller checks next.
    }

    /// <summary>
    /// The start of every controlled wait (this class's and Weave's own waiters'): a pending interrupt fires here, as
    /// at Monitor.Wait; then the scheduler picks a fault for the wait. One that arrives now is delivered now (throws);
    /// one that races the wait is returned for the caller to start.
    /// </summary>
    internal static WaitFault ChooseControlledFault(ISystematicHook hook, CancellationToken cancellationToken)
    {
        Interrupts.ThrowIfPendingControlled(hook);
        WaitFault fault = hook.FaultForWait(cancellationToken.CanBeCanceled);
        switch (fault)
        {
            case WaitFault.InterruptNow:
                throw new ThreadInterruptedException(Interrupts.ScheduledInterruptMessage);
            case WaitFault.CancelNow:
                hook.Cancel(cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                break;
        }

        return fault;
    }

    /// <summary>A timeout, an interrupt or a cancellation whose moment of arrival the systematic scheduler chooses.</summary>
    private sealed class ControlledRacer(object monitor, WaitFault fault, ISystematicHook hook, CancellationToken token)
    {
        private bool _finished; // Set by the waiter when it wakes; guarded by monitor.
        private bool _fired;    // Set by the racer when it arrives first; guarded by monitor.

        // A controlled task: the cheapest controlled operation Coyote can schedule at any point.
        // This path runs only under the systematic scheduler, which controls Task.Run.
        public static ControlledRacer Start(object monitor, WaitFault fault, ISystematicHook hook, CancellationToken token)
        {
            var racer = new ControlledRacer(monitor, fault, hook, token);
            Task.Run(racer.Fire);
            return racer;
        }

        /// <summary>Called by the waiter, holding the monitor; returns whether the racer arrived first.</summary>
        public bool Finish()
        {
            _finished = true;
            return _fired;
        }

        private void Fire()
        {
            lock (monitor) // Controlled only (no real interrupts), and the racer itself is never a fault target.
            {
                if (_finished)
                {
                    return;
                }

                _fired = true;
                if (fault != WaitFault.Cancel)
                {
                    Monitor.PulseAll(monitor);
                    return;
                }
            }

            // Outside the monitor: cancelling runs the wait's registration, which takes the monitor to pulse it.
            hook.Cancel(token);
        }
    }
}
