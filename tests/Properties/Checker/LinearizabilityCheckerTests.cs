using Weave.Harness;
using Check = Weave.Harness.Linearizability;
using Q = Weave.Harness.QueueOp<int>;
using R = Weave.Harness.QueueResult<int>;

namespace Weave.PropertiesTests.Checker;

/// <summary>The checker on hand-made histories whose verdict is known.</summary>
public sealed class LinearizabilityCheckerTests
{
    private readonly RegisterSpec<int> _register = new(0);
    private readonly QueueSpec<int> _queue = new();

    [Fact]
    public void Check_OverlappingWriteAndRead_IsLinearizableEitherWay()
    {
        var sawNew = new Calls<RegisterOp<int>, int>()
            .Add(0, RegisterOp<int>.Write(1), 0, 1, 4)
            .Add(1, RegisterOp<int>.Read(), 1, 2, 3);
        var sawOld = new Calls<RegisterOp<int>, int>()
            .Add(0, RegisterOp<int>.Write(1), 0, 1, 4)
            .Add(1, RegisterOp<int>.Read(), 0, 2, 3);

        Assert.True(Check.Check(_register, sawNew).IsLinearizable);
        Assert.True(Check.Check(_register, sawOld).IsLinearizable);
    }

    [Fact]
    public void Check_StaleReadAfterTheWriteReturned_IsAViolation()
    {
        var calls = new Calls<RegisterOp<int>, int>()
            .Add(0, RegisterOp<int>.Write(1), 0, 1, 2)
            .Add(1, RegisterOp<int>.Read(), 0, 3, 4);

        var result = Check.Check(_register, calls);

        Assert.True(result.IsViolation);
        Assert.False(result.IsLinearizable);
        Assert.False(result.TimedOut);
        Assert.Equal(1, result.FailingCall!.Id);
    }

    [Fact]
    public void Check_Linearizable_GivesAWitnessOrderThatRespectsRealTime()
    {
        var calls = new Calls<RegisterOp<int>, int>()
            .Add(0, RegisterOp<int>.Write(1), 0, 1, 6)
            .Add(1, RegisterOp<int>.Read(), 1, 2, 3)
            .Add(1, RegisterOp<int>.Write(2), 0, 4, 5)
            .Add(2, RegisterOp<int>.Read(), 2, 7, 8);

        var result = Check.Check(_register, calls);

        Assert.True(result.IsLinearizable);
        Assert.Equal([0, 1, 2, 3], result.Order.Select(c => c.Id));
    }

    [Fact]
    public void Check_FifoOrderBroken_IsAViolation()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(0, Q.Put(2), R.Ok, 3, 4)
            .Add(1, Q.Get(), R.Got(2), 5, 6);

