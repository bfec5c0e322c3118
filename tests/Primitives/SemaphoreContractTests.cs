namespace Weave.Primitives.Tests;

/// <summary>Semaphore semantics (lock_tests.py's BaseSemaphoreTests), bound to each semaphore kind.</summary>
public abstract class SemaphoreContractTests
{
    protected abstract CountingSemaphore CreateSemaphore(int initial);

    /// <summary>
    /// A semaphore whose count is 0 and which may be released <paramref name="capacity"/> times (a
    /// bounded semaphore starts full, so its permits are taken first).
    /// </summary>
    protected CountingSemaphore CreateEmpty(int capacity)
    {
        CountingSemaphore semaphore = CreateSemaphore(capacity);
        for (int i = 0; i < capacity; i++)
        {
            Assert.True(semaphore.TryAcquire());
        }

        return semaphore;
    }

    [Fact]
    public void Constructor_WithNegativeInitial_ThrowsArgumentOutOfRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CreateSemaphore(-1));
        Assert.Equal("initial", error.ParamName);
    }

    [Fact]
    public void TryAcquire_TakesPermitsUntilNoneAreLeft()
    {
        CountingSemaphore semaphore = CreateSemaphore(2);
        Assert.True(semaphore.TryAcquire());
        Assert.True(semaphore.TryAcquire());
        Assert.False(semaphore.TryAcquire());
        Assert.Equal(0, semaphore.CurrentCount);
        semaphore.Release();
        Assert.Equal(1, semaphore.CurrentCount);
    }

    [Fact]
    public void TryAcquire_ContendedByFiveThreadsTwice_GivesExactlyTheAvailablePermits()
    {
        // lock_tests.py test_try_acquire_contended: value 4, one taken; 5 threads x 2 tries.
        CountingSemaphore semaphore = CreateSemaphore(4);
        Assert.True(semaphore.TryAcquire());
        int granted = 0;
        int refused = 0;
        new Bunch(5, _ =>
        {
            for (int i = 0; i < 2; i++)
            {
                Interlocked.Increment(ref semaphore.TryAcquire() ? ref granted : ref refused);
            }
        }).WaitForFinished();
        Assert.Equal(3, granted);
        Assert.Equal(7, refused);
    }

    [Fact]
    public void Acquire_WithTimeout_WhenEmpty_ReturnsFalseAfterAboutTheTimeout()
    {
        CountingSemaphore semaphore = CreateEmpty(1);
        bool result = true;
        TimeSpan elapsed = Timing.Measure(() => result = semaphore.Acquire(TimeSpan.FromMilliseconds(100)));
        Assert.False(result);
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.Equal(0, semaphore.CurrentCount);
        Assert.Equal(0, semaphore.WaitingThreads);
    }

    [Fact]
    public void Acquire_WithZeroTimeout_WhenEmpty_ReturnsFalseAtOnce()
    {
        CountingSemaphore semaphore = CreateEmpty(1);
        bool result = true;
        Timing.AssertImmediate(Timing.Measure(() => result = semaphore.Acquire(TimeSpan.Zero)));
        Assert.False(result);
    }

    [Fact]
    public void Acquire_WithNegativeTimeout_ThrowsArgumentOutOfRange()
    {
        CountingSemaphore semaphore = CreateSemaphore(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Acquire(TimeSpan.FromMilliseconds(-7)));
        Assert.Equal(1, semaphore.CurrentCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Release_WithCountBelowOne_ThrowsArgumentOutOfRange(int n)
    {
        CountingSemaphore semaphore = CreateEmpty(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Release(n));
        Assert.Equal("n", error.ParamName);
        Assert.Equal(0, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_WakesABlockedAcquirer()
    {
        CountingSemaphore semaphore = CreateEmpty(1);
        var acquirer = new Bunch(1, _ => semaphore.Acquire());
        Eventually.Equal(1, () => semaphore.WaitingThreads, "the acquirer is blocked");
        Assert.Equal(0, acquirer.Finished);
        semaphore.Release();
        acquirer.WaitForFinished();
        Assert.Equal(0, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_OfKPermits_AdmitsExactlyKWaiters()
    {
        // lock_tests.py test_multirelease/test_acquire_contended: 7 then 6 releases to 10 waiters.
        CountingSemaphore semaphore = CreateEmpty(13);
        var bunch = new Bunch(10, _ => semaphore.Acquire());
        Eventually.Equal(10, () => semaphore.WaitingThreads, "waiters blocked");

        semaphore.Release(7);
        Eventually.Equal(7, () => bunch.Finished, "waiters admitted by Release(7)");
        Eventually.Equal(3, () => semaphore.WaitingThreads, "waiters still blocked");
        Assert.Equal(0, semaphore.CurrentCount);
        Assert.Equal(7, bunch.Finished);

        for (int i = 0; i < 6; i++)
        {
            semaphore.Release();
        }

        bunch.WaitForFinished();
        Assert.Equal(3, semaphore.CurrentCount);
    }

    [Fact]
    public void Acquire_CancelledWhileBlocked_ThrowsAndAFollowUpWaiterStillGetsThePermit()
    {
        CountingSemaphore semaphore = CreateEmpty(1);
        using var cts = new CancellationTokenSource();
        Exception? cancelled = null;
        var victim = new Bunch(1, _ => cancelled = Record.Exception(() => semaphore.Acquire(cts.Token)));
        Eventually.Equal(1, () => semaphore.WaitingThreads, "the cancellable acquire is blocked");
        var follower = new Bunch(1, _ => semaphore.Acquire());
        Eventually.Equal(2, () => semaphore.WaitingThreads, "both acquires are blocked");
        cts.Cancel();
        victim.WaitForFinished();
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);

        semaphore.Release();
        follower.WaitForFinished();
        Assert.Equal(0, semaphore.CurrentCount);
    }

    [Fact]
    public void Acquire_WithRandomCancellations_NeverLosesOrCreatesAPermit()
    {
        Seeded.Run(random =>
        {
            const int Permits = 3;
            CountingSemaphore semaphore = CreateSemaphore(Permits);
            int holders = 0;
            int maxHolders = 0;
            int[] delays = Enumerable.Range(0, 8 * 60).Select(_ => random.Next(4)).ToArray();
            long[] cancelAfterTicks = Enumerable.Range(0, 8 * 60).Select(_ => (long)random.Next(1, 2000)).ToArray();
            new Bunch(8, t =>
            {
                for (int i = 0; i < 60; i++)
                {
                    using var cts = new CancellationTokenSource();
                    int delay = delays[(t * 60) + i];
                    if (delay == 0)
                    {
                        cts.Cancel();
                    }
                    else if (delay == 1)
                    {
                        cts.CancelAfter(TimeSpan.FromTicks(cancelAfterTicks[(t * 60) + i]));
                    }

                    try
                    {
                        if (!semaphore.Acquire(TimeSpan.FromSeconds(30), cts.Token))
                        {
                            continue;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        continue;
                    }

                    Atomic.Max(ref maxHolders, Interlocked.Increment(ref holders));

                    Thread.Yield();
                    Interlocked.Decrement(ref holders);
                    semaphore.Release();
                }
            }).WaitForFinished();

            Assert.True(maxHolders <= Permits, $"At most {Permits} holders at once; saw {maxHolders}.");
            Assert.Equal(Permits, semaphore.CurrentCount);
            Assert.Equal(0, semaphore.WaitingThreads);
        });
    }

    [Fact]
    public void EnterScope_ReturnsThePermitOnDispose()
    {
        CountingSemaphore semaphore = CreateSemaphore(2);
        using (semaphore.EnterScope())
        {
            Assert.Equal(1, semaphore.CurrentCount);
        }

        Assert.Equal(2, semaphore.CurrentCount);
    }
}
