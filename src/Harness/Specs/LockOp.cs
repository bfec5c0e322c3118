namespace Weave.Harness;

/// <summary>An operation on a lock (<see cref="LockSpec"/>), made by logical thread <paramref name="Thread"/>.</summary>
/// <param name="Kind">Acquire, TryAcquire or Release.</param>
/// <param name="Thread">The calling thread (it matters for a reentrant lock's ownership).</param>
public sealed record LockOp(LockOpKind Kind, int Thread = 0)
{
    /// <summary>A blocking acquire by <paramref name="thread"/>.</summary>
    /// <param name="thread">The calling thread.</param>
    public static LockOp Acquire(int thread = 0) => new(LockOpKind.Acquire, thread);

    /// <summary>A non-blocking or timed acquire by <paramref name="thread"/>.</summary>
    /// <param name="thread">The calling thread.</param>
    public static LockOp TryAcquire(int thread = 0) => new(LockOpKind.TryAcquire, thread);

    /// <summary>A release by <paramref name="thread"/>.</summary>
    /// <param name="thread">The calling thread.</param>
    public static LockOp Release(int thread = 0) => new(LockOpKind.Release, thread);

    /// <inheritdoc/>
    public override string ToString() => Kind.ToString();
}
