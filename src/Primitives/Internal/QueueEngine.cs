namespace Weave.Primitives;

/// <summary>Which machinery a <see cref="BlockingQueue{T}"/> runs on.</summary>
internal enum QueueEngine
{
    /// <summary>The mutex and three conditions of queue.py, over the derived type's storage hooks.</summary>
    Locked,

    /// <summary><see cref="LockFreeFifo{T}"/>: only for FifoQueue's own storage (tests force it under the scheduler).</summary>
    LockFree,

    /// <summary>Lock-free for an exact <see cref="FifoQueue{T}"/> on real threads, locked otherwise.</summary>
    Auto,
}
