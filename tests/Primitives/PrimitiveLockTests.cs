namespace Weave.Primitives.Tests;

public sealed class PrimitiveLockTests : LockContractTests
{
    protected override ILock CreateLock() => new PrimitiveLock();

    protected override int WaitingThreads(ILock lk) => ((PrimitiveLock)lk).WaitingThreads;

    [Fact]
    public void Acquire_WhenFree_SetsIsLocked()
    {
        var lk = new PrimitiveLock();
        Assert.False(lk.IsLocked);
        lk.Acquire();
        Assert.True(lk.IsLocked);
        lk.Release();
        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void TryAcquire_ByTheHolder_ReturnsFalse()
    {
        // Not reentrant: even the holder cannot take it again.
        var lk = new PrimitiveLock();
        lk.Acquire();
        Assert.False(lk.TryAcquire());
        Assert.False(lk.Acquire(TimeSpan.FromMilliseconds(20)));
        lk.Release();
    }

    [Fact]
    public void Acquire_ByTheHolder_BlocksUntilAnotherThreadReleases()
    {
        var lk = new PrimitiveLock();
        var releaser = new Event();
        bool reacquired = false;
        var holder = new Bunch(1, _ =>
        {
            lk.Acquire();
            releaser.Set();
            lk.Acquire(); // Blocks: the lock is not reentrant.
            reacquired = true;
            lk.Release();
        });
        releaser.Wait();
        Eventually.Equal(1, () => lk.WaitingThreads, "the holder is blocked on its own lock");
        Assert.False(reacquired);
        lk.Release(); // A different thread releases: allowed for a primitive lock.
        holder.WaitForFinished();
        Assert.True(reacquired);
        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void Release_FromAnotherThread_Unlocks()
    {
        var lk = new PrimitiveLock();
        lk.Acquire();
        new Bunch(1, _ => lk.Release()).WaitForFinished();
        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void Release_WhenUnlocked_ThrowsSynchronizationLockException()
    {
        var lk = new PrimitiveLock();
        var error = Assert.Throws<SynchronizationLockException>(lk.Release);
        Assert.Equal("cannot release un-acquired lock", error.Message);
        Assert.False(lk.IsLocked);

        lk.Acquire();
        lk.Release();
        Assert.Throws<SynchronizationLockException>(lk.Release);
    }

    [Fact]
    public void EnterScope_HoldsTheLockInsideTheScope()
    {
        var lk = new PrimitiveLock();
        using (lk.EnterScope())
        {
            Assert.True(lk.IsLocked);
        }

        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void LockScope_DisposedTwice_ReleasesOnce()
    {
        var lk = new PrimitiveLock();
        LockScope scope = lk.EnterScope();
        scope.Dispose();
        scope.Dispose();
        Assert.False(lk.IsLocked);
        default(LockScope).Dispose(); // A default scope does nothing.
    }
}
