namespace Weave.Primitives.Tests;

public sealed class EventTests
{
    [Fact]
    public void SetAndClear_AreIdempotent()
    {
        var evt = new Event();
        Assert.False(evt.IsSet);
        evt.Set();
        evt.Set();
        Assert.True(evt.IsSet);
        evt.Clear();
        evt.Clear();
        Assert.False(evt.IsSet);
    }

    [Fact]
    public void Set_WakesEveryWaiter_AndTheEventIsReusableAfterClear()
    {
        var evt = new Event();
        for (int run = 0; run < 2; run++)
        {
            var results = new bool[5];
            var bunch = new Bunch(5, i => results[i] = evt.Wait());
            Eventually.Equal(5, () => evt.WaitingThreads, "waiters blocked");
            Assert.Equal(0, bunch.Finished);
            evt.Set();
            bunch.WaitForFinished();
            Assert.All(results, Assert.True);
            Assert.Equal(0, evt.WaitingThreads);
            evt.Clear();
        }
    }

    [Fact]
    public void Wait_WhenSet_ReturnsTrueAtOnce()
    {
        var evt = new Event();
        evt.Set();
        Assert.True(evt.Wait());
        Assert.True(evt.Wait(TimeSpan.Zero));
        Assert.True(evt.Wait(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Wait_WithTimeout_WhenUnset_ReturnsFalseAfterAboutTheTimeout()
    {
        var evt = new Event();
        bool result = true;
        TimeSpan elapsed = Timing.Measure(() => result = evt.Wait(TimeSpan.FromMilliseconds(100)));
        Assert.False(result);
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.Equal(0, evt.WaitingThreads);
    }

    [Fact]
    public void Wait_WithZeroTimeout_WhenUnset_ReturnsFalseAtOnce()
    {
        var evt = new Event();
        bool result = true;
        Timing.AssertImmediate(Timing.Measure(() => result = evt.Wait(TimeSpan.Zero)));
        Assert.False(result);
    }

    [Fact]
    public void Wait_WithNegativeTimeout_ThrowsArgumentOutOfRange()
    {
        var evt = new Event();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => evt.Wait(TimeSpan.FromSeconds(-1)));
        Assert.Equal("timeout", error.ParamName);
    }

    [Fact]
    public void Wait_WhenSetIsFollowedAtOnceByClear_StillReturnsTrue()
    {
        // gh-57711: threads blocked in wait() must return True even if clear() follows set().
        var evt = new Event();
        for (int round = 0; round < 20; round++)
        {
            var results = new bool[5];
            var bunch = new Bunch(5, i => results[i] = evt.Wait(TimeSpan.FromSeconds(30)));
            Eventually.Equal(5, () => evt.WaitingThreads, "waiters blocked");
            evt.Set();
            evt.Clear();
            bunch.WaitForFinished();
            Assert.All(results, Assert.True);
        }
    }

    [Fact]
    public void SetAndClear_RepeatedQuickly_WithWaitersArriving_LosesNoWaiter()
    {
        var evt = new Event();
        bool stop = false;
        var toggler = new Bunch(1, _ =>
        {
            while (!Volatile.Read(ref stop))
            {
                evt.Set();
                evt.Clear();
            }
        });
        new Bunch(4, _ =>
        {
            for (int i = 0; i < 500; i++)
            {
                Assert.True(evt.Wait(TimeSpan.FromSeconds(30)), "Each wait is released by some Set.");
            }
        }).WaitForFinished();
        Volatile.Write(ref stop, true);
        toggler.WaitForFinished();
    }

    [Fact]
    public void Wait_CancelledWhileBlocked_ThrowsAndOtherWaitersStillWake()
    {
        var evt = new Event();
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var victim = new Bunch(1, _ => cancelled = Record.Exception(() => evt.Wait(cts.Token)));
        bool followerResult = false;
        var follower = new Bunch(1, _ => followerResult = evt.Wait());
        Eventually.Equal(2, () => evt.WaitingThreads, "both waiters blocked");
        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Eventually.Equal(1, () => evt.WaitingThreads, "the follower still waits");
        evt.Set();
        follower.WaitForFinished();
        Assert.True(followerResult);
    }

    [Fact]
    public void Wait_WithCancelledToken_ThrowsEvenWhenSet()
    {
        var evt = new Event();
        evt.Set();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => evt.Wait(cts.Token));
        Assert.Throws<OperationCanceledException>(() => evt.Wait(TimeSpan.FromSeconds(1), cts.Token));
    }

    [Fact]
    public void Wait_InterruptedWhileBlocked_ThrowsThreadInterrupted()
    {
        var evt = new Event();
        Exception? interrupted = null;
        var victim = new Bunch(1, _ => interrupted = Record.Exception(() => evt.Wait()));
        Eventually.Equal(1, () => evt.WaitingThreads, "the waiter is blocked");
        victim.Threads[0].Interrupt();
        victim.WaitForFinished();
        Assert.IsType<ThreadInterruptedException>(interrupted);
        Assert.Equal(0, evt.WaitingThreads);
    }
}
