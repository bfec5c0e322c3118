namespace Weave.Harness;

/// <summary>An operation on a semaphore (<see cref="SemaphoreSpec"/>).</summary>
/// <param name="Kind">Acquire, TryAcquire or Release.</param>
/// <param name="Count">The permits a release returns (1 for acquires).</param>
public sealed record SemaphoreOp(SemaphoreOpKind Kind, int Count = 1)
{
    /// <summary>A blocking acquire.</summary>
    public static SemaphoreOp Acquire() => new(SemaphoreOpKind.Acquire);

    /// <summary>A non-blocking or timed acquire.</summary>
    public static SemaphoreOp TryAcquire() => new(SemaphoreOpKind.TryAcquire);

    /// <summary>A release of <paramref name="n"/> permits.</summary>
    /// <param name="n">The permits returned.</param>
    public static SemaphoreOp Release(int n = 1) => new(SemaphoreOpKind.Release, n);

    /// <inheritdoc/>
    public override string ToString() => Kind == SemaphoreOpKind.Release && Count != 1 ? $"Release({Count})" : Kind.ToString();
}
