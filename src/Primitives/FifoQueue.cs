namespace Weave.Primitives;

/// <summary>A first-in, first-out blocking queue: Python's <c>queue.Queue</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public class FifoQueue<T> : BlockingQueue<T>
{
    // A ring buffer: no allocation per item once it has grown to the working size.
    private readonly Queue<T> _items = new();

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items. Python: <c>Queue(maxsize=0)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    public FifoQueue(int maxSize = 0)
        : base(maxSize)
    {
    }

    /// <inheritdoc/>
    protected override int ItemCount => _items.Count;

    /// <inheritdoc/>
    protected override void AddItem(T item) => _items.Enqueue(item);

    /// <inheritdoc/>
    protected override T RemoveItem() => _items.Dequeue();
}
