namespace Weave.Harness;

/// <summary>
/// The sequential spec of <c>CountingSemaphore</c> (Python's <c>Semaphore</c>) or, with a bound,
/// <c>BoundedSemaphore</c>. The state is the number of permits.
/// </summary>
/// <remarks>A blocking acquire is legal when a permit is free; a failed try/timed acquire when none is; a
/// release of n fails (SemaphoreFullException, result false, nothing changes) exactly when it would take
/// a bounded semaphore past its bound.</remarks>
public sealed class SemaphoreSpec : ISequentialSpec<int, SemaphoreOp, bool>
{
    /// <summary>Creates the spec.</summary>
    /// <param name="initial">The initial permits.</param>
    /// <param name="bound">The most permits a bounded semaphore may hold (its initial value in Python), or null for unbounded.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative, or above <paramref name="bound"/>.</exception>
    public SemaphoreSpec(int initial = 1, int? bound = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initial);
        if (bound is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(initial, b);
        }

        Initial = initial;
        Bound = bound;
    }

    /// <summary>The bound, or null.</summary>
    public int? Bound { get; }

    /// <inheritdoc/>
    public int Initial { get; }

    /// <inheritdoc/>
    public (bool Legal, int Next) Step(int state, SemaphoreOp op, bool result)
    {
        ArgumentNullException.ThrowIfNull(op);
        switch (op.Kind)
        {
            case SemaphoreOpKind.Acquire:
            case SemaphoreOpKind.TryAcquire:
                if (result)
                {
                    return (state > 0, state - 1);
                }

                return (op.Kind == SemaphoreOpKind.TryAcquire && state == 0, state);
            case SemaphoreOpKind.Release:
                bool fits = Bound is not { } bound || (long)state + op.Count <= bound;
                return result ? (fits, state + op.Count) : (!fits, state);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown semaphore operation.");
        }
    }

    /// <summary>An acquire (timed or not) waits while no permit is left; a release never waits.</summary>
    /// <inheritdoc/>
    public bool? Blocks(int state, SemaphoreOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Kind != SemaphoreOpKind.Release && state == 0;
    }

    /// <inheritdoc/>
    public IEnumerable<bool> PendingResults(int state, SemaphoreOp op) => [true, false];
}
