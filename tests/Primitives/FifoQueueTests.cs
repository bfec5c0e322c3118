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
}
