using Weave.Harness;
using Check = Weave.Harness.Linearizability;
using Q = Weave.Harness.QueueOp<int>;
using R = Weave.Harness.QueueResult<int>;

namespace Weave.PropertiesTests.Checker;

/// <summary>
/// The quiescent blocking check: a call still blocked when nothing could wake it took no effect, and is legal only
/// if some linearization leaves the object in a state where it waits (<see cref="ISequentialSpec{TState, TOp, TResult}.Blocks"/>).
/// </summary>
public sealed class BlockedCallTests(ITestOutputHelper output)
{
    private readonly QueueSpec<int> _queue = new();

    [Fact]
    public void Check_GetBlockedOnAnEmptyQueue_IsLinearizable()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(0, Q.Get(), R.Got(1), 3, 4)
            .Blocked(1, Q.Get(), 5);

        var result = Check.Check(_queue, calls);

        Assert.True(result.IsLinearizable, result.ToText());
        Assert.DoesNotContain(result.Order, c => c.IsBlocked); // It took no effect.
    }

    [Fact]
    public void Check_GetBlockedWhileAnItemWaits_IsALostWakeUp()
    {
        var calls = new Calls<Q, R>()
            .Blocked(1, Q.Get(), 1)
            .Add(0, Q.Put(7), R.Ok, 2, 3);

        var result = Check.Check(_queue, calls);
        output.WriteLine(result.ToText());

        Assert.True(result.IsViolation);
        Assert.Equal(0, result.FailingCall!.Id);
        Assert.Contains("Get -> (blocked for good)  <<", result.ToText(), StringComparison.Ordinal);
        Assert.Contains("a lost wake-up", result.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TheSameHistoryWithTheCallMerelyPending_IsLinearizable()
    {
        // What the checker said before the blocking check: a pending call may simply not have taken effect yet.
        var calls = new Calls<Q, R>()
            .Pending(1, Q.Get(), 1)
            .Add(0, Q.Put(7), R.Ok, 2, 3);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_BlockedGetWhoseItemAnotherGetTook_IsLinearizable()
    {
        // Python's queue makes no promise about which waiter gets an item: the blocked get may legally lose it.
        var calls = new Calls<Q, R>()
            .Blocked(0, Q.Get(), 1)
            .Add(1, Q.Put(7), R.Ok, 2, 3)
            .Add(1, Q.Get(), R.Got(7), 4, 5);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_BlockedCallLegalOnlyIfAPendingPutTookNoEffect_IsLinearizable()
    {
        // A pending put may be left out: then the queue is empty and the get waits.
        var calls = new Calls<Q, R>()
            .Pending(0, Q.Put(7), 1)
            .Blocked(1, Q.Get(), 2);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_AcquireBlockedOnAFreeLock_IsALostWakeUp_ButOnAHeldOneIsLegal()
    {
        var spec = new LockSpec();
        var lost = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(), true, 1, 2)
            .Blocked(1, LockOp.Acquire(), 3)
            .Add(0, LockOp.Release(), true, 4, 5);
        var held = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(), true, 1, 2)
            .Blocked(1, LockOp.Acquire(), 3);

        Assert.True(Check.Check(spec, lost).IsViolation);
        Assert.True(Check.Check(spec, held).IsLinearizable);
    }

    [Fact]
    public void Check_TwoAcquiresBlockedAfterReleaseOfTwo_IsALostWakeUpNamingOneOfThem()
    {
        var spec = new SemaphoreSpec(0);
        var calls = new Calls<SemaphoreOp, bool>()
            .Blocked(0, SemaphoreOp.Acquire(), 1)
            .Blocked(1, SemaphoreOp.Acquire(), 2)
            .Add(2, SemaphoreOp.Release(2), true, 3, 4)
            .Add(2, SemaphoreOp.Acquire(), true, 5, 6);

        var result = Check.Check(spec, calls);

        Assert.True(result.IsViolation);
        Assert.True(result.FailingCall!.IsBlocked, result.ToText());
    }

    [Fact]
    public void Check_EventWaitBlockedAfterSet_IsALostWakeUp_ButAfterSetThenClearIsLegal()
    {
        var spec = new EventSpec();
        var lost = new Calls<EventOp, bool>().Blocked(0, EventOp.Wait, 1).Add(1, EventOp.Set, true, 2, 3);
        var cleared = new Calls<EventOp, bool>().Blocked(0, EventOp.Wait, 1).Add(1, EventOp.Set, true, 2, 3).Add(1, EventOp.Clear, true, 4, 5);

        Assert.True(Check.Check(spec, lost).IsViolation);
        Assert.True(Check.Check(spec, cleared).IsLinearizable);
    }

    [Fact]
    public void Check_BlockedCallOfAnObjectThatNeverWaits_IsAViolation()
    {
        var calls = new Calls<RegisterOp<int>, int>().Blocked(0, RegisterOp<int>.Read(), 1);

        Assert.True(Check.Check(new RegisterSpec<int>(0), calls).IsViolation);
    }

    [Fact]
    public void Check_SpecWithoutABlockingRule_TreatsABlockedCallAsPending()
    {
        var calls = new Calls<int, int>().Add(0, 1, 1, 1, 2).Blocked(1, 5, 3);

        Assert.True(Check.Check(new NoRule(), calls).IsLinearizable);
    }

    [Fact]
    public void Check_BlockedCallThatReturned_IsRefusedNamingIt()
    {
        var calls = new List<HistoryEntry<Q, R>> { new(0, 0, Q.Get(), R.Got(1), 1, 2) { IsBlocked = true } };

        var e = Assert.Throws<ArgumentException>(() => Check.Check(_queue, calls));

        Assert.Contains("Call 0 (Get) is marked blocked but returned at 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BlockedCall_RoundTrips_AndABlockedCallWithAReturnIsRefused()
    {
        var calls = new Calls<Q, R>().Add(0, Q.Put(1), R.Ok, 1, 2).Blocked(1, Q.Get(), 3);

        string json = HistoryJson.Serialize<Q, R>(calls);
        var back = HistoryJson.Deserialize<Q, R>(json);
        var e = Assert.Throws<FormatException>(() => HistoryJson.Deserialize<Q, R>(json.Replace("\"returned\": null", "\"returned\": 9", StringComparison.Ordinal)));

        Assert.Contains("\"blocked\": true", json, StringComparison.Ordinal);
        Assert.Single(back, c => c.IsBlocked);
        Assert.DoesNotContain("blocked", json.Split("\"id\": 1")[0], StringComparison.Ordinal); // Written only when set.
        Assert.Contains("Call 1, field 'blocked'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A counter whose op adds its value and returns the total; no blocking rule.</summary>
    private sealed class NoRule : ISequentialSpec<int, int, int>
    {
        public int Initial => 0;

        public (bool Legal, int Next) Step(int state, int op, int result) => (state + op == result, state + op);
    }
}
