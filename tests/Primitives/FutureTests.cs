using System.Runtime.CompilerServices;

namespace Weave.Primitives.Tests;

public sealed class FutureTests
{
    [Fact]
    public void New_IsPending()
    {
        var future = new Future<int>();
        Assert.Equal(FutureState.Pending, future.State);
        Assert.False(future.IsDone);
        Assert.False(future.IsRunning);
        Assert.False(future.IsCancelled);
        Assert.Equal("<Future state=pending>", future.ToString());
    }

    [Fact]
    public void Cancel_WhilePending_CancelsAndIsIdempotent()
    {
        var future = new Future<int>();
        Assert.True(future.Cancel());
        Assert.True(future.Cancel());
        Assert.Equal(FutureState.Cancelled, future.State);
        Assert.True(future.IsDone);
        Assert.True(future.IsCancelled);
        Assert.Throws<OperationCanceledException>(() => future.Result());
        Assert.Throws<OperationCanceledException>(() => future.Exception());
        Assert.False(future.SetRunningOrNotifyCancel());
    }

    [Fact]
    public void Cancel_WhileRunningOrFinished_ReturnsFalseAndChangesNothing()
    {
        var running = new Future<int>();
        Assert.True(running.SetRunningOrNotifyCancel());
        Assert.True(running.IsRunning);
        Assert.False(running.Cancel());
        Assert.Equal(FutureState.Running, running.State);

        running.SetResult(5);
        Assert.False(running.Cancel());
        Assert.Equal(FutureState.Finished, running.State);
        Assert.Equal(5, running.Result());
    }

    [Fact]
    public void SetRunningOrNotifyCancel_OnARunningOrFinishedFuture_Throws()
    {
        var future = new Future<int>();
        future.SetRunningOrNotifyCancel();
        Assert.Throws<InvalidOperationException>(() => future.SetRunningOrNotifyCancel());
        future.SetResult(1);
        Assert.Throws<InvalidOperationException>(() => future.SetRunningOrNotifyCancel());
    }

    [Fact]
    public void SetResult_Twice_ThrowsAndKeepsTheFirstOutcome()
    {
        var future = new Future<string>();
        future.SetResult("first");
        Assert.Throws<InvalidOperationException>(() => future.SetResult("second"));
        Assert.Throws<InvalidOperationException>(() => future.SetException(new FormatException()));
        Assert.Equal("first", future.Result());
        Assert.Null(future.Exception());

        var failed = new Future<string>();
        failed.SetException(new FormatException("x"));
        Assert.Throws<InvalidOperationException>(() => failed.SetResult("late"));
        Assert.IsType<FormatException>(failed.Exception());

        var cancelled = new Future<string>();
        cancelled.Cancel();
        Assert.Throws<InvalidOperationException>(() => cancelled.SetResult("late"));
    }

    [Fact]
    public void Result_RethrowsTheWorksOwnExceptionWithItsOriginalStack()
    {
        var future = new Future<int>();
        try
        {
            ThrowFromHere();
        }
        catch (InvalidTimeZoneException e)
        {
            future.SetException(e);
        }

        var thrown = Assert.Throws<InvalidTimeZoneException>(() => future.Result());
        Assert.Same(future.Exception(), thrown);
        Assert.Contains(nameof(ThrowFromHere), thrown.StackTrace);
        Assert.Equal("<Future state=finished raised InvalidTimeZoneException>", future.ToString());
    }

    [Fact]
    public void Result_WithTimeout_ThrowsTimeoutExceptionAfterAboutTheTimeout()
    {
        var future = new Future<int>();
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<TimeoutException>(() => future.Result(TimeSpan.FromMilliseconds(100))));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Timing.AssertImmediate(Timing.Measure(() => Assert.Throws<TimeoutException>(() => future.Result(TimeSpan.Zero))));
        Assert.Throws<TimeoutException>(() => future.Exception(TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => future.Result(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Result_BlocksUntilAnotherThreadSetsIt()
    {
        var future = new Future<int>();
        int got = 0;
        var waiter = new Bunch(1, _ => got = future.Result());
        Eventually.True(() => waiter.Threads[0].ThreadState.HasFlag(ThreadState.WaitSleepJoin), "the waiter blocks");
        Assert.Equal(0, waiter.Finished);
        future.SetResult(42);
        waiter.WaitForFinished();
        Assert.Equal(42, got);
        Assert.Equal("<Future state=finished returned Int32>", future.ToString());
    }

    [Fact]
    public void Exception_WithoutAnError_ReturnsNull()
    {
        var future = new Future();
        future.SetResult();
        Assert.Null(future.Exception());
        future.Result();
    }

    [Fact]
    public void Callbacks_AddedBeforeCompletion_RunInTheCompletingThreadInOrder()
    {
        var future = new Future<int>();
        var calls = new List<(int Order, int Thread, int Value)>();
        future.AddDoneCallback(f => calls.Add((1, Environment.CurrentManagedThreadId, f.Result())));
        future.AddDoneCallback(f => calls.Add((2, Environment.CurrentManagedThreadId, f.Result())));
        int completer = 0;
        new Bunch(1, _ =>
        {
            completer = Environment.CurrentManagedThreadId;
            future.SetResult(7);
        }).WaitForFinished();
        Assert.Equal([(1, completer, 7), (2, completer, 7)], calls);
    }

    [Fact]
    public void Callback_AddedToADoneFuture_RunsAtOnceOnTheCaller()
    {
        var future = new Future<int>();
        future.SetException(new FormatException());
        int? ranOn = null;
        future.AddDoneCallback(_ => ranOn = Environment.CurrentManagedThreadId);
        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);

        var cancelled = new Future();
        cancelled.Cancel();
        bool ran = false;
        cancelled.AddDoneCallback(f => ran = f.IsCancelled);
        Assert.True(ran);
    }

    [Fact]
    public void Callbacks_RunOnCancellation()
    {
        var future = new Future<int>();
        bool sawCancelled = false;
        future.AddDoneCallback(f => sawCancelled = f.IsCancelled);
        future.Cancel();
        Assert.True(sawCancelled);
    }

    [Fact]
    public void Callbacks_RunOutsideTheFuturesLock()
    {
        // A callback that needs the future's lock from another thread would deadlock if callbacks
        // ran under it.
        var future = new Future<int>();
        bool otherThreadGotIn = false;
        future.AddDoneCallback(f =>
        {
            var other = new Thread(() => f.AddDoneCallback(_ => otherThreadGotIn = true)) { IsBackground = true };
            other.Start();
            Assert.True(other.Join(Eventually.SafetyTimeout), "another thread could not enter the future while a callback ran");
        });
        future.SetResult(1);
        Assert.True(otherThreadGotIn);
    }

    [Fact]
    public async Task Await_ReturnsTheResult_RethrowsTheException_OrThrowsOnCancellation()
    {
        var future = new Future<int>();
        new Bunch(1, _ => future.SetResult(3), waitForStart: false);
        Assert.Equal(3, await future);

        var failed = new Future();
        failed.SetException(new FormatException("bad"));
        await Assert.ThrowsAsync<FormatException>(async () => await failed);

        var cancelled = new Future<int>();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        Assert.Same(future.AsTask(), future.AsTask());
    }

    [Fact]
    public void SetException_WithNull_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new Future().SetException(null!));
        Assert.Throws<ArgumentNullException>(() => new Future<int>().AddDoneCallback((Action<Future<int>>)null!));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromHere() => throw new InvalidTimeZoneException("from the work");
}
