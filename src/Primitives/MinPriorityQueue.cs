namespace Weave.Primitives;

/// <summary>
/// A blocking queue that returns the smallest item first: Python's <c>queue.PriorityQueue</c>.
/// </summary>
/// <remarks>
/// Items are compared with the comparer given (default: <see cref="Comparer{T}.Default"/>); the order
/// of equal items is unspecified, as with Python's heapq. A comparer that throws fails that put or
/// get and leaves the queue and its counts exactly as they were (CPython instead keeps the item in
/// its heap without counting it).
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public class MinPriorityQueue<T> : BlockingQueue<T>
{
    private readonly IComparer<T> _comparer;
    private T[] _heap = new T[8];
    private int _size;

    /// <summary>Creates a queue holding at most <paramref name="maxSize"/> items. Python: <c>PriorityQueue(maxsize=0)</c>.</summary>
    /// <param name="maxSize">The capacity; zero or less means unbounded.</param>
    /// <param name="comparer">Orders the items (smallest first); null uses <see cref="Comparer{T}.Default"/>.</param>
    public MinPriorityQueue(int maxSize = 0, IComparer<T>? comparer = null)
        : base(maxSize)
    {
        _comparer = comparer ?? Comparer<T>.Default;
    }

    /// <summary>The comparer that orders the items.</summary>
    public IComparer<T> Comparer => _comparer;

    /// <inheritdoc/>
    protected override int ItemCount => _size;

    /// <inheritdoc/>
    protected override void AddItem(T item)
    {
        if (_size == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        // Find the item's slot with comparisons only, so a throwing comparer changes nothing;
        // then shift the parents on that path down and place it.
        int slot = _size;
        while (slot > 0)
        {
            int parent = (slot - 1) / 2;
            if (_comparer.Compare(item, _heap[parent]) >= 0)
            {
                break;
            }

            slot = parent;
        }

        for (int i = _size; i > slot; i = (i - 1) / 2)
        {
            _heap[i] = _heap[(i - 1) / 2];
        }

        _heap[slot] = item;
        _size++;
    }

    /// <inheritdoc/>
    protected override T RemoveItem()
    {
        T smallest = _heap[0];
        int last = _size - 1;
        T moving = _heap[last];

        // Walk the sift-down path with comparisons only, recording at each level whether the right
        // child was taken (a heap of int.MaxValue items is 31 levels deep); then move.
        long rightTurns = 0;
        int depth = 0;
        int slot = 0;
        while (true)
        {
            int left = (2 * slot) + 1;
            if (left >= last)
            {
                break;
            }

            int child = left;
            if (left + 1 < last && _comparer.Compare(_heap[left + 1], _heap[left]) < 0)
            {
                child = left + 1;
            }

            if (_comparer.Compare(_heap[child], moving) >= 0)
            {
                break;
            }

            if (child != left)
            {
                rightTurns |= 1L << depth;
            }

            depth++;
            slot = child;
        }

        int position = 0;
        for (int level = 0; level < depth; level++)
        {
            int child = (2 * position) + 1 + (int)((rightTurns >> level) & 1);
            _heap[position] = _heap[child];
            position = child;
        }

        _heap[position] = moving;
        _heap[last] = default!;
        _size = last;
        return smallest;
    }
}
