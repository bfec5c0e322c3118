namespace Weave.Primitives.Tests.Processes;

public sealed class ProcessPoolExecutorTests
{
    [Fact]
    public void Submit_StaticMethod_ReturnsResultFromAnotherProcess()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 2);
        Future<int> pid = executor.Submit(Work.ProcessId);
        Future<int> square = executor.Submit(Work.Square, 7);
        Future<string> concat = executor.Submit(Work.Concat, "a", 1);

        Assert.Equal(49, square.Result(Work.Long));
        Assert.Equal("a1", concat.Result(Work.Long));
        Assert.NotEqual(Environment.ProcessId, pid.Result(Work.Long));
        Assert.Contains(pid.Result(), executor.ProcessIds);
        Assert.Equal(2, executor.ProcessIds.Count);
    }

    [Fact]
    public void Submit_LambdaWithoutCaptures_Runs()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);

        Assert.Equal(42, executor.Submit(static (int x) => x + 1, 41).Result(Work.Long));
    }

    [Fact]
    public void Submit_LambdaWithCaptures_ThrowsArgumentExceptionNamingThem()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        int offset = 1;

        var e = Assert.Throws<ArgumentException>(() => executor.Submit((int x) => x + offset, 41));

        Assert.Equal("function", e.ParamName);
        Assert.Contains("captures", e.Message, StringComparison.Ordinal);
        Assert.Contains("offset", e.Message, StringComparison.Ordinal); // Names what it captured.
        Assert.Empty(executor.ProcessIds); // Refused before anything started.
    }

    [Fact]
    public void Submit_InstanceMethod_ThrowsArgumentException()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        var list = new List<int>();

        var e = Assert.Throws<ArgumentException>(() => executor.Submit(list.Add, 1));

        Assert.Contains("instance method", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_WorkThrows_ExceptionTypeAndMessageCrossTheBoundary()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);

        Future failed = executor.Submit(Work.Fail, "it broke");
        var e = Assert.Throws<WorkFailedException>(() => failed.Result(Work.Long));
        Future<int> failedOnItem = executor.Submit(Work.FailOn, 3, 3);
        var withInner = Assert.Throws<InvalidOperationException>(() => failedOnItem.Result(Work.Long));

        Assert.Equal("it broke", e.Message); // A type with only a (string) constructor: type and message.
        Assert.Contains(nameof(Work.Fail), (string?)e.Data[RemoteException.StackTraceKey], StringComparison.Ordinal);
        Assert.Equal("bad item 3", withInner.Message);
        var remote = Assert.IsType<RemoteException>(withInner.InnerException); // And the worker's stack inside.
        Assert.Contains(nameof(Work.FailOn), remote.RemoteStackTrace, StringComparison.Ordinal);
        Assert.Equal(49, executor.Submit(Work.Square, 7).Result(Work.Long)); // The worker survives.
    }

    [Fact]
    public void Map_WithChunks_YieldsResultsInInputOrder()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 2);

        List<int> results = [.. executor.Map(Work.Square, Enumerable.Range(0, 100), timeout: Work.Long, chunkSize: 7)];

        Assert.Equal(Enumerable.Range(0, 100).Select(x => x * x), results);
    }

    [Fact]
    public void Map_ChunkSizeBelowOne_Throws()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => executor.Map(Work.Square, [1], chunkSize: 0));
        Assert.Equal("chunkSize", e.ParamName);
    }

    [Fact]
    public void Map_CallThrows_ResultsBeforeItThenItsException()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 2);
        var seen = new List<int>();

        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (int x in executor.Map((int x) => Work.FailOn(x, 5), Enumerable.Range(0, 10)))
            {
                seen.Add(x);
            }
        });

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal("bad item 5", e.Message);
    }

    [Fact]
    public void Map_Timeout_ThrowsTimeoutException()
    {
        using var executor = new ProcessPoolExecutor(maxWorkers: 1);
        (Connection control, Connection worker) = Pipe.Create();
        using (control)
        {
            Future<int> blocker = executor.Submit(Work.StartedThenWaitForClose, worker);
            control.Recv<int>();

            Assert.Throws<TimeoutException>(() => executor.Map(Work.Square, [1, 2], timeout: TimeSpan.FromMilliseconds(100)).ToList());
        }

        Assert.True(executor.Submit(Work.Square, 3).Result(Work.Long) == 9);
    }

    [Fact]
    public void Submit_AfterShutdown_Throws()
    {
        var executor = new ProcessPoolExecutor(maxWorkers: 1);
        executor.Submit(Work.Square, 2).Result(Work.Long);
        int[] pids = [.. executor.ProcessIds];
        executor.Shutdown();

        var e = Assert.Throws<InvalidOperationException>(() => executor.Submit(Work.Square, 2));
        Assert.Equal("cannot schedule new futures after shutdown", e.Message);
        Assert.All(pids, pid => Assert.True(Work.ExitsWithin(pid, Work.Long), $"worker {pid} outlived Shutdown"));
        executor.Shutdown(); // Idempotent.
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_MaxWorkersBelowOne_Throws(int maxWorkers)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolExecutor(maxWorkers));
        Assert.Equal("maxWorkers", e.ParamName);
    }

    [Fact]
    public void Shutdown_CancelFutures_CancelsWorkNotYetSent()
    {
        var executor = new ProcessPoolExecutor(maxWorkers: 1);
        (Connection control, Connection worker) = Pipe.Create();
        Future<int> running = executor.Submit(Work.StartedThenWaitForClose, worker);
        control.Recv<int>();
        Future<int>[] queued = [.. Enumerable.Range(0, 6).Select(i => executor.Submit(Work.Square, i))];

        executor.Shutdown(wait: false, cancelFutures: true);
        control.Close(); // Lets the running call finish.
        executor.Shutdown(wait: true);

        Assert.Equal(FutureState.Finished, running.State);
        Assert.All(queued, f => Assert.True(f.IsDone));
        Assert.True(queued[^1].IsCancelled, "The last queued call was never sent to a worker, so it must be cancelled.");
        Assert.All(queued.Where(f => !f.IsCancelled), f => Assert.Equal(FutureState.Finished, f.State));
    }

    [Fact]
    public void KilledWorker_BreaksPool_PendingFailLaterSubmitsThrow_NoProcessLeft()
    {
        var executor = new ProcessPoolExecutor(maxWorkers: 2);
        (Connection control, Connection worker) = Pipe.Create();
        Future<int> victim = executor.Submit(Work.StartedThenWaitForClose, worker);
        int victimPid = control.Recv<int>();
        int[] pids = [.. executor.ProcessIds];

        Work.Kill(victimPid);

        var broken = Assert.Throws<BrokenExecutorException>(() => victim.Result(Work.Long));
        Assert.Contains("terminated abruptly", broken.Message, StringComparison.Ordinal);
        Assert.Throws<BrokenExecutorException>(() => executor.Submit(Work.Square, 1));
        Assert.All(pids, pid => Assert.True(Work.ExitsWithin(pid, Work.Long), $"worker {pid} outlived the broken pool"));
        executor.Shutdown(); // Returns: nothing hangs.
        control.Close();
    }

    [Fact]
    public void ParentKilled_ItsWorkersExitToo()
    {
        using var outer = new ProcessPoolExecutor(maxWorkers: 1);
        (Connection report, Connection worker) = Pipe.Create();
        outer.Submit(Work.StartInnerPoolAndReport, worker);
        int innerPid = report.Recv<int>();
        int outerPid = outer.ProcessIds[0];

        Work.Kill(outerPid); // The inner pool's parent dies without a chance to clean up.

        Assert.True(Work.ExitsWithin(innerPid, Work.Long), $"worker {innerPid} outlived its parent {outerPid}");
    }
}
