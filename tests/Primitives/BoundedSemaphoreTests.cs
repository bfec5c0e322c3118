namespace Weave.Primitives.Tests;

public sealed class BoundedSemaphoreTests : SemaphoreContractTests
{
    protected override CountingSemaphore CreateSemaphore(int initial) => new BoundedSemaphore(initial);

    [Fact]
    public void Release_AboveTheInitialValue_ThrowsSemaphoreFullAndChangesNothing()
    {
        var semaphore = new BoundedSemaphore(3);
        var error = Assert.Throws<SemaphoreFullException>(() => semaphore.Release());
        Assert.Equal("Semaphore released too many times", error.Message);
        Assert.Equal(3, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_OfTwoWithOnePermitTaken_FailsAsAWhole()
    {
        var semaphore = new BoundedSemaphore(3);
        semaphore.Acquire();
        Assert.Throws<SemaphoreFullException>(() => semaphore.Release(2));
        Assert.Equal(2, semaphore.CurrentCount);
        semaphore.Release();
        Assert.Equal(3, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_RacingWithAcquires_NeverExceedsTheBound()
    {
        // The check and the update are one atomic step: a check-then-add implementation lets the
        // count pass the bound when an acquire and two releases interleave.
        const int Bound = 2;
        var semaphore = new BoundedSemaphore(Bound);
        int granted = 0;
        int released = 0;
        int maxSeen = 0;
        bool stop = false;
        var watcher = new Bunch(1, _ =>
        {
            while (!Volatile.Read(ref stop))
            {
                int now = semaphore.CurrentCount;
                if (now > maxSeen)
                {
                    maxSeen = now;
                }
            }
        });
        new Bunch(4, t =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                if ((i + t) % 2 == 0)
                {
                    if (semaphore.TryAcquire())
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
                else
                {
                    try
                    {
                        semaphore.Release((i % 3) + 1);
                        Interlocked.Add(ref released, (i % 3) + 1);
                    }
                    catch (SemaphoreFullException)
                    {
                    }
                }
            }
        }).WaitForFinished();
        Volatile.Write(ref stop, true);
        watcher.WaitForFinished();

        Assert.True(maxSeen <= Bound, $"The count reached {maxSeen}, above the bound {Bound}.");
        Assert.Equal(Bound - granted + released, semaphore.CurrentCount);
    }

    [Fact]
    public void ToString_ShowsValueOverInitial()
    {
        var semaphore = new BoundedSemaphore(3);
        semaphore.Acquire();
        Assert.Equal("<BoundedSemaphore value=2/3>", semaphore.ToString());
        Assert.Equal(3, semaphore.InitialCount);
    }

    [Fact]
    public void BoundedSemaphore_IsACountingSemaphore()
    {
        CountingSemaphore semaphore = new BoundedSemaphore();
        Assert.Equal(1, semaphore.CurrentCount);
    }
}
