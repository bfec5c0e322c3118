namespace Weave.Harness;

/// <summary>
/// The sequential spec of <c>PrimitiveLock</c> (Python's <c>Lock</c>) or, with <c>reentrant</c>,
/// <c>ReentrantLock</c> (<c>RLock</c>). Results are booleans: an acquire's "got it", a release's
/// "did not throw".
/// </summary>
/// <remarks>
/// A blocking acquire is legal only when the lock is free (or, reentrant, held by the caller). A failed
/// try/timed acquire is legal only when it is not. A primitive lock may be released by any thread while
/// held; a reentrant lock only by its owner; any other release must have thrown.
/// </remarks>
/// <param name="reentrant">True for RLock semantics (owner and recursion depth).</param>
public sealed class LockSpec(bool reentrant = false) : ISequentialSpec<LockState, LockOp, bool>
{
    /// <summary>True for RLock semantics.</summary>
    public bool Reentrant => reentrant;

    /// <inheritdoc/>
    public LockState Initial => LockState.Free;

    /// <inheritdoc/>
    public (bool Legal, LockState Next) Step(LockState state, LockOp op, bool result)
    {
        ArgumentNullException.ThrowIfNull(op);
        bool available = !state.IsHeld || (reentrant && state.Owner == op.Thread);
        switch (op.Kind)
        {
            case LockOpKind.Acquire:
            case LockOpKind.TryAcquire:
                if (result)
                {
                    return (available, new LockState(op.Thread, state.Depth + 1));
                }

                return (op.Kind == LockOpKind.TryAcquire && !available, state);
            case LockOpKind.Release:
                bool releasable = state.IsHeld && (!reentrant || state.Owner == op.Thread);
                if (!result)
                {
                    return (!releasable, state);
                }

                return (releasable, state.Depth == 1 ? LockState.Free : state with { Depth = state.Depth - 1 });
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Kind, "Unknown lock operation.");
        }
    }

    /// <summary>An acquire (timed or not) waits while the lock is held — by another thread, for a reentrant
    /// lock; by anyone, its holder included, for a plain one. A release never waits.</summary>
    /// <inheritdoc/>
    public bool? Blocks(LockState state, LockOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.Kind != LockOpKind.Release && state.IsHeld && (!reentrant || state.Owner != op.Thread);
    }

    /// <inheritdoc/>
    public IEnumerable<bool> PendingResults(LockState state, LockOp op) => [true, false];
}