        Assert.True(Check.Check(_queue, calls).IsViolation);
        Assert.True(Check.Check(new QueueSpec<int>(QueueKind.Lifo), calls).IsLinearizable);
    }

    [Fact]
    public void Check_ConcurrentPuts_MayBeTakenInEitherOrder()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 4)
            .Add(1, Q.Put(2), R.Ok, 2, 3)
            .Add(2, Q.Get(), R.Got(2), 5, 6)
            .Add(2, Q.Get(), R.Got(1), 7, 8);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_BlockingGetThatWaitedForAPut_IsLinearizable()
    {
        // The get starts on an empty queue, blocks, and returns the item put while it waited.
        var calls = new Calls<Q, R>()
            .Add(0, Q.Get(), R.Got(7), 1, 6)
            .Add(1, Q.Put(7), R.Ok, 3, 4);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_BlockingGetThatReturnedBeforeAnyPut_IsAViolation()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Get(), R.Got(7), 1, 2)
            .Add(1, Q.Put(7), R.Ok, 3, 4);

        Assert.True(Check.Check(_queue, calls).IsViolation);
    }

    [Fact]
    public void Check_TimedOutGet_IsLegalOnlyIfTheQueueCouldBeEmptyDuringIt()
    {
        var couldBeEmpty = new Calls<Q, R>()
            .Add(0, Q.TryGet(), R.Empty, 1, 4)
            .Add(1, Q.Put(1), R.Ok, 2, 3);
        var neverEmpty = new Calls<Q, R>()
            .Add(1, Q.Put(1), R.Ok, 1, 2)
            .Add(0, Q.TryGet(), R.Empty, 3, 4);

        Assert.True(Check.Check(_queue, couldBeEmpty).IsLinearizable);
        Assert.True(Check.Check(_queue, neverEmpty).IsViolation);
    }

    [Fact]
    public void Check_TimedOutPutOnAFullQueue_IsLegalOnlyWhileFull()
    {
        var bounded = new QueueSpec<int>(maxSize: 1);
        var whileFull = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(1, Q.TryPut(2), R.Full, 3, 6)
            .Add(0, Q.Get(), R.Got(1), 4, 5);
        var afterTheGet = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(0, Q.Get(), R.Got(1), 3, 4)
            .Add(1, Q.TryPut(2), R.Full, 5, 6);

        Assert.True(Check.Check(bounded, whileFull).IsLinearizable);
        Assert.True(Check.Check(bounded, afterTheGet).IsViolation);
    }

    [Fact]
    public void Check_PendingWrite_MayHaveTakenEffect()
    {
        // The writer never returned (its thread was still inside Write when the history was taken),
        // but a reader saw its value: only a linearization in which the pending write took effect explains it.
        var calls = new Calls<RegisterOp<int>, int>()
            .Pending(0, RegisterOp<int>.Write(5), 1)
            .Add(1, RegisterOp<int>.Read(), 5, 2, 3);

        var result = Check.Check(_register, calls);

        Assert.True(result.IsLinearizable);
        Assert.Contains(result.Order, c => c.Id == 0 && c.IsPending);
    }

    [Fact]
    public void Check_PendingWrite_MayAlsoNotHaveTakenEffect()
    {
        var calls = new Calls<RegisterOp<int>, int>()
            .Pending(0, RegisterOp<int>.Write(5), 1)
            .Add(1, RegisterOp<int>.Read(), 0, 2, 3);

        var result = Check.Check(_register, calls);

        Assert.True(result.IsLinearizable);
        Assert.DoesNotContain(result.Order, c => c.Id == 0);
    }

    [Fact]
    public void Check_PendingCallCannotExplainAValueNobodyWrote()
    {
        var calls = new Calls<RegisterOp<int>, int>()
            .Pending(0, RegisterOp<int>.Write(5), 1)
            .Add(1, RegisterOp<int>.Read(), 6, 2, 3);

        Assert.True(Check.Check(_register, calls).IsViolation);
    }

    [Fact]
    public void Check_PendingGet_MayHaveTakenTheItem()
    {
        // A get still blocked-or-returning at the end took the only item, so a later timed get found the queue empty.
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Pending(1, Q.Get(), 3)
            .Add(0, Q.TryGet(), R.Empty, 4, 5);

        Assert.True(Check.Check(_queue, calls).IsLinearizable);
    }

    [Fact]
    public void Check_PendingCall_DefaultCandidatesAreTheResultsSeenInTheHistory()
    {
        // A spec without PendingResults: the pending read may take effect with any result seen elsewhere.
        var calls = new Calls<RegisterOp<int>, int>()
            .Pending(0, RegisterOp<int>.Write(5), 1)
            .Add(1, RegisterOp<int>.Read(), 5, 2, 3);

        Assert.True(Check.Check(new BareRegister(), calls).IsLinearizable);
    }

    [Fact]
    public void Check_LockHeldTwice_IsAViolation()
    {
        var spec = new LockSpec();
        var calls = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(0), true, 1, 2)
            .Add(1, LockOp.Acquire(1), true, 3, 4)
            .Add(0, LockOp.Release(0), true, 5, 6);

        Assert.True(Check.Check(spec, calls).IsViolation);
    }

    [Fact]
    public void Check_FailedTryAcquire_IsLegalOnlyWhileTheLockIsHeld()
    {
        var spec = new LockSpec();
        var whileHeld = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(0), true, 1, 2)
            .Add(1, LockOp.TryAcquire(1), false, 3, 6)
            .Add(0, LockOp.Release(0), true, 4, 5);
        var whileFree = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(0), true, 1, 2)
            .Add(0, LockOp.Release(0), true, 3, 4)
            .Add(1, LockOp.TryAcquire(1), false, 5, 6);

        Assert.True(Check.Check(spec, whileHeld).IsLinearizable);
        Assert.True(Check.Check(spec, whileFree).IsViolation);
    }

    [Fact]
    public void Check_ReentrantRelease_ByANonOwnerMustFail()
    {
        var reentrant = new LockSpec(reentrant: true);
        var calls = new Calls<LockOp, bool>()
            .Add(0, LockOp.Acquire(0), true, 1, 2)
            .Add(0, LockOp.Acquire(0), true, 3, 4)
            .Add(1, LockOp.Release(1), true, 5, 6);

        Assert.True(Check.Check(reentrant, calls).IsViolation);
        Assert.True(Check.Check(new LockSpec(), [calls[0], calls[2]]).IsLinearizable); // A primitive lock may be released by anyone.
    }

    [Fact]
    public void Check_Violation_CounterexampleIsTheShortestFailingPrefix()
    {
        // Ten good calls, then the stale read, then ten more: the counterexample stops at the stale read.
        var calls = new Calls<RegisterOp<int>, int>();
        long t = 1;
        for (int i = 1; i <= 10; i++, t += 2)
        {
            calls.Add(0, RegisterOp<int>.Write(i), 0, t, t + 1);
        }

        calls.Add(1, RegisterOp<int>.Read(), 3, t, t + 1);
        int stale = calls.Count - 1;
        t += 2;
        for (int i = 0; i < 10; i++, t += 2)
        {
            calls.Add(0, RegisterOp<int>.Write(100 + i), 0, t, t + 1);
        }

        var result = Check.Check(_register, calls);

        Assert.True(result.IsViolation);
        Assert.Equal(stale, result.FailingCall!.Id);
        Assert.Equal(stale + 1, result.Counterexample!.Count);
    }

    [Fact]
    public void Check_Violation_ShortestPrefixAlsoWithoutPendingResults()
    {
        // The prefix search cuts calls short (they become pending): a spec without PendingResults gets
        // the results seen in the history as candidates there too, so the write that was cut short can
        // still explain what a read saw and the prefix stops at the real failure.
        var calls = new Calls<RegisterOp<int>, int>()
            .Add(0, RegisterOp<int>.Write(1), 0, 1, 4)
            .Add(1, RegisterOp<int>.Read(), 1, 2, 3)
            .Add(1, RegisterOp<int>.Read(), 0, 5, 6);

        var result = Check.Check(new BareRegister(), calls);

        Assert.True(result.IsViolation);
        Assert.Equal(2, result.FailingCall!.Id);
        Assert.Equal(3, result.Counterexample!.Count);
    }

    [Fact]
    public void ToText_Violation_IsAPerThreadTableMarkingTheFailingCall()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(1, Q.Get(), R.Got(2), 3, 4);

        string text = Check.Check(_queue, calls).ToText();

        Assert.Contains("Not linearizable", text, StringComparison.Ordinal);
        Assert.Contains("| T0", text, StringComparison.Ordinal);
        Assert.Contains("| T1", text, StringComparison.Ordinal);
        Assert.Contains("Get -> 2  <<", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteHtml_DrawsEveryThreadsCallsAndHighlightsTheFailure()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Add(1, Q.Get(), R.Got(2), 3, 4)
            .Pending(2, Q.TryGet(), 5);
        string path = Path.Combine(Path.GetTempPath(), $"weave-{Guid.NewGuid():N}", "check.html");

        Check.Check(_queue, calls).WriteHtml(path);

        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains(">T2</text>", html, StringComparison.Ordinal);
        Assert.Contains("#e74c3c", html, StringComparison.Ordinal); // the failing call's colour
        Assert.Contains("stroke-dasharray", html, StringComparison.Ordinal); // the pending call
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BudgetExceeded_SaysTimedOutAndClaimsNoVerdict()
    {
        // 400 overlapping writes of distinct values and reads of a value nobody wrote: refuting it means
        // trying every order, far more than a millisecond's work.
        var calls = new Calls<RegisterOp<int>, int>();
        for (int i = 0; i < 400; i++)
        {
            calls.Add(i % 8, i % 2 == 0 ? RegisterOp<int>.Write(i) : RegisterOp<int>.Read(), i % 2 == 0 ? 0 : i - 1, i + 1, 1000 + i);
        }

        calls.Add(9, RegisterOp<int>.Read(), -1, 2000, 2001);

        var result = Check.Check(_register, calls, TimeSpan.FromMilliseconds(1));

        Assert.True(result.TimedOut);
        Assert.False(result.IsLinearizable);
        Assert.False(result.IsViolation);
        Assert.Null(result.Counterexample);
        Assert.Contains("No verdict", result.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PartitionedSpec_ChecksEachKeyOnItsOwn()
    {
        var map = new KeyValueSpec();
        var calls = new Calls<(string Key, RegisterOp<int> Op), int>()
            .Add(0, ("a", RegisterOp<int>.Write(1)), 0, 1, 2)
            .Add(1, ("b", RegisterOp<int>.Write(2)), 0, 1, 2)
            .Add(0, ("a", RegisterOp<int>.Read()), 1, 3, 4)
            .Add(1, ("b", RegisterOp<int>.Read()), 2, 3, 4);
        var broken = new Calls<(string Key, RegisterOp<int> Op), int>();
        broken.AddRange(calls.Take(3));
        broken.Add(new HistoryEntry<(string, RegisterOp<int>), int>(3, 1, ("b", RegisterOp<int>.Read()), 1, 3, 4));

        var good = Check.Check(map, calls);
        var bad = Check.Check(map, broken);

        Assert.True(good.IsLinearizable);
        Assert.Equal(2, good.PartitionCount);
        Assert.True(bad.IsViolation);
        Assert.All(bad.Counterexample!, c => Assert.Equal("b", c.Op.Key));
    }

    [Fact]
    public void Check_BadHistory_IsRefusedNamingTheCall()
    {
        var backwards = new Calls<RegisterOp<int>, int>().Add(0, RegisterOp<int>.Read(), 0, 5, 4);
        var duplicateIds = new List<HistoryEntry<RegisterOp<int>, int>>
        {
            new(0, 0, RegisterOp<int>.Read(), 0, 1, 2),
            new(0, 1, RegisterOp<int>.Read(), 0, 3, 4),
        };

        Assert.Contains("returned at 4, before it was invoked at 5", Assert.Throws<ArgumentException>(() => Check.Check(_register, backwards)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Check.Check(_register, duplicateIds));
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Check(_register, backwards, TimeSpan.Zero));
    }

    [Fact]
    public void Check_EmptyHistory_IsLinearizable()
    {
        Assert.True(Check.Check(_register, new History<RegisterOp<int>, int>()).IsLinearizable);
    }

    /// <summary>A register spec without PendingResults (the default candidates apply).</summary>
    private sealed class BareRegister : ISequentialSpec<int, RegisterOp<int>, int>
    {
        public int Initial => 0;

        public (bool Legal, int Next) Step(int state, RegisterOp<int> op, int result) =>
            op.IsWrite ? (true, op.Value) : (result == state, state);
    }

    /// <summary>A map of independent registers: P-compositional by key.</summary>
    private sealed class KeyValueSpec : ISequentialSpec<int, (string Key, RegisterOp<int> Op), int>
    {
        private readonly RegisterSpec<int> _register = new(0);

        public int Initial => 0;

        public (bool Legal, int Next) Step(int state, (string Key, RegisterOp<int> Op) op, int result) => _register.Step(state, op.Op, result);

        public object? PartitionKey((string Key, RegisterOp<int> Op) op) => op.Key;
    }
}
