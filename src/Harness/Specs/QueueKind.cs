namespace Weave.Harness;

/// <summary>Which end a <see cref="QueueSpec{T}"/> takes items from.</summary>
public enum QueueKind
{
    /// <summary>First in, first out (<c>FifoQueue</c>, <c>SimpleQueue</c>; Python's <c>Queue</c>).</summary>
    Fifo,

    /// <summary>Last in, first out (<c>LifoQueue</c>).</summary>
    Lifo,

    /// <summary>Smallest first (<c>MinPriorityQueue</c>; Python's <c>PriorityQueue</c>).</summary>
    Priority,
}
