namespace Weave.Primitives.Tests;

/// <summary>
/// Stands in for Weave.Harness's hook: answers a chosen <see cref="WaitMode"/> for the threads that
/// entered it and <see cref="WaitMode.Real"/> for every other thread, so tests running in parallel
/// are unaffected.
/// </summary>
internal sealed class FakeSystematicHook : ISystematicHook
{
    private static readonly FakeSystematicHook s_instance = new();

#pragma warning disable IDE1006 // t_ is the thread-static prefix of the runtime style.
    [ThreadStatic]
    private static WaitMode? t_mode;
#pragma warning restore IDE1006

    public WaitMode CurrentMode => t_mode ?? WaitMode.Real;

    // No faults: the unit tests that use this fake only look at timeouts.
    public bool TakePendingInterrupt() => false;

    public void SetPendingInterrupt()
    {
    }

    public bool InterruptAtLock() => false;

    public WaitFault FaultForWait(bool cancellable) => WaitFault.None;

    public void Cancel(CancellationToken token)
    {
    }

    // Real threads pretending to be scheduled: poll, yielding, as nothing re-checks the condition for us.
    public void PauseUntilSignaled(Waiter waiter, CancellationToken token)
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref waiter._state) == Waiter.Waiting && Volatile.Read(ref waiter._raceFired) == 0 && !token.IsCancellationRequested)
        {
            spinner.SpinOnce();
        }
    }

    public static IDisposable Enter(WaitMode mode)
    {
        ISystematicHook? previous = Interlocked.CompareExchange(ref SystematicHook.s_instance, s_instance, null);
        Assert.True(previous is null || previous == s_instance, "Only the fake hook is installed in unit tests.");
        t_mode = mode;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => t_mode = null;
    }
}
