namespace Weave.Primitives.Tests;

public sealed class ConditionOverReentrantLockTests : ConditionContractTests
{
    protected override Condition CreateCondition() => new(new ReentrantLock());

    protected override bool LockIsHeld(Condition condition) => ((ReentrantLock)condition.Lock).IsOwnedByCurrentThread;

    [Fact]
    public void Wait_FullyReleasesARecursivelyHeldLockAndRestoresItsDepth()
    {
        var lk = new ReentrantLock();
        var condition = new Condition(lk);
        lk.Acquire();
        lk.Acquire();
        lk.Acquire();
        var other = new Bunch(1, _ =>
        {
            // Succeeds only if the waiting thread released all three levels.
            Assert.True(lk.Acquire(TimeSpan.FromSeconds(30)));
            condition.Notify();
            lk.Release();
        }, waitForStart: false);
        condition.Wait();
        int depthAfter = lk.RecursionCount;
        other.WaitForFinished();
        Assert.Equal(3, depthAfter);
        lk.Release();
        lk.Release();
        lk.Release();
        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void Wait_ByANonOwnerWhileAnotherThreadOwns_Throws()
    {
        var lk = new ReentrantLock();
        var condition = new Condition(lk);
        lk.Acquire();
        Exception? error = null;
        new Bunch(1, _ => error = Record.Exception(() => condition.Wait(TimeSpan.Zero))).WaitForFinished();
        Assert.IsType<SynchronizationLockException>(error);
        lk.Release();
    }
}
