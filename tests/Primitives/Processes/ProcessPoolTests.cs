using System.Collections.Concurrent;

namespace Weave.Primitives.Tests.Processes;

public sealed class ProcessPoolTests
{
    [Fact]
    public void ApplyAsync_CloseJoin_ResultsAndCallbacks()
    {
        var pool = new ProcessPool(processes: 2);
        var called = new ConcurrentBag<int>();
        AsyncResult<int>[] results = [.. Enumerable.Range(0, 4).Select(i => pool.ApplyAsync(Work.Square, i, callback: called.Add))];

        pool.Close();
        pool.Join();

        Assert.Equal([0, 1, 4, 9], results.Select(r => r.Get(Work.Long)));
        Assert.All(results, r => Assert.True(r.IsReady && r.IsSuccessful));
        Assert.Equal([0, 1, 4, 9], called.Order());
        Assert.All(pool.ProcessIds, pid => Assert.True(Work.ExitsWithin(pid, Work.Long)));
    }

    [Fact]
    public void Apply_WaitsForTheResult()
    {
        using var pool = new ProcessPool(processes: 1);

        Assert.Equal(81, pool.Apply(Work.Square, 9));
        Assert.Equal("x2", pool.Apply(Work.Concat, "x", 2));
    }

    [Fact]
    public void ApplyAsync_WorkThrows_ErrorCallbackAndGetRethrow()
    {
        using var pool = new ProcessPool(processes: 1);
        Exception? seen = null;

        AsyncResult<int> result = pool.ApplyAsync(Work.FailOn, 1, 1, errorCallback: e => seen = e);

        var e = Assert.Throws<InvalidOperationException>(() => result.Get(Work.Long));
        Assert.Equal("bad item 1", e.Message);
        Assert.Same(e, seen); // The error callback ran before the result became ready.
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void AsyncResult_NotReady_GetTimesOutAndIsSuccessfulThrows()
    {
        using var pool = new ProcessPool(processes: 1);
        (Connection gate, Connection worker) = Pipe.Create();

        AsyncResult<int> result = pool.ApplyAsync(Work.AfterGate, worker, 5);

        Assert.Throws<TimeoutException>(() => result.Get(TimeSpan.FromMilliseconds(50)));
        Assert.False(result.Wait(TimeSpan.FromMilliseconds(10)));
        Assert.False(result.IsReady);
        Assert.Throws<InvalidOperationException>(() => result.IsSuccessful);
        gate.SendBytes([]);
        Assert.Equal(5, result.Get(Work.Long));
    }

    [Fact]
    public void Map_ReturnsOrderedListAndHonoursChunkSize()
    {
        using var pool = new ProcessPool(processes: 2);

        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * x), pool.Map(Work.Square, Enumerable.Range(0, 50)));
        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * x), pool.Map(Work.Square, Enumerable.Range(0, 50), chunkSize: 3));
        Assert.Empty(pool.Map(Work.Square, Array.Empty<int>()));
    }

    [Fact]
    public void Map_OneItemFails_WholeCallThrows()
    {
        using var pool = new ProcessPool(processes: 2);

        var e = Assert.Throws<InvalidOperationException>(() => pool.Map((int x) => Work.FailOn(x, 7), Enumerable.Range(0, 20)));
        Assert.Equal("bad item 7", e.Message);
    }

    [Fact]
    public void Imap_YieldsInInputOrder()
    {
        using var pool = new ProcessPool(processes: 2);

        Assert.Equal(Enumerable.Range(0, 30).Select(x => x * x), pool.Imap(Work.Square, Enumerable.Range(0, 30), chunkSize: 4));
        Assert.Empty(pool.Imap(Work.Square, Array.Empty<int>()));
    }

    [Fact]
    public void ImapUnordered_YieldsInCompletionOrder()
    {
        using var pool = new ProcessPool(processes: 2);
        (Connection gate, Connection worker) = Pipe.Create();

        // The first item waits for the gate; the second is immediate, so it must come out first.
        ImapIterator<int> results = pool.ImapUnordered(static ((Connection Gate, int Value) item) => item.Value == 1 ? Work.AfterGate(item.Gate, 1) : item.Value, [(worker, 1), (worker, 2)]);

        Assert.True(results.MoveNext(Work.Long));
        Assert.Equal(2, results.Current);
        gate.SendBytes([]);
        Assert.True(results.MoveNext(Work.Long));
        Assert.Equal(1, results.Current);
        Assert.False(results.MoveNext());
    }

    [Fact]
    public void Imap_NextWithTimeout_ThrowsTimeoutAndKeepsTheResult()
    {
        using var pool = new ProcessPool(processes: 1);
        (Connection gate, Connection worker) = Pipe.Create();

        ImapIterator<int> results = pool.Imap(static (Connection g) => Work.AfterGate(g, 3), [worker]);

        Assert.Throws<TimeoutException>(() => results.MoveNext(TimeSpan.FromMilliseconds(50)));
        gate.SendBytes([]);
        Assert.True(results.MoveNext(Work.Long));
        Assert.Equal(3, results.Current);
    }

    [Fact]
    public void Imap_CallFails_ThrowsAtItsPositionThenContinues()
    {
        using var pool = new ProcessPool(processes: 2);

        ImapIterator<int> results = pool.Imap((int x) => Work.FailOn(x, 1), [0, 1, 2]);

        Assert.True(results.MoveNext());
        Assert.Equal(0, results.Current);
        Assert.Throws<InvalidOperationException>(() => results.MoveNext());
        Assert.True(results.MoveNext());
        Assert.Equal(2, results.Current);
    }

    [Fact]
    public void AfterClose_SubmitsThrowPoolNotRunning()
    {
        using var pool = new ProcessPool(processes: 1);
        pool.Close();

        Assert.Equal("Pool not running", Assert.Throws<InvalidOperationException>(() => pool.ApplyAsync(Work.Square, 1)).Message);
        Assert.Throws<InvalidOperationException>(() => pool.Map(Work.Square, [1]));
        pool.Join();
    }

    [Fact]
    public void Join_WhileRunning_Throws()
    {
        using var pool = new ProcessPool(processes: 1);

        var e = Assert.Throws<InvalidOperationException>(pool.Join);
        Assert.Contains("Pool is still running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminate_KillsWorkersNow_PendingResultsNeverArrive()
    {
        var pool = new ProcessPool(processes: 1);
        (Connection control, Connection worker) = Pipe.Create();
        AsyncResult<int> running = pool.ApplyAsync(Work.StartedThenWaitForClose, worker);
        AsyncResult<int> queued = pool.ApplyAsync(Work.Square, 4);
        int pid = control.Recv<int>();

        pool.Terminate();
        pool.Join();

        Assert.True(Work.ExitsWithin(pid, TimeSpan.FromSeconds(1)), "Terminate returned with the worker still alive.");
        Assert.False(running.IsReady);
        Assert.False(queued.Wait(TimeSpan.FromMilliseconds(50)));
        Assert.Throws<InvalidOperationException>(() => pool.ApplyAsync(Work.Square, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_ProcessesBelowOne_Throws(int processes)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPool(processes));
        Assert.Equal("processes", e.ParamName);
    }

    [Fact]
    public void Dispose_Terminates()
    {
        int[] pids;
        using (var pool = new ProcessPool(processes: 2))
        {
            pool.Apply(Work.Square, 1);
            pids = [.. pool.ProcessIds];
        }

        Assert.All(pids, pid => Assert.True(Work.ExitsWithin(pid, TimeSpan.FromSeconds(1))));
    }
}
