namespace Weave.Primitives.Tests;

public sealed class ReentrantLockTests : LockContractTests
{
    protected override ILock CreateLock() => new ReentrantLock();

    protected override int WaitingThreads(ILock lk) => ((ReentrantLock)lk).WaitingThreads;

    [Fact]
    public void Acquire_ByTheOwner_ReentersAndNeedsAsManyReleases()
    {
        var lk = new ReentrantLock();
        lk.Acquire();
        Assert.True(lk.TryAcquire());
        Assert.True(lk.Acquire(TimeSpan.Zero));
        Assert.Equal(3, lk.RecursionCount);

        bool? elsewhere = null;
        lk.Release();
        lk.Release();
        new Bunch(1, _ => elsewhere = lk.TryAcquire()).WaitForFinished();
        Assert.False(elsewhere); // Still held once.

        lk.Release();
        Assert.Equal(0, lk.RecursionCount);
        Assert.False(lk.IsOwnedByCurrentThread);
        new Bunch(1, _ =>
        {
            elsewhere = lk.TryAcquire();
            lk.Release();
        }).WaitForFinished();
        Assert.True(elsewhere);
    }

    [Fact]
    public void Release_WhenUnowned_ThrowsSynchronizationLockException()
    {
        var lk = new ReentrantLock();
        var error = Assert.Throws<SynchronizationLockException>(lk.Release);
        Assert.Equal("cannot release un-acquired lock", error.Message);
    }

    [Fact]
    public void Release_ByANonOwner_ThrowsAndLeavesTheOwnerHoldingIt()
    {
        var lk = new ReentrantLock();
        lk.Acquire();
        Exception? error = null;
        new Bunch(1, _ => error = Record.Exception(lk.Release)).WaitForFinished();
        Assert.IsType<SynchronizationLockException>(error);
        Assert.True(lk.IsOwnedByCurrentThread);
        Assert.Equal(1, lk.RecursionCount);
        lk.Release();
    }

    [Fact]
    public void OwnershipAndDepth_ArePerThread()
    {
        var lk = new ReentrantLock();
        lk.Acquire();
        lk.Acquire();
        bool? ownedElsewhere = null;
        int? depthElsewhere = null;
        new Bunch(1, _ =>
        {
            ownedElsewhere = lk.IsOwnedByCurrentThread;
            depthElsewhere = lk.RecursionCount;
        }).WaitForFinished();
        Assert.False(ownedElsewhere);
        Assert.Equal(0, depthElsewhere);
        Assert.True(lk.IsOwnedByCurrentThread);
        Assert.Equal(2, lk.RecursionCount);
        lk.Release();
        lk.Release();
    }

    [Fact]
    public void Acquire_CancelledTokenWhileOwner_StillThrows()
    {
        var lk = new ReentrantLock();
        lk.Acquire();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => lk.Acquire(cts.Token));
        Assert.Equal(1, lk.RecursionCount); // The refused call changed nothing.
        lk.Release();
    }
}
