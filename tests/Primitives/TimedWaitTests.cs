using System.Diagnostics;

namespace Weave.Primitives.Tests;

public sealed class TimedWaitTests
{
    [Fact]
    public void Wait_WithoutHoldingTheMonitor_ThrowsSynchronizationLockException()
    {
        var monitor = new object();
        Assert.Throws<SynchronizationLockException>(() => TimedWait.Wait(monitor, TimeSpan.Zero));
    }

    [Fact]
    public void Wait_WithNegativeTimeout_ThrowsArgumentOutOfRange()
    {
        var monitor = new object();
        lock (monitor)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => TimedWait.Wait(monitor, TimeSpan.FromMilliseconds(-3)));
            Assert.Equal("timeout", error.ParamName);
        }
    }

    [Fact]
    public void Wait_NotPulsed_ReturnsFalseAfterAboutTheTimeoutHoldingTheMonitor()
    {
        var monitor = new object();
        lock (monitor)
        {
            bool result = true;
            TimeSpan elapsed = Timing.Measure(() => result = TimedWait.Wait(monitor, TimeSpan.FromMilliseconds(100)));
            Assert.False(result);
            Assert.True(Monitor.IsEntered(monitor));
            Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        }
    }

    [Fact]
    public void Wait_WithZeroTimeout_ReturnsFalseAtOnce()
    {
        var monitor = new object();
        lock (monitor)
        {
            Assert.False(TimedWait.Wait(monitor, TimeSpan.Zero));
        }
    }

    [Fact]
    public void Wait_Pulsed_ReturnsTrue()
    {
        var monitor = new object();
        bool ready = false;
        var pulser = new Bunch(1, _ =>
        {
            lock (monitor)
            {
                ready = true;
                Monitor.PulseAll(monitor);
            }
        }, waitForStart: false);
        lock (monitor)
        {
            var deadline = Deadline.After(TimeSpan.FromSeconds(30));
            while (!ready)
            {
                Assert.True(TimedWait.Wait(monitor, deadline));
            }
        }

        pulser.WaitForFinished();
    }

    [Fact]
    public void Wait_Cancelled_ThrowsWithTheMonitorHeld()
    {
        var monitor = new object();
        using var cts = new CancellationTokenSource();
        bool heldAfter = false;
        Exception? error = null;
        bool waiting = false;
        var waiter = new Bunch(1, _ =>
        {
            lock (monitor)
            {
                Volatile.Write(ref waiting, true);
                error = Record.Exception(() => TimedWait.Wait(monitor, Timeout.InfiniteTimeSpan, cts.Token));
                heldAfter = Monitor.IsEntered(monitor);
            }
        });
        Eventually.True(() => Volatile.Read(ref waiting) && waiter.Threads[0].ThreadState.HasFlag(System.Threading.ThreadState.WaitSleepJoin), "the waiter is in Monitor.Wait");
        cts.Cancel();
        waiter.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(heldAfter);
    }

    [Fact]
    public void Wait_CancelledAtAnyMoment_NeverMissesTheCancellation()
    {
        // A cancellation landing between the token check and the callback registration runs the
        // callback synchronously, before the thread waits: TimedWait must check again.
        Seeded.Run(random =>
        {
            var monitor = new object();
            for (int round = 0; round < 2000; round++)
            {
                using var cts = new CancellationTokenSource();
                var waiter = new Thread(() =>
                {
                    lock (monitor)
                    {
                        try
                        {
                            TimedWait.Wait(monitor, Timeout.InfiniteTimeSpan, cts.Token);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                })
                { IsBackground = true };
                int spins = random.Next(0, 400);
                waiter.Start();
                Thread.SpinWait(spins);
                cts.Cancel();
                Assert.True(waiter.Join(TimeSpan.FromSeconds(20)), $"round {round} ({spins} spins): the cancelled wait never woke");
            }
        });
    }

    [Fact]
    public void Wait_WithCancelledToken_ThrowsBeforeWaiting()
    {
        var monitor = new object();
        lock (monitor)
        {
            Assert.Throws<OperationCanceledException>(() => TimedWait.Wait(monitor, TimeSpan.FromHours(1), new CancellationToken(canceled: true)));
        }
    }

    [Fact]
    public void Wait_UnderTheHookWithExploredTimeouts_TimesOutWithoutTheClock()
    {
        // Under the harness a finite wait races a controlled timer instead of the clock: an hour-long
        // wait times out as soon as the timer runs (here, on a real thread, at once).
        using (FakeSystematicHook.Enter(WaitMode.ControlledWithTimeouts))
        {
            var monitor = new object();
            lock (monitor)
            {
                bool result = true;
                Timing.AssertImmediate(Timing.Measure(() => result = TimedWait.Wait(monitor, TimeSpan.FromHours(1))));
                Assert.False(result);
            }
        }
    }

    [Fact]
    public void Wait_UnderTheHookWithoutExploredTimeouts_TreatsAFiniteWaitAsInfinite()
    {
        using (FakeSystematicHook.Enter(WaitMode.Controlled))
        {
            var monitor = new object();
            bool waiting = false;
            bool returned = false;
            bool returnedBeforePulse = false;
            Thread self = Thread.CurrentThread;
            var pulser = new Bunch(1, _ =>
            {
                try
                {
                    Eventually.True(() => Volatile.Read(ref waiting) && self.ThreadState.HasFlag(System.Threading.ThreadState.WaitSleepJoin), "the waiter is parked");
                    var parkedFor = Stopwatch.StartNew();
                    Eventually.True(() => parkedFor.Elapsed > TimeSpan.FromMilliseconds(100), "100x the 1 ms timeout has passed on the clock");
                }
                finally
                {
                    lock (monitor)
                    {
                        returnedBeforePulse = Volatile.Read(ref returned);
                        Monitor.PulseAll(monitor);
                    }
                }
            }, waitForStart: false);
            bool result;
            lock (monitor)
            {
                Volatile.Write(ref waiting, true);
                result = TimedWait.Wait(monitor, TimeSpan.FromMilliseconds(1));
                Volatile.Write(ref returned, true);
            }

            pulser.WaitForFinished();
            Assert.True(result, "Only the pulse ends a controlled wait when timeouts are not explored.");
            Assert.False(returnedBeforePulse);
        }
    }

    [Fact]
    public void Wait_UnderTheHook_ZeroTimeoutStillPollsDeterministically()
    {
        using (FakeSystematicHook.Enter(WaitMode.Controlled))
        {
            var monitor = new object();
            lock (monitor)
            {
                Assert.False(TimedWait.Wait(monitor, TimeSpan.Zero));
            }
        }
    }
}
