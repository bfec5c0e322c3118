namespace Weave.Primitives.Tests;

/// <summary>A Condition used as a lock behaves as its (default, reentrant) lock: lock_tests.py binds the lock tests to Condition too.</summary>
public sealed class ConditionLockTests : LockContractTests
{
    protected override ILock CreateLock() => new Condition();

    protected override int WaitingThreads(ILock lk) => ((ReentrantLock)((Condition)lk).Lock).WaitingThreads;

    [Fact]
    public void Constructor_Default_UsesANewReentrantLock()
    {
        var first = new Condition();
        var second = new Condition();
        Assert.IsType<ReentrantLock>(first.Lock);
        Assert.NotSame(first.Lock, second.Lock);
    }

    [Fact]
    public void Constructor_WithLock_SharesIt()
    {
        var lk = new PrimitiveLock();
        var condition = new Condition(lk);
        Assert.Same(lk, condition.Lock);
        condition.Acquire();
        Assert.True(lk.IsLocked);
        condition.Release();
        Assert.False(lk.IsLocked);
    }

    [Fact]
    public void Constructor_WithAnotherCondition_SharesItsLock()
    {
        var outer = new Condition();
        var inner = new Condition(outer);
        Assert.Same(outer.Lock, inner.Lock);
    }

    [Fact]
    public void Constructor_WithNull_ThrowsArgumentNull()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new Condition(null!));
        Assert.Equal("lock", error.ParamName);
    }
}
