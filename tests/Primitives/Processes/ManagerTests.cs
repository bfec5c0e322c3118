namespace Weave.Primitives.Tests.Processes;

/// <summary>Manager (Python's multiprocessing.Manager) and its shared objects, across real processes.</summary>
public sealed class ManagerTests
{
    [Fact]
    public void FourProcesses_ThousandIncrementsEach_UnderTheManagersLock_EndAtExactlyFourThousand()
    {
        using var manager = new Manager();
        var counter = manager.Value(0);
        var guard = manager.Lock();
        var processes = Enumerable.Range(0, 4)
            .Select(_ => new WorkerProcess(ProcessWork.Increment, [counter, guard, 1000, true]))
            .ToList();

        processes.ForEach(p => p.Start());
        processes.ForEach(p => Assert.True(p.Join(Work.Long)));

        Assert.All(processes, p => Assert.Equal(0, p.ExitCode));
        Assert.Equal(4000, counter.Value);
        Assert.False(guard.IsLocked);
    }

    [Fact]
    public void DictAndList_ChangedByChildren_AreSeenByTheParent()
    {
        using var manager = new Manager();
        var dict = manager.Dict<string, int>();
        var list = manager.List<string>();
        dict["parent"] = Environment.ProcessId;
        var children = Enumerable.Range(0, 2).Select(i => new WorkerProcess(ProcessWork.FillShared, [dict, list, i])).ToList();

        children.ForEach(c => c.Start());
        children.ForEach(c => Assert.True(c.Join(Work.Long)));

        Assert.Equal(3, dict.Count);
        Assert.Equal(1, dict["from-1"]);
        Assert.Equal(["child 0", "child 1"], list.ToList().Order());
        Assert.False(dict.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => dict["missing"]);
        Assert.True(dict.Remove("parent"));
        Assert.Equal(2, dict.ToDictionary().Count);
    }

    [Fact]
    public void List_IndexesInsertsAndRemoves_LikeALocalList()
    {
        using var manager = new Manager();
        var list = manager.List<int>();
        list.Add(1);
        list.Add(3);
        list.Insert(1, 2);
        list[0] = 10;

        Assert.Equal([10, 2, 3], list.ToList());
        list.RemoveAt(1);
        Assert.Equal(2, list.Count);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => list[5]);
        Assert.Contains("list index out of range", error.Message, StringComparison.Ordinal);
        list.Clear();
        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Event_SetInOneProcess_WakesAWaiterInAnother()
    {
        using var manager = new Manager();
        var started = manager.Event();
        var done = manager.Event();
        var child = new WorkerProcess(ProcessWork.SetAfterWait, [started, done]);
        child.Start();

        Assert.True(started.Wait(Work.Long));
        Assert.True(child.IsAlive || child.ExitCode is null || child.ExitCode == 0);
        done.Set();
        Assert.True(child.Join(Work.Long));
        Assert.Equal(0, child.ExitCode);
        Assert.False(manager.Event().Wait(TimeSpan.Zero));
    }

    [Fact]
    public void ReentrantLock_OwnedByOneThread_ReleasedOnlyByIt()
    {
        using var manager = new Manager();
        var rlock = manager.RLock();

        rlock.Acquire();
        Assert.True(rlock.TryAcquire());
        Assert.Equal(2, rlock.RecursionCount);
        bool otherGotIt = true;
        Exception? otherRelease = null;
        var other = new Thread(() =>
        {
            otherGotIt = rlock.TryAcquire();
            otherRelease = Record.Exception(rlock.Release);
        });
        other.Start();
        other.Join();
        rlock.Release();
        rlock.Release();

        Assert.False(otherGotIt);
        Assert.IsType<SynchronizationLockException>(otherRelease);
        Assert.Equal(0, rlock.RecursionCount);
    }

    [Fact]
    public void ManagerQueue_UsedFromPoolWorkers()
    {
        using var manager = new Manager();
        var queue = manager.Queue<int>();
        using var pool = new ProcessPool(processes: 2);

        var results = Enumerable.Range(1, 4).Select(i => pool.ApplyAsync(ProcessWork.PutInManagerQueue, queue, i)).ToList();
        results.ForEach(r => r.Get(Work.Long));

        Assert.Equal([1, 2, 3, 4], Enumerable.Range(0, 4).Select(_ => queue.Get(Work.Long)).Order());
    }

    [Fact]
    public void AfterShutdown_ObjectsThrowObjectDisposed_HereAndInAChild()
    {
        var manager = new Manager();
        var value = manager.Value(1);
        manager.Shutdown();

        Assert.True(manager.IsShutDown);
        Assert.Throws<ObjectDisposedException>(() => value.Value);
        Assert.Throws<ObjectDisposedException>(() => manager.Lock());
        var child = new WorkerProcess(ProcessWork.UseAfterShutdown, [value]);
        child.Start();
        Assert.True(child.Join(Work.Long));
        Assert.Equal(1, child.ExitCode); // The child got ObjectDisposedException.
    }

    [Fact]
    public void ObjectOfAManagerWhoseProcessIsGone_ThrowsIOExceptionSayingSo()
    {
        (Connection mine, Connection theirs) = Pipe.Create();
        var host = new WorkerProcess(ProcessWork.SendManagedValueThenExit, [theirs]);
        host.Start();
        var value = mine.Recv<SharedValue<int>>();
        Assert.Equal(41, value.Value); // Reached in the child.

        mine.Send(0); // Let the child exit.
        Assert.True(host.Join(Work.Long));

        var error = Assert.Throws<IOException>(() => value.Value);
        Assert.Contains("is gone", error.Message, StringComparison.Ordinal);
    }
}
