namespace Weave.Harness;

/// <summary>The model state of a lock: who holds it and how many times.</summary>
/// <param name="Owner">The holding thread, or -1 when free.</param>
/// <param name="Depth">How many acquires are unmatched (0 when free; at most 1 for a non-reentrant lock).</param>
public readonly record struct LockState(int Owner, int Depth)
{
    /// <summary>The free lock.</summary>
    public static LockState Free => new(-1, 0);

    /// <summary>True when some thread holds the lock.</summary>
    public bool IsHeld => Depth > 0;
}
