namespace Consumer;

/// <summary>
/// A user's own bounded queue on one monitor. With <c>waitUnderIf</c> it has the classic bug: Take waits under
/// <c>if</c> instead of <c>while</c>, so a taker woken when another taker got there first takes from an empty
/// queue. (The fix is the <c>while</c>.)
/// </summary>
public sealed class BoundedQueue<T>(int capacity, bool waitUnderIf = false)
{
    private readonly object _sync = new();
    private readonly Queue<T> _items = new();

    public void Put(T item)
    {
        lock (_sync)
        {
            while (_items.Count == capacity)
            {
                Monitor.Wait(_sync);
            }

            _items.Enqueue(item);
            Monitor.PulseAll(_sync);
        }
    }

    public T Take()
    {
        lock (_sync)
        {
            if (waitUnderIf)
            {
                if (_items.Count == 0)
                {
                    Monitor.Wait(_sync);
                }
            }
            else
            {
                while (_items.Count == 0)
                {
                    Monitor.Wait(_sync);
                }
            }

            T item = _items.Dequeue(); // Throws on an empty queue: the bug shows as an exception.
            Monitor.PulseAll(_sync);
            return item;
        }
    }
}
