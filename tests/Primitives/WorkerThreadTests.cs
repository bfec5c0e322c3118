using System.Text.RegularExpressions;

namespace Weave.Primitives.Tests;

public sealed class WorkerThreadTests
{
    [Fact]
    public void Start_RunsTheTargetOnANewThread()
    {
        int? ranOn = null;
        var thread = new WorkerThread(() => ranOn = Environment.CurrentManagedThreadId);
        thread.Start();
        thread.Join();
        Assert.NotNull(ranOn);
        Assert.NotEqual(Environment.CurrentManagedThreadId, ranOn);
        Assert.Equal(thread.ManagedThreadId, ranOn);
    }

    [Fact]
    public void Run_OverriddenInASubclass_IsCalled()
    {
        var thread = new CountingThread();
        thread.Start();
        thread.Join();
        Assert.Equal(1, thread.Runs);
    }

    [Fact]
    public void Start_Twice_ThrowsInvalidOperation()
    {
        var thread = new WorkerThread(() => { });
        thread.Start();
        var error = Assert.Throws<InvalidOperationException>(thread.Start);
        Assert.Equal("threads can only be started once", error.Message);
        thread.Join();
        Assert.Throws<InvalidOperationException>(thread.Start); // Also after it finished.
    }

    [Fact]
    public void Join_BeforeStart_ThrowsInvalidOperation()
    {
        var thread = new WorkerThread(() => { });
        var error = Assert.Throws<InvalidOperationException>(thread.Join);
        Assert.Equal("cannot join thread before it is started", error.Message);
        Assert.Throws<InvalidOperationException>(() => thread.Join(TimeSpan.Zero));
    }

    [Fact]
    public void Join_TheCurrentThread_ThrowsInvalidOperation()
    {
        Exception? error = null;
        WorkerThread? self = null;
        self = new WorkerThread(() => error = Record.Exception(() => self!.Join()));
        self.Start();
        self.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("cannot join current thread", error!.Message);
    }

    [Fact]
    public void Join_WithTimeout_ReturnsFalseWhileRunningAndTrueOnceFinished()
    {
        var release = new Event();
        var thread = new WorkerThread(() => release.Wait());
        thread.Start();
        TimeSpan elapsed = Timing.Measure(() => Assert.False(thread.Join(TimeSpan.FromMilliseconds(100))));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.True(thread.IsAlive);
        release.Set();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        Assert.False(thread.IsAlive);
    }

    [Fact]
    public void Join_Cancelled_ThrowsAndTheThreadKeepsRunning()
    {
        var release = new Event();
        var thread = new WorkerThread(() => release.Wait());
        thread.Start();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => thread.Join(cts.Token));
        Assert.True(thread.IsAlive);
        release.Set();
        thread.Join();
    }

    [Fact]
    public void IsAlive_IsFalseBeforeStartAndAfterExit()
    {
        var release = new Event();
        var thread = new WorkerThread(() => release.Wait());
        Assert.False(thread.IsAlive);
        Assert.Null(thread.ManagedThreadId);
        thread.Start();
        Assert.True(thread.IsAlive);
        Assert.NotNull(thread.ManagedThreadId);
        release.Set();
        thread.Join();
        Assert.False(thread.IsAlive);
    }

    [Fact]
    public void IsDaemon_SetAfterStart_ThrowsInvalidOperation()
    {
        var release = new Event();
        var thread = new WorkerThread(() => release.Wait(), isDaemon: true);
        thread.IsDaemon = false;
        thread.IsDaemon = true;
        thread.Start();
        var error = Assert.Throws<InvalidOperationException>(() => thread.IsDaemon = false);
        Assert.Equal("cannot set daemon status of active thread", error.Message);
        release.Set();
        thread.Join();
    }

    [Fact]
    public void IsDaemon_MapsToABackgroundThread()
    {
        bool? background = null;
        var daemon = new WorkerThread(() => background = Thread.CurrentThread.IsBackground, isDaemon: true);
        daemon.Start();
        daemon.Join();
        Assert.True(background);

        var foreground = new WorkerThread(() => background = Thread.CurrentThread.IsBackground, isDaemon: false);
        foreground.Start();
        foreground.Join();
        Assert.False(background);
    }

    [Fact]
    public void IsDaemon_DefaultsToTheCreatingThreads()
    {
        bool? childDaemon = null;
        var parent = new WorkerThread(() => childDaemon = new WorkerThread(() => { }).IsDaemon, isDaemon: true);
        parent.Start();
        parent.Join();
        Assert.True(childDaemon);

        parent = new WorkerThread(() => childDaemon = new WorkerThread(() => { }).IsDaemon, isDaemon: false);
        parent.Start();
        parent.Join();
        Assert.False(childDaemon);

        // A thread that is not a WorkerThread passes on whether it is a background thread.
        Assert.Equal(Thread.CurrentThread.IsBackground, new WorkerThread().IsDaemon);
    }

    [Fact]
    public void Name_DefaultsToPythonsThreadNTarget()
    {
        Assert.Matches(new Regex(@"^Thread-\d+ \(Target\)$"), new WorkerThread(Target).Name);
        Assert.Matches(new Regex(@"^Thread-\d+ \(<lambda>\)$"), new WorkerThread(() => { }).Name);
        Assert.Matches(new Regex(@"^Thread-\d+$"), new WorkerThread().Name);
        void LocalWork()
        {
        }

        Assert.Matches(new Regex(@"^Thread-\d+ \(LocalWork\)$"), new WorkerThread(LocalWork).Name);
        Assert.Equal("worker", new WorkerThread(name: "worker").Name);
    }

    [Fact]
    public void Name_IsTheUnderlyingThreadsName()
    {
        string? seen = null;
        var thread = new WorkerThread(() => seen = Thread.CurrentThread.Name, name: "named");
        thread.Start();
        thread.Join();
        Assert.Equal("named", seen);
    }

    [Fact]
    public void Current_IsTheRunningWorkerThread()
    {
        WorkerThread? seen = null;
        var thread = new WorkerThread(() => seen = WorkerThread.Current);
        thread.Start();
        thread.Join();
        Assert.Same(thread, seen);
        Assert.Null(WorkerThread.Current);
    }

    private static void Target()
    {
    }

    private sealed class CountingThread : WorkerThread
    {
        public int Runs { get; private set; }

        protected override void Run() => Runs++;
    }
}
