namespace Weave.Primitives.Tests;

/// <summary>A condition over a lock Weave knows nothing about works through the ILock protocol alone (CPython's fallback).</summary>
public sealed class ConditionOverForeignLockTests : ConditionContractTests
{
    protected override Condition CreateCondition() => new(new CountingSemaphore(1));

    protected override bool LockIsHeld(Condition condition) => ((CountingSemaphore)condition.Lock).CurrentCount == 0;
}
