namespace Weave.Primitives.Tests;

public sealed class TimerThreadTests
{
    [Fact]
    public void Start_CallsTheFunctionAfterTheInterval()
    {
        var fired = new Event();
        var timer = new TimerThread(TimeSpan.FromMilliseconds(100), fired.Set);
        TimeSpan elapsed = Timing.Measure(() =>
        {
            timer.Start();
            Assert.True(fired.Wait(TimeSpan.FromSeconds(30)));
        });
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        timer.Join();
        Assert.True(timer.IsFinished);
    }

    [Fact]
    public void Cancel_BeforeFiring_PreventsTheCall()
    {
        int calls = 0;
        var timer = new TimerThread(Timeout.InfiniteTimeSpan, () => calls++);
        timer.Start();
        Assert.True(timer.IsAlive);
        timer.Cancel();
        timer.Join();
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Cancel_BeforeStart_MakesTheTimerExitWithoutCalling()
    {
        int calls = 0;
        var timer = new TimerThread(TimeSpan.Zero, () => calls++);
        timer.Cancel();
        timer.Start();
        timer.Join();
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Cancel_AfterFiring_DoesNothing()
    {
        int calls = 0;
        var timer = new TimerThread(TimeSpan.Zero, () => calls++);
        timer.Start();
        timer.Join();
        timer.Cancel();
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Constructor_ValidatesItsArguments()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TimerThread(TimeSpan.FromSeconds(-1), () => { }));
        Assert.Equal("interval", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => new TimerThread(TimeSpan.Zero, null!));
    }

    [Fact]
    public void TimerThread_IsAWorkerThread()
    {
        WorkerThread timer = new TimerThread(TimeSpan.Zero, () => { });
        Assert.Throws<InvalidOperationException>(timer.Join);
    }
}
