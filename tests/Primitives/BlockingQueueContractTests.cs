using System.Collections.Concurrent;

namespace Weave.Primitives.Tests;

/// <summary>
/// The contract of every <see cref="BlockingQueue{T}"/> (test_queue.py's BaseQueueTestMixin and
/// the 3.13 shutdown tests), bound to each ordering by a derived class.
/// </summary>
public abstract class BlockingQueueContractTests
{
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromMilliseconds(100);

    protected abstract BlockingQueue<int> CreateQueue(int maxSize = 0);

    /// <summary>The order in which the queue returns 111, 333, 222 (test_queue.py's basic test).</summary>
    protected abstract int[] ExpectedOrderOf111_333_222 { get; }

    [Fact]
    public void Get_ReturnsItemsInTheQueuesOrder()
    {
        BlockingQueue<int> queue = CreateQueue();
        foreach (int item in new[] { 111, 333, 222 })
        {
            queue.Put(item);
        }

        Assert.Equal(ExpectedOrderOf111_333_222, new[] { queue.Get(), queue.Get(), queue.Get() });
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Counts_TrackPutsAndGets()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 2);
        Assert.True(queue.IsEmpty);
        Assert.False(queue.IsFull);
        queue.Put(1);
        Assert.Equal(1, queue.Count);
        queue.Put(2);
        Assert.True(queue.IsFull);
        Assert.Equal(2, queue.MaxSize);
        Assert.Equal(2, queue.UnfinishedTasks);
        queue.Get();
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.UnfinishedTasks); // Only TaskDone lowers it.
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MaxSize_ZeroOrLess_IsUnboundedAndNeverFull(int maxSize)
    {
        BlockingQueue<int> queue = CreateQueue(maxSize);
        for (int i = 0; i < 1000; i++)
        {
            queue.PutNoWait(i);
        }

        Assert.False(queue.IsFull);
        Assert.Equal(1000, queue.Count);
    }

    [Fact]
    public void PutNoWait_OnAFullQueue_ThrowsQueueFull()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        queue.Put(1);
        Assert.Throws<QueueFullException>(() => queue.PutNoWait(2));
        Assert.False(queue.TryPut(2));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.UnfinishedTasks);
    }

    [Fact]
    public void Put_WithTimeout_OnAFullQueue_ThrowsQueueFullAfterAboutTheTimeout()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        queue.Put(1);
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<QueueFullException>(() => queue.Put(2, s_shortTimeout)));
        Timing.AssertAbout(s_shortTimeout, elapsed);
        Assert.False(queue.TryPut(2, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.WaitingPutters);
    }

    [Fact]
    public void GetNoWait_OnAnEmptyQueue_ThrowsQueueEmpty()
    {
        BlockingQueue<int> queue = CreateQueue();
        Assert.Throws<QueueEmptyException>(() => queue.GetNoWait());
        Assert.False(queue.TryGet(out _));
        Timing.AssertImmediate(Timing.Measure(() => Assert.Throws<QueueEmptyException>(() => queue.Get(TimeSpan.Zero))));
    }

    [Fact]
    public void Get_WithTimeout_OnAnEmptyQueue_ThrowsQueueEmptyAfterAboutTheTimeout()
    {
        BlockingQueue<int> queue = CreateQueue();
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<QueueEmptyException>(() => queue.Get(s_shortTimeout)));
        Timing.AssertAbout(s_shortTimeout, elapsed);
        Assert.False(queue.TryGet(out _, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(0, queue.WaitingGetters);
    }

    [Fact]
    public void BlockingCalls_WithNegativeTimeout_ThrowArgumentOutOfRange()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        TimeSpan negative = TimeSpan.FromMilliseconds(-5);
        Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => queue.Put(1, negative)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.TryPut(1, negative));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Get(negative));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.TryGet(out _, negative));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Join(negative));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Put_OnAFullQueue_BlocksUntilAGetMakesRoom()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        queue.Put(1);
        var putter = new Bunch(1, _ => queue.Put(2));
        Eventually.Equal(1, () => queue.WaitingPutters, "the putter is blocked");
        Assert.Equal(0, putter.Finished); // Really blocked.
        Assert.Equal(1, queue.Count);
        queue.Get();
        putter.WaitForFinished();
        Assert.Equal(1, queue.Count);
        Assert.Equal(2, queue.UnfinishedTasks);
    }

    [Fact]
    public void Get_OnAnEmptyQueue_BlocksUntilAPut()
    {
        BlockingQueue<int> queue = CreateQueue();
        int got = 0;
        var getter = new Bunch(1, _ => got = queue.Get());
        Eventually.Equal(1, () => queue.WaitingGetters, "the getter is blocked");
        Assert.Equal(0, getter.Finished);
        queue.Put(42);
        getter.WaitForFinished();
        Assert.Equal(42, got);
    }

    [Fact]
    public void Put_OneItem_WakesExactlyOneOfManyGetters()
    {
        BlockingQueue<int> queue = CreateQueue();
        var getters = new Bunch(3, _ => queue.Get());
        Eventually.Equal(3, () => queue.WaitingGetters, "getters blocked");
        queue.Put(1);
        Eventually.Equal(1, () => getters.Finished, "getters served");
        Eventually.Equal(2, () => queue.WaitingGetters, "getters still blocked");
        Assert.Equal(1, getters.Finished);
        queue.Put(2);
        queue.Put(3);
        getters.WaitForFinished();
    }

    [Fact]
    public void MaxSize_LoweredBelowTheCount_MakesTheQueueFull()
    {
        // bpo-10110: after maxsize was lowered, full() compared with == and never became true.
        BlockingQueue<int> queue = CreateQueue(maxSize: 5);
        queue.Put(1);
        queue.Put(2);
        queue.Put(3);
        queue.MaxSize = 2;
        Assert.True(queue.IsFull);
        Assert.Throws<QueueFullException>(() => queue.PutNoWait(4));
    }

    [Fact]
    public void MaxSize_Raised_WakesABlockedPutter()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        queue.Put(1);
        var putter = new Bunch(1, _ => queue.Put(2));
        Eventually.Equal(1, () => queue.WaitingPutters, "the putter is blocked");
        queue.MaxSize = 3;
        putter.WaitForFinished();
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void TaskDone_CalledTooManyTimes_ThrowsAndChangesNothing()
    {
        BlockingQueue<int> queue = CreateQueue();
        var error = Assert.Throws<InvalidOperationException>(queue.TaskDone);
        Assert.Equal("task_done() called too many times", error.Message);
        queue.Put(1);
        queue.Get();
        queue.TaskDone();
        Assert.Throws<InvalidOperationException>(queue.TaskDone);
        Assert.Equal(0, queue.UnfinishedTasks);
    }

    [Fact]
    public void Join_WithNothingUnfinished_ReturnsAtOnceAndCanBeRepeated()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Join();
        queue.Join();
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void Join_WaitsUntilEveryItemIsMarkedDone()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Put(1);
        queue.Put(2);
        var joiner = new Bunch(1, _ => queue.Join());
        Eventually.Equal(1, () => queue.WaitingJoiners, "the joiner is blocked");
        queue.Get();
        queue.TaskDone();
        Assert.Equal(1, queue.WaitingJoiners);
        Assert.Equal(0, joiner.Finished);
        queue.Get();
        queue.TaskDone();
        joiner.WaitForFinished();
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void Join_WithTimeout_ReturnsFalseWhileTasksRemain()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Put(1);
        TimeSpan elapsed = Timing.Measure(() => Assert.False(queue.Join(s_shortTimeout)));
        Timing.AssertAbout(s_shortTimeout, elapsed);
        Assert.Equal(0, queue.WaitingJoiners);
    }

    [Fact]
    public void Join_WithManyProducersAndConsumers_ReturnsWhenAllAreProcessed()
    {
        // test_queue.py test_queue_join, twice on the same queue: it stays reusable.
        BlockingQueue<int> queue = CreateQueue(maxSize: 16);
        for (int run = 0; run < 2; run++)
        {
            long sum = 0;
            var consumers = new Bunch(4, _ =>
            {
                while (true)
                {
                    int item = queue.Get();
                    if (item < 0)
                    {
                        queue.TaskDone();
                        return;
                    }

                    Interlocked.Add(ref sum, item);
                    queue.TaskDone();
                }
            });
            new Bunch(3, p =>
            {
                for (int i = 1; i <= 100; i++)
                {
                    queue.Put(i);
                }
            }).WaitForFinished();
            queue.Join();
            Assert.Equal(3 * 5050, Interlocked.Read(ref sum));
            for (int i = 0; i < 4; i++)
            {
                queue.Put(-1);
            }

            queue.Join();
            consumers.WaitForFinished();
        }
    }

    [Fact]
    public void ManyThreads_ConsumeExactlyTheItemsProduced()
    {
        // Consumers stop on a graceful shutdown, which drains first (a stop sentinel would jump the
        // line in LIFO or priority order and strand items).
        BlockingQueue<int> queue = CreateQueue(maxSize: 8);
        const int Producers = 4;
        const int PerProducer = 2000;
        var consumed = new ConcurrentBag<int>();
        var consumers = new Bunch(4, _ =>
        {
            try
            {
                while (true)
                {
                    consumed.Add(queue.Get());
                }
            }
            catch (QueueShutDownException)
            {
            }
        });
        new Bunch(Producers, p =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                queue.Put((p * PerProducer) + i);
            }
        }).WaitForFinished();
        queue.Shutdown();
        consumers.WaitForFinished();
        Assert.Equal(Enumerable.Range(0, Producers * PerProducer), consumed.Order());
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void ManyThreads_WithRandomCancellations_NeitherLoseNorDuplicateAnItem()
    {
        Seeded.Run(random =>
        {
            BlockingQueue<int> queue = CreateQueue(maxSize: 4);
            const int Producers = 3;
            const int PerProducer = 600;
            var produced = new ConcurrentBag<int>();
            var consumed = new ConcurrentBag<int>();
            int[] cancelTicks = Enumerable.Range(0, 4 * Producers * PerProducer).Select(_ => random.Next(0, 3) == 0 ? random.Next(1, 3000) : 0).ToArray();
            int stopConsumers = 0;
            var consumers = new Bunch(3, c =>
            {
                for (int i = 0; Volatile.Read(ref stopConsumers) == 0 || !queue.IsEmpty; i++)
                {
                    using var cts = new CancellationTokenSource();
                    long ticks = cancelTicks[((c * 7919) + i) % cancelTicks.Length];
                    if (ticks > 0)
                    {
                        cts.CancelAfter(TimeSpan.FromTicks(ticks));
                    }

                    try
                    {
                        if (queue.TryGet(out int item, TimeSpan.FromMilliseconds(50), cts.Token))
                        {
                            consumed.Add(item);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
            new Bunch(Producers, p =>
            {
                for (int i = 0; i < PerProducer; i++)
                {
                    int item = (p * PerProducer) + i;
                    using var cts = new CancellationTokenSource();
                    long ticks = cancelTicks[(p * PerProducer) + i];
                    if (ticks > 0)
                    {
                        cts.CancelAfter(TimeSpan.FromTicks(ticks));
                    }

                    try
                    {
                        queue.Put(item, cts.Token);
                        produced.Add(item);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }).WaitForFinished();
            Volatile.Write(ref stopConsumers, 1);
            consumers.WaitForFinished();

            Assert.Equal(produced.Order(), consumed.Order());
            Assert.Equal(produced.Count, queue.UnfinishedTasks);
            Assert.True(produced.Count > 0, "Some puts succeeded.");
        });
    }

    [Fact]
    public void Get_CancelledWhileBlocked_ThrowsAndTheNextItemReachesTheOtherGetter()
    {
        BlockingQueue<int> queue = CreateQueue();
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
        queue.Put(7);
        follower.WaitForFinished();
        Assert.Equal(7, got);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Put_CancelledWhileBlocked_AddsNothing()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 1);
        queue.Put(1);
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var victim = new Bunch(1, _ => cancelled = Record.Exception(() => queue.Put(2, cts.Token)));
        Eventually.Equal(1, () => queue.WaitingPutters, "the putter waits");
        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.UnfinishedTasks);
        Assert.Equal(1, queue.Get());
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Get_InterruptedWhileBlocked_ThrowsAndRemovesNothing()
    {
        BlockingQueue<int> queue = CreateQueue();
        Exception? interrupted = null;
        var victim = new Bunch(1, _ => interrupted = Record.Exception(() => queue.Get()));
        Eventually.Equal(1, () => queue.WaitingGetters, "the getter waits");
        victim.Threads[0].Interrupt();
        victim.WaitForFinished();
        Assert.IsType<ThreadInterruptedException>(interrupted);
        queue.Put(3);
        Assert.Equal(3, queue.GetNoWait());
    }

    [Fact]
    public void Shutdown_MakesPutsThrow_TryFormsToo()
    {
        BlockingQueue<int> queue = CreateQueue(maxSize: 2);
        queue.Shutdown();
        Assert.True(queue.IsShutDown);
        Assert.Throws<QueueShutDownException>(() => queue.Put(1));
        Assert.Throws<QueueShutDownException>(() => queue.PutNoWait(1));
        Assert.Throws<QueueShutDownException>(() => queue.TryPut(1));
        Assert.Throws<QueueShutDownException>(() => queue.TryPut(1, TimeSpan.FromSeconds(1)));
        Assert.Equal(0, queue.UnfinishedTasks);
    }

    [Fact]
    public void Shutdown_LetsGetsDrainTheQueueThenThrow()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Put(1);
        queue.Put(2);
        queue.Shutdown();
        Assert.Equal(2, new[] { queue.Get(), queue.Get(TimeSpan.FromSeconds(1)) }.Length);
        Assert.Throws<QueueShutDownException>(() => queue.Get());
        Assert.Throws<QueueShutDownException>(() => queue.Get(TimeSpan.FromSeconds(1)));
        Assert.Throws<QueueShutDownException>(() => queue.GetNoWait());
        Assert.Throws<QueueShutDownException>(() => queue.TryGet(out _));
    }

    [Fact]
    public void Shutdown_WakesBlockedGettersAndPutters()
    {
        BlockingQueue<int> full = CreateQueue(maxSize: 1);
        full.Put(1);
        BlockingQueue<int> empty = CreateQueue();
        var errors = new ConcurrentBag<Exception>();
        var putters = new Bunch(2, _ => errors.Add(Record.Exception(() => full.Put(2))!));
        var getters = new Bunch(2, _ => errors.Add(Record.Exception(() => empty.Get())!));
        Eventually.Equal(2, () => full.WaitingPutters, "putters blocked");
        Eventually.Equal(2, () => empty.WaitingGetters, "getters blocked");
        full.Shutdown();
        empty.Shutdown();
        putters.WaitForFinished();
        getters.WaitForFinished();
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.IsType<QueueShutDownException>(e));
        Assert.Equal(1, full.Count);
    }

    [Fact]
    public void Shutdown_Immediate_DiscardsItemsLowersTheCountAndWakesJoin()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Put(1);
        queue.Put(2);
        queue.Put(3);
        queue.Get(); // Taken but not yet done: stays unfinished.
        var joiner = new Bunch(1, _ => queue.Join());
        Eventually.Equal(1, () => queue.WaitingJoiners, "the joiner waits");
        queue.Shutdown(immediate: true);
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.UnfinishedTasks);
        Assert.Throws<QueueShutDownException>(() => queue.Get());
        queue.TaskDone();
        joiner.WaitForFinished(); // Join never throws ShutDown.
        Assert.Throws<InvalidOperationException>(queue.TaskDone);
    }

    [Fact]
    public void Shutdown_Immediate_NeverTakesTheUnfinishedCountBelowZero()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Put(1);
        queue.Put(2);
        queue.TaskDone();
        queue.TaskDone(); // Marked done before being taken: two items, zero unfinished.
        queue.Shutdown(immediate: true);
        Assert.Equal(0, queue.UnfinishedTasks);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Shutdown_Twice_IsHarmless_AndJoinDoesNotThrow()
    {
        BlockingQueue<int> queue = CreateQueue();
        queue.Shutdown();
        queue.Shutdown(immediate: true);
        queue.Shutdown();
        queue.Join();
        Assert.True(queue.Join(TimeSpan.Zero));
    }

    [Fact]
    public void Shutdown_UnderLoad_EveryThreadFinishes()
    {
        // test_queue.py's shutdown stress: writers, readers and joiners racing with shutdown.
        Seeded.Run(random =>
        {
            BlockingQueue<int> queue = CreateQueue(maxSize: 8);
            bool immediate = random.Next(2) == 0;
            var writers = new Bunch(4, w =>
            {
                try
                {
                    for (int i = 0; ; i++)
                    {
                        queue.Put(i);
                    }
                }
                catch (QueueShutDownException)
                {
                }
            });
            var readers = new Bunch(6, _ =>
            {
                try
                {
                    while (true)
                    {
                        queue.Get();
                        queue.TaskDone();
                    }
                }
                catch (QueueShutDownException)
                {
                }
            });
            var joiners = new Bunch(2, _ => queue.Join());
            Eventually.True(() => queue.UnfinishedTasks > 0 || queue.Count > 0 || joiners.Finished > 0, "traffic has started");
            queue.Shutdown(immediate);
            writers.WaitForFinished();
            readers.WaitForFinished();
            joiners.WaitForFinished();
            Assert.Equal(0, queue.Count);
        });
    }
}
