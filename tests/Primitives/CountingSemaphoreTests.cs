namespace Weave.Primitives.Tests;

public sealed class CountingSemaphoreTests : SemaphoreContractTests
{
    protected override CountingSemaphore CreateSemaphore(int initial) => new(initial);

    [Fact]
    public void Constructor_Default_HoldsOnePermit()
    {
        var semaphore = new CountingSemaphore();
        Assert.Equal(1, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_PastTheInitialValue_IsAllowed()
    {
        var semaphore = new CountingSemaphore(1);
        semaphore.Release();
        semaphore.Release(3);
        Assert.Equal(5, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_PastIntMaxValue_ThrowsSemaphoreFullAndChangesNothing()
    {
        var semaphore = new CountingSemaphore(int.MaxValue - 1);
        Assert.Throws<SemaphoreFullException>(() => semaphore.Release(2));
        Assert.Equal(int.MaxValue - 1, semaphore.CurrentCount);
    }

    [Fact]
    public void Release_ThroughILock_ReleasesOnePermit()
    {
        ILock semaphore = new CountingSemaphore(0);
        semaphore.Release();
        Assert.True(semaphore.TryAcquire());
        Assert.False(semaphore.TryAcquire());
    }
}
