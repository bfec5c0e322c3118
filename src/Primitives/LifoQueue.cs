namespace Weave.Primitives;

/// <summary>A last-in, first-out blocking queue (a stack): Python's <c>queue.LifoQueue</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public class LifoQueue<T> : BlockingQueue<T>
{
    private readonly Stack<T> _items = new();

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items. Python: <c>LifoQueue(maxsize=0)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    public LifoQueue(int maxSize = 0)
        : base(maxSize)
    {
    }

    /// <inheritdoc/>
    protected override int ItemCount => _items.Count;

    /// <inheritdoc/>
    protected override void AddItem(T item) => _items.Push(item);

    /// <inheritdoc/>
    protected override T RemoveItem() => _items.Pop();
}
