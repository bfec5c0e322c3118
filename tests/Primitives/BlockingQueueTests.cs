namespace Weave.Primitives.Tests;

/// <summary>BlockingQueue as a base for users' own storage, with failures injected (test_queue.py's FailingQueue).</summary>
public sealed class BlockingQueueTests
{
    [Fact]
    public void Storage_ThatThrowsOnAdd_LeavesCountsAndWaitersConsistent()
    {
        var queue = new FailingQueue(maxSize: 2);
        queue.Put(1);
        queue.FailAdd = true;
        Assert.Throws<FormatException>(() => queue.Put(2));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.UnfinishedTasks);

        queue.FailAdd = false;
        queue.Put(2);
        Assert.True(queue.IsFull);
        Assert.Equal([1, 2], new[] { queue.Get(), queue.Get() });
    }

    [Fact]
    public void Storage_ThatThrowsOnRemove_LeavesTheItemAndWakesNobodyWrongly()
    {
        var queue = new FailingQueue(maxSize: 1);
        queue.Put(1);
        var putter = new Bunch(1, _ => queue.Put(2));
        Eventually.Equal(1, () => queue.WaitingPutters, "the putter waits");
        queue.FailRemove = true;
        Assert.Throws<FormatException>(() => queue.Get());
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.WaitingPutters); // Still full: the putter must keep waiting.

        queue.FailRemove = false;
        Assert.Equal(1, queue.Get());
        putter.WaitForFinished();
        Assert.Equal(2, queue.Get());
    }

    [Fact]
    public void Storage_ThatThrowsWhileAGetterWaits_DoesNotStrandTheGetter()
    {
        var queue = new FailingQueue();
        int got = 0;
        var getter = new Bunch(1, _ => got = queue.Get());
        Eventually.Equal(1, () => queue.WaitingGetters, "the getter waits");
        queue.FailAdd = true;
        Assert.Throws<FormatException>(() => queue.Put(5));
        queue.FailAdd = false;
        queue.Put(6);
        getter.WaitForFinished();
        Assert.Equal(6, got);
    }

    private sealed class FailingQueue(int maxSize = 0) : BlockingQueue<int>(maxSize)
    {
        private readonly Queue<int> _items = new();

        public bool FailAdd { get; set; }

        public bool FailRemove { get; set; }

        protected override int ItemCount => _items.Count;

        protected override void AddItem(int item)
        {
            if (FailAdd)
            {
                throw new FormatException("injected put failure");
            }

            _items.Enqueue(item);
        }

        protected override int RemoveItem() => FailRemove ? throw new FormatException("injected get failure") : _items.Dequeue();
    }
}
