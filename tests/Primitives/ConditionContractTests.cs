namespace Weave.Primitives.Tests;

/// <summary>
/// Condition semantics (lock_tests.py's ConditionTests) over each kind of lock a condition can use.
/// </summary>
public abstract class ConditionContractTests
{
    protected abstract Condition CreateCondition();

    /// <summary>True when the calling thread holds the condition's lock (as far as its kind can tell).</summary>
    protected abstract bool LockIsHeld(Condition condition);

    [Fact]
    public void Wait_WithoutTheLock_ThrowsSynchronizationLockException()
    {
        Condition condition = CreateCondition();
        var error = Assert.Throws<SynchronizationLockException>(() => condition.Wait());
        Assert.Equal("cannot wait on un-acquired lock", error.Message);
        Assert.Throws<SynchronizationLockException>(() => condition.Wait(TimeSpan.Zero));
        Assert.Throws<SynchronizationLockException>(() => condition.WaitFor(() => true));
    }

    [Fact]
    public void Notify_WithoutTheLock_ThrowsSynchronizationLockException()
    {
        Condition condition = CreateCondition();
        var error = Assert.Throws<SynchronizationLockException>(() => condition.Notify());
        Assert.Equal("cannot notify on un-acquired lock", error.Message);
        Assert.Throws<SynchronizationLockException>(condition.NotifyAll);
    }

