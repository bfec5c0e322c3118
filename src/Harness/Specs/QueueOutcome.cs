namespace Weave.Harness;

/// <summary>How a queue operation ended (<see cref="QueueResult{T}"/>).</summary>
public enum QueueOutcome
{
    /// <summary>It succeeded without a value (put, task_done, join, shutdown).</summary>
    Ok,

    /// <summary>A get returned <see cref="QueueResult{T}.Item"/>.</summary>
    Item,

    /// <summary>qsize() returned <see cref="QueueResult{T}.Count"/>.</summary>
    Size,

    /// <summary>A timed put gave up: QueueFullException / false.</summary>
    Full,

    /// <summary>A timed get gave up: QueueEmptyException / false.</summary>
    Empty,

    /// <summary>The queue was shut down: QueueShutDownException.</summary>
    ShutDown,

    /// <summary>task_done() called too many times: InvalidOperationException.</summary>
    TooManyTaskDone,

    /// <summary>A timed join gave up.</summary>
    TimedOut,
}
