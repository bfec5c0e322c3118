namespace Weave.Primitives;

/// <summary>
/// Which <see cref="Waiter"/> a thread is parked on with no deadline, for Weave.Harness's scenario runner: when a
/// round's threads do not finish, it asks whether each one is parked for good (waiting, unsignalled, no timeout) —
/// nothing left to wake them — before it marks their calls blocked. Written only by the owning thread.
/// </summary>
internal sealed class ParkSlot
{
#pragma warning disable IDE1006 // t_ is the thread-static prefix of the runtime style.
    [ThreadStatic]
    private static ParkSlot? t_current;
#pragma warning restore IDE1006

    private Waiter? _forever;

    /// <summary>The calling thread's slot (created on first use).</summary>
    internal static ParkSlot Current => t_current ??= new ParkSlot();

    /// <summary>The waiter this thread is parked on with no deadline, or null.</summary>
    internal Waiter? Forever => Volatile.Read(ref _forever);

    /// <summary>True while the thread is in an untimed wait that no one has signalled (nor it abandoned).</summary>
    internal bool IsParkedForever => Forever is { IsWaiting: true };

    internal static ParkSlot? Enter(Waiter waiter, Deadline deadline)
    {
        // Real threads only: under the systematic scheduler the runner knows quiescence exactly (CoyoteQuiescence),
        // and each volatile access here would be one more scheduling point in every iteration.
        if (!deadline.IsInfinite || SystematicHook.CurrentMode != WaitMode.Real)
        {
            return null;
        }

        ParkSlot slot = Current;
        Volatile.Write(ref slot._forever, waiter);
        return slot;
    }

    internal void Leave() => Volatile.Write(ref _forever, null);
}
