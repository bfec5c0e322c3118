namespace Weave.Primitives.Tests;

public sealed class FifoQueueTests : BlockingQueueContractTests
{
    protected override BlockingQueue<int> CreateQueue(int maxSize = 0) => new FifoQueue<int>(maxSize);

    protected override int[] ExpectedOrderOf111_333_222 => [111, 333, 222];

    [Fact]
    public void Get_AfterTheRingBufferWraps_KeepsFifoOrder()
    {
        var queue = new FifoQueue<int>(maxSize: 4);
        var seen = new List<int>();
        for (int i = 0; i < 100; i++)
        {
            queue.Put(i);
            if (queue.IsFull)
            {
                seen.Add(queue.Get());
                seen.Add(queue.Get());
            }
        }

        while (!queue.IsEmpty)
        {
            seen.Add(queue.Get());
        }

        Assert.Equal(Enumerable.Range(0, 100), seen);
    }

    [Fact]
    public void ToString_ShowsCountAndMaxSize()
    {
        var queue = new FifoQueue<int>(3);
        queue.Put(1);
        Assert.Equal("<FifoQueue`1 count=1 maxsize=3>", queue.ToString());
    }

    [Fact]
    public void Constructor_OfAnExactFifoQueue_OnRealThreads_IsLockFree() =>
        Assert.True(new FifoQueue<int>(4).IsLockFree);

    [Fact]
    public void Subclass_OverridingTheStorageHooks_RunsLockedAndItsHooksAreCalled()
    {
        var queue = new RecordingFifoQueue();
        queue.Put(1);
        queue.Put(2);
        Assert.Equal(1, queue.Get());

        Assert.False(queue.IsLockFree);
        Assert.Equal(["add 1", "add 2", "remove 1"], queue.Calls);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Count_AndUnfinishedTasks_AreExactWhenNothingIsInFlight()
    {
        var queue = new FifoQueue<int>(maxSize: 3);
        queue.Put(1);
        queue.Put(2);
        queue.Put(3);
        Assert.True(queue.IsFull);
        Assert.False(queue.TryPut(4));
        Assert.Equal(3, queue.Count);
        Assert.Equal(1, queue.Get());
        queue.TaskDone();
        Assert.Equal(2, queue.Count);
        Assert.Equal(2, queue.UnfinishedTasks);
        queue.MaxSize = 1; // Lowered below the count: full (bpo-10110).
        Assert.True(queue.IsFull);
        Assert.False(queue.TryPut(5));
        queue.Shutdown(immediate: true);
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.UnfinishedTasks);
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    private sealed class RecordingFifoQueue : FifoQueue<int>
    {
        public List<string> Calls { get; } = [];

        protected override void AddItem(int item)
        {
            Calls.Add($"add {item}");
            base.AddItem(item);
        }

        protected override int RemoveItem()
        {
            int item = base.RemoveItem();
            Calls.Add($"remove {item}");
            return item;
        }
    }
}
