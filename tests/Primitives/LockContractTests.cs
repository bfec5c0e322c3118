namespace Weave.Primitives.Tests;

/// <summary>
/// The contract every mutual-exclusion lock honours (lock_tests.py's BaseLockTests), bound to a
/// concrete lock by each derived class.
/// </summary>
public abstract class LockContractTests
{
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromMilliseconds(100);

    protected abstract ILock CreateLock();

    /// <summary>Threads blocked in an acquire of <paramref name="lk"/>: proof that a call is really blocked.</summary>
    protected abstract int WaitingThreads(ILock lk);

    [Fact]
    public void Acquire_WhenFree_ThenRelease_Succeeds()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        lk.Release();
        Assert.True(lk.TryAcquire());
        lk.Release();
    }

    [Fact]
    public void TryAcquire_WhenHeldByAnotherThread_ReturnsFalse()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        bool? result = null;
        new Bunch(1, _ => result = lk.TryAcquire()).WaitForFinished();
        Assert.False(result);
        lk.Release();
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-1000)]
    public void Acquire_WithNegativeTimeout_ThrowsArgumentOutOfRange(int milliseconds)
    {
        ILock lk = CreateLock();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => lk.Acquire(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Equal("timeout", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => lk.Acquire(TimeSpan.FromMilliseconds(milliseconds), CancellationToken.None));
        Assert.True(lk.TryAcquire()); // Nothing was taken by the refused calls.
        lk.Release();
    }

    [Fact]
    public void Acquire_WithInfiniteTimeout_WhenFree_Succeeds()
    {
        ILock lk = CreateLock();
        Assert.True(lk.Acquire(Timeout.InfiniteTimeSpan));
        lk.Release();
    }

    [Fact]
    public void Acquire_WithZeroTimeout_WhenHeldElsewhere_ReturnsFalseWithoutBlocking()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        bool? result = null;
        TimeSpan elapsed = TimeSpan.Zero;
        new Bunch(1, _ => elapsed = Timing.Measure(() => result = lk.Acquire(TimeSpan.Zero))).WaitForFinished();
        Assert.False(result);
        Timing.AssertImmediate(elapsed);
        lk.Release();
    }

    [Fact]
    public void Acquire_WithTimeout_WhenHeldElsewhere_ReturnsFalseAfterAboutTheTimeout()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        bool? result = null;
        TimeSpan elapsed = TimeSpan.Zero;
        new Bunch(1, _ => elapsed = Timing.Measure(() => result = lk.Acquire(s_shortTimeout))).WaitForFinished();
        Assert.False(result);
        Timing.AssertAbout(s_shortTimeout, elapsed);
        lk.Release();
    }

    [Fact]
    public void Acquire_AfterAnotherThreadTimedOut_LockIsStillUsable()
    {
        // bpo-11618: the lock was left in a bad state after a timed acquire.
        ILock lk = CreateLock();
        lk.Acquire();
        new Bunch(1, _ => Assert.False(lk.Acquire(TimeSpan.FromMilliseconds(20)))).WaitForFinished();
        lk.Release();
        Assert.Equal(0, WaitingThreads(lk));
        new Bunch(1, _ =>
        {
            Assert.True(lk.Acquire(TimeSpan.FromSeconds(10)));
            lk.Release();
        }).WaitForFinished();
        Assert.True(lk.TryAcquire());
        lk.Release();
    }

    [Fact]
    public void Acquire_WhenHeld_BlocksUntilReleased()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        var bunch = new Bunch(1, _ =>
        {
            lk.Acquire();
            lk.Release();
        });
        Eventually.Equal(1, () => WaitingThreads(lk), "threads blocked in Acquire");
        Assert.Equal(0, bunch.Finished); // Really blocked.
        lk.Release();
        bunch.WaitForFinished();
        Assert.Equal(0, WaitingThreads(lk));
    }

    [Fact]
    public void Acquire_ByManyThreads_IsMutuallyExclusiveAndLosesNoWakeUp()
    {
        ILock lk = CreateLock();
        const int Threads = 10;
        const int Rounds = 200;
        int inside = 0;
        int maxInside = 0;
        long total = 0;

        // Run twice on the same object: stale state from the first run would show in the second.
        for (int run = 0; run < 2; run++)
        {
            var bunch = new Bunch(Threads, _ =>
            {
                for (int i = 0; i < Rounds; i++)
                {
                    lk.Acquire();
                    int now = Interlocked.Increment(ref inside);
                    Atomic.Max(ref maxInside, now);
                    total++;
                    Interlocked.Decrement(ref inside);
                    lk.Release();
                }
            });
            bunch.WaitForFinished();
        }

        Assert.Equal(1, maxInside);
        Assert.Equal(2L * Threads * Rounds, total);
        Assert.Equal(0, WaitingThreads(lk));
    }

    [Fact]
    public void Acquire_ContendedByTenBlockedThreads_AllFinishAfterOneRelease()
    {
        // lock_tests.py test_acquire_contended: N blocked acquirers all finish (no lost wake-up).
        ILock lk = CreateLock();
        lk.Acquire();
        var bunch = new Bunch(10, _ =>
        {
            lk.Acquire();
            lk.Release();
        });
        Eventually.Equal(10, () => WaitingThreads(lk), "threads blocked in Acquire");
        Assert.Equal(0, bunch.Finished);
        lk.Release();
        bunch.WaitForFinished();
    }

    [Fact]
    public void Acquire_WhileAnotherThreadReleasesAndReacquiresInALoop_IsNotStarved()
    {
        // Barging lets a thread that releases and re-acquires in a loop race every woken waiter;
        // the waiters must still get through, with timed acquires that honour their deadline.
        ILock lk = CreateLock();
        bool stop = false;
        var hog = new Bunch(3, _ =>
        {
            while (!Volatile.Read(ref stop))
            {
                lk.Acquire();
                lk.Release();
            }
        });
        try
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.True(lk.Acquire(TimeSpan.FromSeconds(20)), $"acquire {i} starved for 20 s");
                lk.Release();
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            hog.WaitForFinished();
        }
    }

    [Fact]
    public void EnterScope_ReleasesOnException()
    {
        ILock lk = CreateLock();
        Action failInsideScope = () =>
        {
            using (lk.EnterScope())
            {
                throw new InvalidOperationException("boom");
            }
        };
        Assert.Throws<InvalidOperationException>(failInsideScope);

        bool? acquiredElsewhere = null;
        new Bunch(1, _ =>
        {
            acquiredElsewhere = lk.TryAcquire();
            if (acquiredElsewhere == true)
            {
                lk.Release();
            }
        }).WaitForFinished();
        Assert.True(acquiredElsewhere);
    }

    [Fact]
    public void Acquire_WithCancelledToken_ThrowsEvenWhenFree()
    {
        ILock lk = CreateLock();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => lk.Acquire(Timeout.InfiniteTimeSpan, cts.Token));
        Assert.True(lk.TryAcquire()); // Nothing was taken.
        lk.Release();
    }

    [Fact]
    public void Acquire_CancelledWhileBlocked_ThrowsAndAFollowUpWaiterStillGetsTheLock()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var canceller = new Bunch(1, _ => cancelled = Record.Exception(() => lk.Acquire(Timeout.InfiniteTimeSpan, cts.Token)));
        Eventually.Equal(1, () => WaitingThreads(lk), "the cancellable acquire is blocked");
        var follower = new Bunch(1, _ =>
        {
            lk.Acquire();
            lk.Release();
        });
        Eventually.Equal(2, () => WaitingThreads(lk), "both acquires are blocked");

        cts.Cancel();
        canceller.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        Assert.Equal(0, follower.Finished);

        lk.Release();
        follower.WaitForFinished();
        Assert.Equal(0, WaitingThreads(lk));
        Assert.True(lk.TryAcquire());
        lk.Release();
    }

    [Fact]
    public void Acquire_InterruptedWhileBlocked_ThrowsAndAFollowUpWaiterStillGetsTheLock()
    {
        ILock lk = CreateLock();
        lk.Acquire();
        Exception? interrupted = null;
        var victim = new Bunch(1, _ => interrupted = Record.Exception(() => lk.Acquire()));
        Eventually.Equal(1, () => WaitingThreads(lk), "the acquire is blocked");
        var follower = new Bunch(1, _ =>
        {
            lk.Acquire();
            lk.Release();
        });
        Eventually.Equal(2, () => WaitingThreads(lk), "both acquires are blocked");

        victim.Threads[0].Interrupt();
        victim.WaitForFinished();
        Assert.IsType<ThreadInterruptedException>(interrupted);

        lk.Release();
        follower.WaitForFinished();
        Assert.True(lk.TryAcquire());
        lk.Release();
    }

    [Fact]
    public void Acquire_RacingCancellationsAndReleases_NeverLosesTheLock()
    {
        // Cancellation racing with hand-over: whatever wins, the lock ends free and usable.
        Seeded.Run(random =>
        {
            ILock lk = CreateLock();
            for (int round = 0; round < 50; round++)
            {
                lk.Acquire();
                using var cts = new CancellationTokenSource();
                bool acquired = false;
                var racer = new Bunch(1, _ =>
                {
                    try
                    {
                        lk.Acquire(Timeout.InfiniteTimeSpan, cts.Token);
                        acquired = true;
                        lk.Release();
                    }
                    catch (OperationCanceledException)
                    {
                    }
                });
                Eventually.Equal(1, () => WaitingThreads(lk), "the racer is blocked");
                if (random.Next(2) == 0)
                {
                    cts.Cancel();
                    lk.Release();
                }
                else
                {
                    lk.Release();
                    cts.Cancel();
                }

                racer.WaitForFinished();
                Assert.True(lk.TryAcquire(), $"round {round}: the lock is free (racer acquired: {acquired})");
                lk.Release();
                Assert.Equal(0, WaitingThreads(lk));
            }
        });
    }
}
