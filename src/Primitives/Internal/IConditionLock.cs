namespace Weave.Primitives;

/// <summary>
/// What <see cref="Condition"/> needs from its lock beyond <see cref="ILock"/>: CPython's
/// <c>_is_owned</c>, <c>_release_save</c> and <c>_acquire_restore</c>, so that a wait fully
/// releases a recursively held <see cref="ReentrantLock"/> and restores its depth.
/// </summary>
internal interface IConditionLock
{
    /// <summary>True when the calling thread may wait on or notify a condition over this lock.</summary>
    bool IsOwnedByCaller { get; }

    /// <summary>Releases the lock completely; returns what <see cref="AcquireRestore"/> needs.</summary>
    int ReleaseSave();

    /// <summary>Reacquires the lock (blocking, not cancellable) and restores the saved state.</summary>
    void AcquireRestore(int state);
}
