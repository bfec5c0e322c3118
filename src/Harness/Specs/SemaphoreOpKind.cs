namespace Weave.Harness;

/// <summary>What a <see cref="SemaphoreOp"/> does.</summary>
public enum SemaphoreOpKind
{
    /// <summary>A blocking acquire; its result is true.</summary>
    Acquire,

    /// <summary>A non-blocking or timed acquire; its result says whether it got a permit.</summary>
    TryAcquire,

    /// <summary>A release of <see cref="SemaphoreOp.Count"/> permits; false when it threw SemaphoreFullException.</summary>
    Release,
}
