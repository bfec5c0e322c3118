namespace Weave.Primitives;

/// <summary>The states of a <see cref="Future"/>: Python's PENDING, RUNNING, CANCELLED and FINISHED.</summary>
public enum FutureState
{
    /// <summary>Created, not started; may still be cancelled.</summary>
    Pending,

    /// <summary>Running; can no longer be cancelled.</summary>
    Running,

    /// <summary>Cancelled before it ran (done).</summary>
    Cancelled,

    /// <summary>Finished with a result or an exception (done).</summary>
    Finished,
}
