namespace Weave.Primitives.Tests;

public sealed class ConditionOverPrimitiveLockTests : ConditionContractTests
{
    protected override Condition CreateCondition() => new(new PrimitiveLock());

    protected override bool LockIsHeld(Condition condition) => ((PrimitiveLock)condition.Lock).IsLocked;
}
