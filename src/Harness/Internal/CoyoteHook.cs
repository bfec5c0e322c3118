using System.Reflection;
using Microsoft.Coyote.Random;
using Weave.Primitives;

namespace Weave.Harness;

/// <summary>
/// Weave.Primitives' systematic-testing hook: tells a wait whether it runs under Coyote, whether timed
/// waits may time out there, and which faults (interrupts, cancellations) the scheduler may deliver. The
/// answer is per test iteration (an async-local value set at the start of the test body, which flows into
/// every thread the test starts), so real-thread tests running beside a systematic test in the same
/// process are unaffected.
/// </summary>
/// <remarks>
/// Fault targets. Interrupts (ExploreInterrupts) reach threads the test body starts — never the test's own
/// thread, which would only make the test itself fail — at the blocking points of Weave primitives: a wait
/// (the interrupt may arrive just before it or at any scheduling point while it waits), and an internal lock
/// entry (where the interrupt is kept pending for the next wait, as the primitives do on real threads; through
/// the public <see cref="Interrupts.Enter"/> it is thrown, as C#'s <c>lock</c> does when contended). Cancellation (ExploreCancellation)
/// reaches any wait given a cancellable token: the token's own source is cancelled, at a scheduling point
/// the scheduler chooses, so every other use of that token sees it too. Each choice is a controlled random
/// choice of Coyote's, recorded in the schedule; at most <see cref="SystematicOptions.FaultsPerIteration"/>
/// faults are armed per iteration.
/// </remarks>
internal sealed class CoyoteHook : ISystematicHook
{
    private static readonly CoyoteHook s_instance = new();
    private static readonly AsyncLocal<Run?> s_run = new();

    // CancellationToken keeps its source in a private field; there is no public way from a token to its
    // source. Checked when ExploreCancellation is requested (SystematicOptions.Validate), so a runtime
    // that renames it fails loudly instead of exploring nothing.
    private static readonly FieldInfo? s_tokenSource =
        typeof(CancellationToken).GetField("_source", BindingFlags.NonPublic | BindingFlags.Instance);

    // Set while the harness itself cancels a token: the callbacks it runs are not fault targets.
#pragma warning disable IDE1006 // t_ is the thread-static prefix of the runtime style.
    [ThreadStatic]
    private static bool t_delivering;
#pragma warning restore IDE1006

    public WaitMode CurrentMode => s_run.Value?.Mode ?? WaitMode.Real;

    /// <summary>True inside a systematic test iteration (in the test body and everything it starts).</summary>
    internal static bool InControlledTest => s_run.Value is not null;

    /// <summary>True when cancellation faults can be delivered on this runtime.</summary>
    internal static bool CanCancelTokens => s_tokenSource?.FieldType == typeof(CancellationTokenSource);

    /// <summary>Installs the hook (once per process).</summary>
    internal static void Install() => Interlocked.CompareExchange(ref SystematicHook.s_instance, s_instance, null);

    /// <summary>Called first thing in the controlled test body, once per iteration.</summary>
    internal static void EnterControlledTest(FaultPlan plan)
    {
        s_run.Value = new Run(
            plan.ExploreTimeouts ? WaitMode.ControlledWithTimeouts : WaitMode.Controlled,
            plan,
            Environment.CurrentManagedThreadId,
            plan.ExploreInterrupts || plan.ExploreCancellation ? Generator.Create() : null);
    }

    public bool TakePendingInterrupt()
    {
        Run? run = s_run.Value;
        if (run is null)
        {
            return false;
        }

        lock (run.Pending)
        {
            return run.Pending.Remove(Environment.CurrentManagedThreadId);
        }
    }

    public void SetPendingInterrupt()
    {
        if (s_run.Value is { } run)
        {
            lock (run.Pending)
            {
                run.Pending.Add(Environment.CurrentManagedThreadId);
            }
        }
    }

    public bool InterruptAtLock()
    {
        Run? run = s_run.Value;
        return run is { Plan.ExploreInterrupts: true } && run.IsInterruptTarget() && run.TryArm();
    }

    public WaitFault FaultForWait(bool cancellable)
    {
        Run? run = s_run.Value;
        if (run is null || t_delivering)
        {
            return WaitFault.None;
        }

        bool interrupt = run.Plan.ExploreInterrupts && run.IsInterruptTarget();
        bool cancel = run.Plan.ExploreCancellation && cancellable;
        if (!(interrupt || cancel) || !run.TryArm())
        {
            return WaitFault.None;
        }

        // Which fault, and when: now (it arrived just before the wait) or racing the wait (it arrives at a
        // scheduling point the scheduler picks, possibly after the thread was signalled).
        bool interruptIt = interrupt && (!cancel || run.Generator!.NextBoolean());
        bool now = run.Generator!.NextBoolean();
        return (interruptIt, now) switch
        {
            (true, true) => WaitFault.InterruptNow,
            (true, false) => WaitFault.Interrupt,
            (false, true) => WaitFault.CancelNow,
            (false, false) => WaitFault.Cancel,
        };
    }

    public void Cancel(CancellationToken token)
    {
        if (s_tokenSource?.GetValue(token) is not CancellationTokenSource source)
        {
            return;
        }

        t_delivering = true;
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the user registered threw: that is Cancel's caller's problem on real threads, and
            // here the caller is the harness. The waits this fault targets have been woken already.
        }
        catch (ObjectDisposedException)
        {
            // The test disposed the source before the fault arrived: nothing left to cancel.
        }
        finally
        {
            t_delivering = false;
        }
    }

    // Plain field reads, compiled here (this assembly is not rewritten): the scheduler evaluates the condition while it
    // schedules, so it must not reach a scheduling point (a Volatile.Read or field access in rewritten code would).
    public void PauseUntilSignaled(Waiter waiter, CancellationToken token) =>
        Internal.CoyoteWait.Until(
            () => waiter._state != Waiter.Waiting || waiter._raceFired != 0 || token.IsCancellationRequested,
            "a signal to a Weave primitive's waiter");

    /// <summary>One iteration's fault state.</summary>
    private sealed class Run(WaitMode mode, FaultPlan plan, int rootThread, Generator? generator)
    {
        private int _armed;

        public WaitMode Mode { get; } = mode;

        public FaultPlan Plan { get; } = plan;

        public Generator? Generator { get; } = generator;

        /// <summary>Threads with a simulated interrupt pending.</summary>
        public HashSet<int> Pending { get; } = [];

        public bool IsInterruptTarget() => !t_delivering && Environment.CurrentManagedThreadId != rootThread;

        /// <summary>A controlled choice: arm a fault here, within the iteration's budget.</summary>
        public bool TryArm()
        {
            if (Generator is null || Volatile.Read(ref _armed) >= Plan.FaultsPerIteration || Generator.NextInteger(3) != 0)
            {
                return false;
            }

            Interlocked.Increment(ref _armed);
            return true;
        }
    }
}

/// <summary>Which faults an exploration delivers (from <see cref="SystematicOptions"/> or a schedule file).</summary>
internal sealed record FaultPlan(bool ExploreTimeouts, bool ExploreInterrupts, bool ExploreCancellation, int FaultsPerIteration)
{
    public static FaultPlan From(SystematicOptions options) =>
        new(options.ExploreTimeouts, options.ExploreInterrupts, options.ExploreCancellation, options.FaultsPerIteration);
}
