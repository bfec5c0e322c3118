namespace Weave.Primitives.Tests;

public sealed class MinPriorityQueueTests : BlockingQueueContractTests
{
    protected override BlockingQueue<int> CreateQueue(int maxSize = 0) => new MinPriorityQueue<int>(maxSize);

    protected override int[] ExpectedOrderOf111_333_222 => [111, 222, 333];

    [Fact]
    public void Get_AlwaysReturnsTheSmallestQueuedItem_AgainstAModel()
    {
        Seeded.Run(random =>
        {
            var queue = new MinPriorityQueue<int>();
            var model = new List<int>();
            for (int step = 0; step < 2000; step++)
            {
                if (model.Count == 0 || random.Next(3) != 0)
                {
                    int item = random.Next(-100, 100);
                    queue.Put(item);
                    model.Add(item);
                }
                else
                {
                    int smallest = model.Min();
                    model.Remove(smallest);
                    Assert.Equal(smallest, queue.Get());
                }

                Assert.Equal(model.Count, queue.Count);
            }
        });
    }

    [Fact]
    public void Comparer_OrdersTheItems()
    {
        var queue = new MinPriorityQueue<string>(comparer: StringComparer.OrdinalIgnoreCase);
        queue.Put("b");
        queue.Put("A");
        queue.Put("c");
        Assert.Equal(["A", "b", "c"], new[] { queue.Get(), queue.Get(), queue.Get() });
        Assert.Same(StringComparer.OrdinalIgnoreCase, queue.Comparer);
    }

    [Fact]
    public void Comparer_ThatThrows_LeavesTheQueueAndItsCountsConsistent()
    {
        var comparer = new FlakyComparer();
        var queue = new MinPriorityQueue<int>(comparer: comparer);
        foreach (int item in new[] { 5, 3, 8, 1, 9, 2 })
        {
            queue.Put(item);
        }

        comparer.Fail = true;
        Assert.Throws<InvalidCastException>(() => queue.Put(0));
        Assert.Equal(6, queue.Count);
        Assert.Equal(6, queue.UnfinishedTasks);
        Assert.Throws<InvalidCastException>(() => queue.Get());
        Assert.Equal(6, queue.Count);

        comparer.Fail = false;
        Assert.Equal(new[] { 1, 2, 3, 5, 8, 9 }, Enumerable.Range(0, 6).Select(_ => queue.Get()).ToArray());
        Assert.Equal(6, queue.UnfinishedTasks);
    }

    [Fact]
    public void Items_ThatCannotBeCompared_FailThePutAndChangeNothing()
    {
        var queue = new MinPriorityQueue<object>();
        queue.Put(new object());
        Assert.ThrowsAny<ArgumentException>(() => queue.Put(new object()));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.UnfinishedTasks);
    }

    private sealed class FlakyComparer : IComparer<int>
    {
        public bool Fail { get; set; }

        public int Compare(int x, int y) => Fail ? throw new InvalidCastException("cannot compare") : x.CompareTo(y);
    }
}
