using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// Under the systematic scheduler: a timeout, an interrupt or a cancellation racing one pause of a
/// <see cref="Waiter"/>, arriving at a scheduling point the scheduler chooses (it runs as a controlled task, so the
/// choice is recorded in the schedule and replays). The waiter's counterpart of <see cref="TimedWait"/>'s racer: it
/// has no monitor to pulse, so a timeout or interrupt that arrives first raises the waiter's
/// <see cref="Waiter._raceFired"/>, which the scheduler's pause condition reads; a cancellation cancels the token,
/// which that condition reads too.
/// </summary>
[DebuggerDisplay("Fault = {_fault}, Fired = {_fired}, Finished = {_finished}")]
internal sealed class WaitRacer
{
    private readonly Waiter _waiter;
    private readonly WaitFault _fault; // None: a timeout.
    private readonly ISystematicHook _hook;
    private readonly CancellationToken _token;
    private bool _finished; // Set by the waiter when it resumes. Guarded by this racer's monitor.
    private bool _fired;    // Set by the racer when it arrives first. Guarded by this racer's monitor.

    private WaitRacer(Waiter waiter, WaitFault fault, ISystematicHook hook, CancellationToken token)
    {
        _waiter = waiter;
        _fault = fault;
        _hook = hook;
        _token = token;
    }

    /// <summary>Starts the racer as a controlled task. Under the systematic scheduler only, which controls Task.Run.</summary>
    internal static WaitRacer Start(Waiter waiter, WaitFault fault, ISystematicHook hook, CancellationToken token)
    {
        var racer = new WaitRacer(waiter, fault, hook, token);
        Task.Run(racer.Fire);
        return racer;
    }

    /// <summary>Called by the waiter when it resumes: from now on the racer does nothing.</summary>
    /// <returns>Whether the racer arrived first.</returns>
    internal bool Finish()
    {
        lock (this) // Controlled only: no real interrupt reaches it.
        {
            _finished = true;
            return _fired;
        }
    }

    private void Fire()
    {
        lock (this)
        {
            if (_finished)
            {
                return;
            }

            _fired = true;
            if (_fault != WaitFault.Cancel)
            {
                _waiter._raceFired = 1;
                return;
            }
        }

        // Outside the lock: cancelling runs the token's registrations, which may take locks of their own.
        _hook.Cancel(_token);
    }
}
