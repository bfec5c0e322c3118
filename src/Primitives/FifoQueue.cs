namespace Weave.Primitives;

/// <summary>A first-in, first-out blocking queue: Python's <c>queue.Queue</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public class FifoQueue<T> : BlockingQueue<T>
{
    // A ring buffer: no allocation per item once it has grown to the working size.
    private readonly Queue<T> _items = new();

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items. Python: <c>Queue(maxsize=0)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    /// <remarks>An exact <c>FifoQueue</c> puts and gets without a lock while there is room and an item
    /// (docs/benchmarks.md); a subclass, or a queue created under the systematic scheduler, runs the locked
    /// machinery over the storage hooks below. Both have the same semantics.</remarks>
    public FifoQueue(int maxSize = 0)
        : base(maxSize, QueueEngine.Auto)
    {
    }

    /// <summary>Creates a queue on the given engine: tests explore the lock-free one under the scheduler.</summary>
    internal FifoQueue(int maxSize, QueueEngine engine)
        : base(maxSize, engine)
    {
    }

    /// <inheritdoc/>
    protected override int ItemCount => _items.Count;

    /// <inheritdoc/>
    protected override void AddItem(T item) => _items.Enqueue(item);

    /// <inheritdoc/>
    protected override T RemoveItem() => _items.Dequeue();
}
