namespace Weave.Primitives.Tests.Processes;

public sealed class ProcessQueueTests
{
    [Fact]
    public void PutGet_Fifo()
    {
        var queue = new ProcessQueue<string>();

        queue.Put("a");
        queue.Put("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", queue.Get());
        Assert.Equal("b", queue.Get());
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Bounded_FullAndEmpty_RaiseQueueExceptions()
    {
        var queue = new ProcessQueue<int>(maxSize: 1);
        queue.Put(1);

        Assert.True(queue.IsFull);
        Assert.Throws<QueueFullException>(() => queue.PutNoWait(2));
        Assert.False(queue.TryPut(2));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), Timing.Measure(() => Assert.Throws<QueueFullException>(() => queue.Put(2, TimeSpan.FromMilliseconds(100)))));
        Assert.Equal(1, queue.GetNoWait());
        Assert.Throws<QueueEmptyException>(() => queue.GetNoWait());
        Assert.False(queue.TryGet(out _));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), Timing.Measure(() => Assert.Throws<QueueEmptyException>(() => queue.Get(TimeSpan.FromMilliseconds(100)))));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Get(TimeSpan.FromMilliseconds(-5)));
    }

    [Fact]
    public void Close_LaterPutAndGetThrow()
    {
        var queue = new ProcessQueue<int>();
        queue.Close();

        Assert.True(queue.IsClosed);
        Assert.Throws<InvalidOperationException>(() => queue.Put(1));
        Assert.Throws<InvalidOperationException>(() => queue.Get(TimeSpan.Zero));
    }

    [Fact]
    public void TaskDone_TooMany_Throws()
    {
        var queue = new ProcessQueue<int>();

        var e = Assert.Throws<InvalidOperationException>(queue.TaskDone);
        Assert.Contains("task_done() called too many times", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProducersInTwoProcesses_EveryItemArrivesInEachProducersOrder()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 2);
        var queue = new ProcessQueue<(int Producer, int Index)>(maxSize: 8); // Small: producers block on a full queue.
        const int PerProducer = 200;

        Future first = executor.Submit(Work.Produce, queue, 0, PerProducer);
        Future second = executor.Submit(Work.Produce, queue, 1, PerProducer);
        var received = Enumerable.Range(0, 2 * PerProducer).Select(_ => queue.Get(Work.Long)).ToList();
        first.Result(Work.Long);
        second.Result(Work.Long);

        Assert.Equal(2, executor.ProcessIds.Count);
        foreach (int producer in new[] { 0, 1 })
        {
            Assert.Equal(Enumerable.Range(0, PerProducer), received.Where(r => r.Producer == producer).Select(r => r.Index));
        }

        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void TaskDoneInWorker_JoinInParentReturns()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        var queue = new ProcessQueue<int>();
        foreach (int i in Enumerable.Range(1, 10))
        {
            queue.Put(i);
        }

        Assert.False(queue.Join(TimeSpan.FromMilliseconds(20)));
        Future<int> consumer = executor.Submit(Work.ConsumeAndMarkDone, queue, 10);

        Assert.True(queue.Join(Work.Long));
        Assert.Equal(55, consumer.Result(Work.Long));
        Assert.Equal(0, queue.UnfinishedTasks);
        var tooMany = Assert.Throws<InvalidOperationException>(() => executor.Submit(Work.TaskDoneOnce, queue).Result(Work.Long));
        Assert.Contains("too many", tooMany.Message, StringComparison.Ordinal); // The error crossed back as itself.
    }

    [Fact]
    public void Shutdown_WorkerBlockedInGet_GetsQueueShutDown()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        var queue = new ProcessQueue<int>();
        queue.Put(1);
        Assert.Equal(1, executor.Submit(Work.GetOne, queue).Result(Work.Long));
        Future<int> blocked = executor.Submit(Work.GetOne, queue);

        queue.Shutdown();

        Assert.Throws<QueueShutDownException>(() => blocked.Result(Work.Long));
        Assert.True(queue.IsShutDown);
        Assert.Throws<QueueShutDownException>(() => queue.Put(2));
    }

    [Fact]
    public void GetterProcessKilledWhileWaiting_ItemIsNotLost()
    {
        var executor = new ProcessPoolExecutor(maxWorkers: 1);
        var queue = new ProcessQueue<int>();
        (Connection report, Connection worker) = Pipe.Create();
        executor.Submit(Work.ReportThenGet, worker, queue);
        int pid = report.Recv<int>();

        Work.Kill(pid);
        Assert.True(Work.ExitsWithin(pid, Work.Long));
        queue.Put(42); // The dead getter's wait in this process may take it; it must come back.

        Assert.Equal(42, queue.Get(Work.Long));
        executor.Shutdown();
    }
}
