using System.Diagnostics;

namespace Weave.Primitives;

/// <summary>
/// A semaphore that refuses to be released above its initial value: Python's
/// <c>threading.BoundedSemaphore</c>.
/// </summary>
/// <remarks>
/// A release that would exceed the initial value throws <see cref="SemaphoreFullException"/> and
/// changes nothing; the check and the update are one atomic step, so <c>Release(2)</c> with one
/// permit taken fails as a whole even while other threads acquire.
/// <para>Interrupts and cancellation: as <see cref="CountingSemaphore"/>.</para>
/// </remarks>
[DebuggerDisplay("Count = {CurrentCount}/{InitialCount}, Waiters = {WaitingThreads}")]
public sealed class BoundedSemaphore : CountingSemaphore
{
    /// <summary>Creates a bounded semaphore holding <paramref name="initial"/> permits. Python: <c>BoundedSemaphore(value=1)</c>.</summary>
    /// <param name="initial">The initial count and the upper bound; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative.</exception>
    public BoundedSemaphore(int initial = 1)
        : base(initial, initial)
    {
        InitialCount = initial;
    }

    /// <summary>The initial value, which the count may never exceed.</summary>
    public int InitialCount { get; }

    /// <inheritdoc/>
    public override string ToString() => $"<BoundedSemaphore value={CurrentCount}/{InitialCount}>";
}
