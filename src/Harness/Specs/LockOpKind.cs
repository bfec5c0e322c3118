namespace Weave.Harness;

/// <summary>What a <see cref="LockOp"/> does.</summary>
public enum LockOpKind
{
    /// <summary>A blocking acquire; its result is true.</summary>
    Acquire,

    /// <summary>A non-blocking or timed acquire; its result says whether it got the lock.</summary>
    TryAcquire,

    /// <summary>A release; its result is true, or false when it threw SynchronizationLockException.</summary>
    Release,
}
