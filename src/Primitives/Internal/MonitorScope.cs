using System.Runtime.CompilerServices;

namespace Weave.Primitives;

/// <summary>
/// <c>using (MonitorScope.Enter(x)) { … }</c>: the <c>lock (x) { … }</c> of every Weave primitive, except
/// that a contended entry never throws <see cref="ThreadInterruptedException"/> — the interrupt stays
/// pending for the thread's next wait (<see cref="Interrupts.EnterUninterruptibly"/>). So an operation that
/// has begun to take effect (an item stored, a permit given back, a waiter chosen) always finishes.
/// </summary>
internal readonly ref struct MonitorScope
{
    private readonly object _monitor;

    private MonitorScope(object monitor) => _monitor = monitor;

    /// <summary>Acquires <paramref name="monitor"/> uninterruptibly and returns the scope that releases it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static MonitorScope Enter(object monitor)
    {
        Interrupts.EnterUninterruptiblyCore(monitor);
        return new MonitorScope(monitor);
    }

    /// <summary>Releases the monitor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose() => Monitor.Exit(_monitor);
}