    [Fact]
    public void Wait_WhenNotified_ReturnsTrueWithTheLockHeld()
    {
        Condition condition = CreateCondition();
        bool? result = null;
        bool heldAfter = false;
        var waiter = new Bunch(1, _ =>
        {
            condition.Acquire();
            result = condition.Wait();
            heldAfter = LockIsHeld(condition);
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "threads waiting");
        using (condition.EnterScope())
        {
            condition.Notify();
        }

        waiter.WaitForFinished();
        Assert.True(result);
        Assert.True(heldAfter);
    }

    [Fact]
    public void Wait_WithTimeout_ReturnsFalseAfterAboutTheTimeoutWithTheLockHeld()
    {
        Condition condition = CreateCondition();
        condition.Acquire();
        bool result = true;
        TimeSpan elapsed = Timing.Measure(() => result = condition.Wait(TimeSpan.FromMilliseconds(100)));
        Assert.False(result);
        Assert.True(LockIsHeld(condition));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.Equal(0, condition.WaitingThreads);
        condition.Release();
    }

    [Fact]
    public void Wait_WithZeroTimeout_ReturnsFalseAtOnce()
    {
        Condition condition = CreateCondition();
        using (condition.EnterScope())
        {
            bool result = true;
            Timing.AssertImmediate(Timing.Measure(() => result = condition.Wait(TimeSpan.Zero)));
            Assert.False(result);
            Assert.True(LockIsHeld(condition));
        }
    }

    [Fact]
    public void Wait_WithNegativeTimeout_ThrowsArgumentOutOfRange()
    {
        Condition condition = CreateCondition();
        using (condition.EnterScope())
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => condition.Wait(TimeSpan.FromMilliseconds(-5)));
            Assert.Equal("timeout", error.ParamName);
            Assert.True(LockIsHeld(condition));
        }
    }

    [Fact]
    public void Notify_WakesAtMostNWaiters_PhaseByPhase()
    {
        // lock_tests.py _check_notify: notify(3) then notify(5) then notify_all, with a phase
        // counter that catches over-waking. WaitingThreads drops at the notify itself, so the
        // counts are exact without sleeping.
        Condition condition = CreateCondition();
        const int Waiters = 10;
        int phase = 0;
        int woken = 0;
        var wokenInPhase = new int[4];
        var bunch = new Bunch(Waiters, _ =>
        {
            condition.Acquire();
            condition.Wait();
            Interlocked.Increment(ref woken);
            Interlocked.Increment(ref wokenInPhase[Volatile.Read(ref phase)]);
            condition.Release();
        });
        Eventually.Equal(Waiters, () => condition.WaitingThreads, "threads waiting");

        condition.Acquire();
        Volatile.Write(ref phase, 1);
        condition.Notify(3);
        Assert.Equal(7, condition.WaitingThreads);
        Assert.Equal(0, Volatile.Read(ref woken)); // Nobody returns before the notifier releases the lock.
        condition.Release();
        Eventually.Equal(3, () => Volatile.Read(ref woken), "threads woken by notify(3)");

        condition.Acquire();
        Volatile.Write(ref phase, 2);
        condition.Notify(5);
        Assert.Equal(2, condition.WaitingThreads);
        condition.Release();
        Eventually.Equal(8, () => Volatile.Read(ref woken), "threads woken by notify(3) + notify(5)");

        condition.Acquire();
        Volatile.Write(ref phase, 3);
        condition.NotifyAll();
        Assert.Equal(0, condition.WaitingThreads);
        condition.Release();
        bunch.WaitForFinished();

        Assert.Equal(new[] { 0, 3, 5, 2 }, wokenInPhase);
    }

    [Fact]
    public void Notify_WakesWaitersInFifoOrder()
    {
        Condition condition = CreateCondition();
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var threads = new List<Bunch>();
        for (int i = 0; i < 5; i++)
        {
            int id = i;
            threads.Add(new Bunch(1, _ =>
            {
                condition.Acquire();
                condition.Wait();
                order.Enqueue(id);
                condition.Release();
            }));
            Eventually.Equal(i + 1, () => condition.WaitingThreads, "threads waiting, in arrival order");
        }

        for (int i = 0; i < 5; i++)
        {
            using (condition.EnterScope())
            {
                condition.Notify();
            }

            Eventually.Equal(i + 1, () => order.Count, "threads woken one by one");
        }

        threads.ForEach(t => t.WaitForFinished());
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Notify_WithNonPositiveCount_DoesNothing(int n)
    {
        Condition condition = CreateCondition();
        var waiter = new Bunch(1, _ =>
        {
            condition.Acquire();
            condition.Wait();
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "threads waiting");
        using (condition.EnterScope())
        {
            condition.Notify(n);
            Assert.Equal(1, condition.WaitingThreads);
            condition.Notify();
        }

        waiter.WaitForFinished();
    }

    [Fact]
    public void Notify_WithNoWaiters_IsHarmless()
    {
        Condition condition = CreateCondition();
        using (condition.EnterScope())
        {
            condition.Notify();
            condition.Notify(5);
            condition.NotifyAll();
            Assert.False(condition.Wait(TimeSpan.Zero)); // No notification was banked.
        }
    }

    [Fact]
    public void NotifyAll_WakesOnlyTheCurrentWaiters()
    {
        Condition condition = CreateCondition();
        int woken = 0;
        var early = new Bunch(3, _ =>
        {
            condition.Acquire();
            condition.Wait();
            Interlocked.Increment(ref woken);
            condition.Release();
        });
        Eventually.Equal(3, () => condition.WaitingThreads, "early threads waiting");
        condition.Acquire();
        condition.NotifyAll();
        condition.Release();
        early.WaitForFinished();

        var late = new Bunch(1, _ =>
        {
            condition.Acquire();
            condition.Wait();
            Interlocked.Increment(ref woken);
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "the late thread is waiting");
        Assert.Equal(3, Volatile.Read(ref woken));
        using (condition.EnterScope())
        {
            condition.Notify();
        }

        late.WaitForFinished();
    }

    [Fact]
    public void WaitFor_WhenPredicateAlreadyTrue_ReturnsWithoutWaiting()
    {
        Condition condition = CreateCondition();
        using (condition.EnterScope())
        {
            Assert.True(condition.WaitFor(() => true, TimeSpan.FromSeconds(30)));
            Assert.True(condition.WaitFor(() => true));
        }
    }

    [Fact]
    public void WaitFor_ReturnsWhenAnotherThreadMakesThePredicateTrue()
    {
        Condition condition = CreateCondition();
        int state = 0;
        bool? result = null;
        var waiter = new Bunch(1, _ =>
        {
            using (condition.EnterScope())
            {
                result = condition.WaitFor(() => state == 3);
            }
        });
        for (int i = 1; i <= 3; i++)
        {
            Eventually.Equal(1, () => condition.WaitingThreads, "the waiter is waiting");
            using (condition.EnterScope())
            {
                state = i;
                condition.NotifyAll();
            }
        }

        waiter.WaitForFinished();
        Assert.True(result);
    }

    [Fact]
    public void WaitFor_UnderConstantNotifications_StillTimesOutOnOneDeadline()
    {
        // A deadline restarted on every wake-up would never expire while notifications keep coming.
        Condition condition = CreateCondition();
        bool stop = false;
        var notifier = new Bunch(1, _ =>
        {
            while (!Volatile.Read(ref stop))
            {
                using (condition.EnterScope())
                {
                    condition.NotifyAll();
                }

                Thread.Yield();
            }
        });

        bool result = true;
        TimeSpan elapsed;
        using (condition.EnterScope())
        {
            elapsed = Timing.Measure(() => result = condition.WaitFor(() => false, TimeSpan.FromMilliseconds(200)));
            Assert.True(LockIsHeld(condition));
        }

        Volatile.Write(ref stop, true);
        notifier.WaitForFinished();
        Assert.False(result);
        Timing.AssertAbout(TimeSpan.FromMilliseconds(200), elapsed);
    }

    [Fact]
    public void WaitFor_ReturnsThePredicatesLastValueAfterTheTimeout()
    {
        Condition condition = CreateCondition();
        int calls = 0;
        using (condition.EnterScope())
        {
            Assert.False(condition.WaitFor(() => ++calls > 1000, TimeSpan.FromMilliseconds(30)));
        }

        Assert.True(calls >= 2, "The predicate is checked before waiting and once more after the timeout.");
    }

    [Fact]
    public void Wait_CancelledWhileWaiting_ThrowsWithTheLockHeldAndConsumesNoNotification()
    {
        Condition condition = CreateCondition();
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        bool heldAfterCancel = false;
        var victim = new Bunch(1, _ =>
        {
            condition.Acquire();
            cancelled = Record.Exception(() => condition.Wait(cts.Token));
            heldAfterCancel = LockIsHeld(condition);
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "the cancellable waiter is waiting");
        var follower = new Bunch(1, _ =>
        {
            condition.Acquire();
            condition.Wait();
            condition.Release();
        });
        Eventually.Equal(2, () => condition.WaitingThreads, "both waiters are waiting");

        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.True(heldAfterCancel);
        Eventually.Equal(1, () => condition.WaitingThreads, "only the follower waits");

        using (condition.EnterScope())
        {
            condition.Notify(); // Must reach the follower: the cancelled waiter is gone.
        }

        follower.WaitForFinished();
    }

    [Fact]
    public void Wait_InterruptedWhileWaiting_ThrowsWithTheLockHeld()
    {
        Condition condition = CreateCondition();
        Exception? interrupted = null;
        bool heldAfter = false;
        var victim = new Bunch(1, _ =>
        {
            condition.Acquire();
            interrupted = Record.Exception(() => condition.Wait());
            heldAfter = LockIsHeld(condition);
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "the waiter is waiting");
        victim.Threads[0].Interrupt();
        victim.WaitForFinished();
        Assert.IsType<ThreadInterruptedException>(interrupted);
        Assert.True(heldAfter);
        Assert.Equal(0, condition.WaitingThreads);
    }

    [Fact]
    public void Notify_RacingWithCancellation_NeverLosesTheNotification()
    {
        // Either the cancellable waiter takes the notification (returns true) or it is cancelled
        // and the notification reaches the other waiter: never neither.
        Seeded.Run(random =>
        {
            Condition condition = CreateCondition();
            for (int round = 0; round < 40; round++)
            {
                using var cts = new CancellationTokenSource();
                bool victimNotified = false;
                int followerWoken = 0;
                var victim = new Bunch(1, _ =>
                {
                    condition.Acquire();
                    try
                    {
                        victimNotified = condition.Wait(cts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    finally
                    {
                        condition.Release();
                    }
                });
                Eventually.Equal(1, () => condition.WaitingThreads, "the victim waits");
                var follower = new Bunch(1, _ =>
                {
                    condition.Acquire();
                    condition.Wait();
                    Interlocked.Increment(ref followerWoken);
                    condition.Release();
                });
                Eventually.Equal(2, () => condition.WaitingThreads, "both wait");

                var canceller = new Bunch(1, _ => cts.Cancel(), waitForStart: random.Next(2) == 0);
                using (condition.EnterScope())
                {
                    condition.Notify();
                }

                canceller.WaitForFinished();
                victim.WaitForFinished();
                if (victimNotified)
                {
                    Eventually.Equal(1, () => condition.WaitingThreads, "the follower still waits");
                    Assert.Equal(0, Volatile.Read(ref followerWoken));
                    using (condition.EnterScope())
                    {
                        condition.Notify();
                    }
                }

                follower.WaitForFinished(); // Hangs (and fails) if the notification was lost.
                Assert.Equal(1, followerWoken);
            }
        });
    }

    [Fact]
    public void Wait_TimedOutWaiter_DoesNotSwallowALaterNotification()
    {
        Condition condition = CreateCondition();
        var follower = new Bunch(1, _ =>
        {
            condition.Acquire();
            condition.Wait();
            condition.Release();
        });
        Eventually.Equal(1, () => condition.WaitingThreads, "the follower waits");
        using (condition.EnterScope())
        {
            Assert.False(condition.Wait(TimeSpan.FromMilliseconds(10)));
            condition.Notify();
        }

        follower.WaitForFinished();
    }
}
