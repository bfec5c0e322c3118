using System.Collections.Concurrent;

namespace Weave.Primitives.Tests;

public sealed class SimpleQueueTests
{
    [Fact]
    public void Get_ReturnsItemsFirstInFirstOut()
    {
        var queue = new SimpleQueue<int>();
        queue.Put(111);
        queue.Put(333);
        queue.PutNoWait(222);
        Assert.Equal(3, queue.Count);
        Assert.Equal([111, 333, 222], new[] { queue.Get(), queue.Get(), queue.GetNoWait() });
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Put_NeverBlocks()
    {
        var queue = new SimpleQueue<int>();
        Timing.AssertImmediate(Timing.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                queue.Put(i);
            }
        }));
        Assert.Equal(100_000, queue.Count);
    }

    [Fact]
    public void Get_OnAnEmptyQueue_ThrowsOrTimesOut()
    {
        var queue = new SimpleQueue<int>();
        Assert.Throws<QueueEmptyException>(() => queue.GetNoWait());
        Assert.False(queue.TryGet(out _));
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<QueueEmptyException>(() => queue.Get(TimeSpan.FromMilliseconds(100))));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Get(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Get_Blocked_IsReleasedByAPut()
    {
        var queue = new SimpleQueue<string>();
        string? got = null;
        var getter = new Bunch(1, _ => got = queue.Get());
        Eventually.Equal(1, () => queue.WaitingGetters, "the getter waits");
        Assert.Equal(0, getter.Finished);
        queue.Put("x");
        getter.WaitForFinished();
        Assert.Equal("x", got);
    }

    [Fact]
    public void Get_CancelledWhileBlocked_RemovesNothingAndTheItemReachesTheNextGetter()
    {
        var queue = new SimpleQueue<int>();
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var victim = new Bunch(1, _ => cancelled = Record.Exception(() => queue.Get(cts.Token)));
        Eventually.Equal(1, () => queue.WaitingGetters, "the victim waits");
        int got = 0;
        var follower = new Bunch(1, _ => got = queue.Get());
        Eventually.Equal(2, () => queue.WaitingGetters, "both wait");
        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        queue.Put(9);
        follower.WaitForFinished();
        Assert.Equal(9, got);
    }

    [Fact]
    public void ManyThreads_ConsumeExactlyTheItemsProduced()
    {
        var queue = new SimpleQueue<int>();
        var consumed = new ConcurrentBag<int>();
        var consumers = new Bunch(3, _ =>
        {
            while (queue.Get() is int item && item >= 0)
            {
                consumed.Add(item);
            }
        });
        new Bunch(3, p =>
        {
            for (int i = 0; i < 3000; i++)
            {
                queue.Put((p * 3000) + i);
            }
        }).WaitForFinished();
        for (int i = 0; i < 3; i++)
        {
            queue.Put(-1);
        }

        consumers.WaitForFinished();
        Assert.Equal(Enumerable.Range(0, 9000), consumed.Order());
    }

    [Fact]
    public void Constructor_OnRealThreads_IsLockFree()
    {
        var queue = new SimpleQueue<int>();
        queue.Put(1);
        Assert.True(queue.IsLockFree);
        Assert.Equal("<SimpleQueue count=1>", queue.ToString());
    }
}
