namespace Weave.Harness;

/// <summary>What a <see cref="QueueOp{T}"/> does.</summary>
public enum QueueOpKind
{
    /// <summary>Put an item (blocking, or with a timeout / no wait when <see cref="QueueOp{T}.Timed"/>).</summary>
    Put,

    /// <summary>Get an item (blocking, or with a timeout / no wait when <see cref="QueueOp{T}.Timed"/>).</summary>
    Get,

    /// <summary>task_done().</summary>
    TaskDone,

    /// <summary>join() (or join with a timeout when <see cref="QueueOp{T}.Timed"/>).</summary>
    Join,

    /// <summary>qsize().</summary>
    Size,

    /// <summary>shutdown(immediate) (3.13).</summary>
    Shutdown,
}
