using System.Runtime.CompilerServices;

namespace Weave.Primitives;

/// <summary>
/// Interrupt-safe monitor entry and the calling thread's pending interrupt: the seam through which every
/// Weave primitive takes its internal locks, and through which your own primitives can do the same.
/// </summary>
/// <remarks>
/// <para>On .NET, <see cref="Thread.Interrupt"/> makes the thread's next blocking call throw
/// <see cref="ThreadInterruptedException"/>, and a <em>contended</em> <c>lock</c> (Monitor.Enter) is a
/// blocking call. A primitive that signals under a lock — adds an item, then wakes a getter — would
/// throw after its effect and before the wake-up: the caller sees a failure for an operation that
/// happened, and the woken party is never woken. Weave's contract is that every operation either
/// completes or has no effect, so its internal locks are entered with <see cref="EnterUninterruptibly"/>:
/// an interrupt that arrives meanwhile is kept pending (<see cref="Rearm"/>) and thrown by the thread's
/// next wait, which is a point where giving up has no effect.</para>
/// <para>Under Weave.Harness's systematic tests with <c>ExploreInterrupts</c>, an entry is a point where the
/// scheduler may deliver an interrupt: <see cref="Enter"/> then throws (as C#'s <c>lock</c> does on real
/// threads when the lock is contended; Coyote cannot tell whether it is, so every entry counts as possibly
/// contended), <see cref="EnterUninterruptibly"/> keeps it pending. Both behave exactly like
/// <see cref="Monitor.Enter(object)"/> otherwise. Python has no thread interrupts; this is .NET's own fault.</para>
/// </remarks>
public static class Interrupts
{
    /// <summary>
    /// Acquires <paramref name="monitor"/> as C#'s <c>lock</c> does: if the lock is contended and the
    /// calling thread is interrupted, throws <see cref="ThreadInterruptedException"/> without acquiring it.
    /// Under the harness's <c>ExploreInterrupts</c> an interrupt may be delivered here, so a primitive that
    /// uses it in a signalling path shows its bug (every entry counts as possibly contended there). Release with <see cref="Monitor.Exit(object)"/>.
    /// </summary>
    /// <param name="monitor">The object whose monitor to acquire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    /// <exception cref="ThreadInterruptedException">The lock was contended and the thread was interrupted; it is not held.</exception>
    public static void Enter(object monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        if (SystematicHook.s_instance is { } hook && hook.CurrentMode != WaitMode.Real)
        {
            // Coyote cannot tell whether the lock is held (its monitors do not model TryEnter), so every entry
            // counts as possibly contended: a pending interrupt, or one the scheduler delivers now, throws here.
            if (hook.TakePendingInterrupt() || hook.InterruptAtLock())
            {
                throw new ThreadInterruptedException("Thread was interrupted from a waiting state (delivered by the systematic scheduler).");
            }
        }

        Monitor.Enter(monitor);
    }

    /// <summary>
    /// Acquires <paramref name="monitor"/>, waiting as long as it takes; an interrupt that arrives while
    /// waiting for it does not throw here but stays pending for the thread's next blocking call. Use it
    /// wherever a thread must not fail once it has started to act (a signalling path, a withdrawal, a
    /// restore after a wait). Release with <see cref="Monitor.Exit(object)"/>.
    /// </summary>
    /// <param name="monitor">The object whose monitor to acquire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="monitor"/> is null.</exception>
    public static void EnterUninterruptibly(object monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        EnterUninterruptiblyCore(monitor);
    }

    /// <summary>
    /// Keeps an interrupt the calling thread caught for its next blocking call: what a primitive does when
    /// an interrupt arrives after the operation has already taken effect (a waiter that was signalled
    /// before it was interrupted reports success and re-arms the interrupt). Under the systematic scheduler
    /// the interrupt is kept by the harness instead of the runtime.
    /// </summary>
    public static void Rearm()
    {
        if (SystematicHook.s_instance is { } hook && hook.CurrentMode != WaitMode.Real)
        {
            hook.SetPendingInterrupt();
            return;
        }

        Thread.CurrentThread.Interrupt();
    }

    /// <summary>
    /// Clears an interrupt pending on the calling thread, if any: what a pool worker does after running a
    /// task that left one behind, so that the worker's own idle wait does not die of it.
    /// </summary>
    /// <returns><c>true</c> if an interrupt was pending (and is now cleared).</returns>
    public static bool Clear()
    {
        if (SystematicHook.s_instance is { } hook && hook.CurrentMode != WaitMode.Real)
        {
            return hook.TakePendingInterrupt();
        }

        try
        {
            // The runtime consumes a pending interrupt only by throwing it from a blocking call. A zero-timeout join
            // of the calling thread is the cheapest one measured (~170 ns; Thread.Sleep(0) ~750 ns, and it yields).
            _ = Thread.CurrentThread.Join(0);
            return false;
        }
        catch (ThreadInterruptedException)
        {
            return true;
        }
    }

    /// <summary>
    /// The path every internal lock takes: <see cref="Monitor.Enter(object)"/> itself (its own fast path, spin and
    /// park), with the interrupt handling out of line; the harness's controlled mode goes out of line too.
    /// </summary>
    internal static void EnterUninterruptiblyCore(object monitor)
    {
        if (SystematicHook.s_instance is not null)
        {
            EnterSlow(monitor);
            return;
        }

        try
        {
            Monitor.Enter(monitor);
        }
        catch (ThreadInterruptedException)
        {
            EnterAfterInterrupt(monitor);
        }
    }

    /// <summary>The message of an interrupt the systematic scheduler delivers (the runtime's own, plus who sent it).</summary>
    internal const string ScheduledInterruptMessage = "Thread was interrupted from a waiting state (delivered by the systematic scheduler).";

    /// <summary>Throws a pending simulated interrupt at a wait (under the systematic scheduler only).</summary>
    internal static void ThrowIfPendingControlled(ISystematicHook hook)
    {
        if (hook.TakePendingInterrupt())
        {
            throw new ThreadInterruptedException(ScheduledInterruptMessage);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterSlow(object monitor)
    {
        if (SystematicHook.s_instance is { } hook && hook.CurrentMode != WaitMode.Real)
        {
            // Under Coyote: its monitors model neither interrupts nor TryEnter. The scheduler may deliver an
            // interrupt at this point; like any interrupt that arrives while the thread is busy, it stays
            // pending for the next wait.
            if (hook.InterruptAtLock())
            {
                hook.SetPendingInterrupt();
            }

            Monitor.Enter(monitor);
            return;
        }

        try
        {
            Monitor.Enter(monitor);
        }
        catch (ThreadInterruptedException)
        {
            EnterAfterInterrupt(monitor);
        }
    }

    // A contended entry threw on an interrupted thread (nothing is held): keep waiting for the lock, then
    // re-arm the interrupt for the thread's next wait.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterAfterInterrupt(object monitor)
    {
        while (true)
        {
            try
            {
                Monitor.Enter(monitor);
                break;
            }
            catch (ThreadInterruptedException)
            {
                // Another one: it is the same pending interrupt as far as the thread is concerned.
            }
        }

        Thread.CurrentThread.Interrupt();
    }
}
