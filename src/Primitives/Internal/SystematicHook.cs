namespace Weave.Primitives;

/// <summary>How the calling thread's waits behave (see <see cref="SystematicHook"/>).</summary>
internal enum WaitMode
{
    /// <summary>Real threads: waits block on the OS and time out on the clock.</summary>
    Real,

    /// <summary>Under the systematic scheduler: a finite wait behaves as infinite (plain Coyote).</summary>
    Controlled,

    /// <summary>Under the systematic scheduler with ExploreTimeouts: a finite wait may time out at
    /// any scheduling point, chosen by the scheduler.</summary>
    ControlledWithTimeouts,
}

/// <summary>A fault the systematic scheduler may make race a wait (ExploreInterrupts, ExploreCancellation).</summary>
internal enum WaitFault
{
    /// <summary>No fault: the wait ends by a signal (or its timeout).</summary>
    None,

    /// <summary>The waiting thread may be interrupted at a point the scheduler chooses.</summary>
    Interrupt,

    /// <summary>The token passed to the wait may be cancelled at a point the scheduler chooses.</summary>
    Cancel,

    /// <summary>The waiting thread is interrupted now, as the wait begins (the interrupt arrived just before).</summary>
    InterruptNow,

    /// <summary>The token passed to the wait is cancelled now, as the wait begins.</summary>
    CancelNow,
}

/// <summary>
/// What Weave.Harness installs while it explores interleavings with Coyote. Implementations
/// answer for the calling thread only, so real-thread tests running beside a systematic test in
/// the same process keep <see cref="WaitMode.Real"/>. The fault members are called only when
/// <see cref="CurrentMode"/> is not <see cref="WaitMode.Real"/>.
/// </summary>
internal interface ISystematicHook
{
    /// <summary>The wait mode of the calling thread.</summary>
    WaitMode CurrentMode { get; }

    /// <summary>Takes (clears) the calling thread's simulated pending interrupt.</summary>
    /// <returns><c>true</c> if one was pending.</returns>
    bool TakePendingInterrupt();

    /// <summary>Leaves a simulated interrupt pending on the calling thread (the runtime's Interrupt, under the scheduler).</summary>
    void SetPendingInterrupt();

    /// <summary>At an internal lock entry: whether an interrupt reaches the calling thread now (a scheduler choice).</summary>
    bool InterruptAtLock();

    /// <summary>At a wait: which fault, if any, may race it (a scheduler choice).</summary>
    /// <param name="cancellable">Whether the wait was given a token that can be cancelled.</param>
    WaitFault FaultForWait(bool cancellable);

    /// <summary>Cancels the source of <paramref name="token"/> (a fault chosen by <see cref="FaultForWait"/>).</summary>
    void Cancel(CancellationToken token);

    /// <summary>
    /// Pauses the calling thread, under the scheduler, until <paramref name="waiter"/> is no longer waiting, a racer
    /// of its wait has fired, or <paramref name="token"/> is cancelled: the scheduler re-checks that at every step and
    /// runs the other threads meanwhile (and reports a deadlock if none can run). Weave's waits use it instead of a
    /// monitor wait, so a signal is a compare-and-swap: no monitor to enter, no pulse (Coyote models each controlled
    /// pulse with a task of its own). The condition is built by the hook, outside the rewritten Weave.Primitives,
    /// because the scheduler evaluates it while it schedules: it must not itself reach a scheduling point.
    /// </summary>
    void PauseUntilSignaled(Waiter waiter, CancellationToken token);
}

/// <summary>
/// The internal seam between Weave's waits and the systematic harness. Null (one static read,
/// nothing else) unless Weave.Harness installed a hook.
/// </summary>
internal static class SystematicHook
{
    /// <summary>The installed hook, or null. Written by Weave.Harness only.</summary>
    internal static volatile ISystematicHook? s_instance;

    /// <summary>The calling thread's wait mode.</summary>
    internal static WaitMode CurrentMode
    {
        get
        {
            ISystematicHook? hook = s_instance;
            return hook is null ? WaitMode.Real : hook.CurrentMode;
        }
    }
}
