using Weave.Harness;
using Check = Weave.Harness.Linearizability;
using Q = Weave.Harness.QueueOp<int>;
using R = Weave.Harness.QueueResult<int>;

namespace Weave.PropertiesTests.Checker;

/// <summary>
/// Calls that ended by an interrupt or a cancellation: by contract they had no effect, and the checker holds
/// them to it (the history must be linearizable without them).
/// </summary>
public sealed class FaultedCallTests(ITestOutputHelper output)
{
    private readonly QueueSpec<int> _queue = new();

    [Fact]
    public void Check_InterruptedPutWhoseItemNeverAppears_IsLinearizable()
    {
        var calls = new Calls<Q, R>()
            .Faulted(0, Q.Put(1), "interrupted", 1, 2)
            .Add(1, Q.Size(), R.Sized(0), 3, 4);

        var result = Check.Check(_queue, calls);

        Assert.True(result.IsLinearizable, result.ToText());
        Assert.DoesNotContain(result.Order, c => c.IsFaulted);
    }

    [Fact]
    public void Check_InterruptedPutWhoseItemCameOut_IsAViolationShowingTheFault()
    {
        var calls = new Calls<Q, R>()
            .Faulted(0, Q.Put(1), "interrupted", 1, 2)
            .Add(1, Q.Get(), R.Got(1), 3, 4);

        var result = Check.Check(_queue, calls);

        Assert.True(result.IsViolation);
        Assert.Equal(1, result.FailingCall!.Id);
        Assert.Contains(result.Counterexample!, c => c.IsFaulted); // Shown, though it took no part in the search.
        Assert.Contains("Put(1) -> interrupted (no effect)", result.ToText(), StringComparison.Ordinal);
        output.WriteLine(result.ToText());
    }

    [Fact]
    public void Check_CancelledGetThatTookTheItem_IsAViolation()
    {
        var calls = new Calls<Q, R>()
            .Add(0, Q.Put(1), R.Ok, 1, 2)
            .Faulted(1, Q.Get(), "cancelled", 3, 4)
            .Add(0, Q.Size(), R.Sized(0), 5, 6);

        Assert.True(Check.Check(_queue, calls).IsViolation);
    }

    [Fact]
    public void Check_FaultedCallThatNeverReturned_IsRefusedNamingIt()
    {
        var calls = new List<HistoryEntry<Q, R>> { new(0, 0, Q.Put(1), default, 1, null) { Fault = "interrupted" } };

        var error = Assert.Throws<ArgumentException>(() => Check.Check(_queue, calls));

        Assert.Contains("Call 0 (Put(1)) is marked 'interrupted' but never returned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryCall_ReturnNoEffect_RecordsTheFault()
    {
        var history = new History<Q, R>();
        history.Invoke(0, Q.Put(1)).ReturnNoEffect("cancelled");
        history.Invoke(0, Q.Size()).Return(R.Sized(0));

        var entries = history.Entries();

        Assert.Equal("cancelled", entries[0].Fault);
        Assert.False(entries[0].IsPending);
        Assert.Null(entries[1].Fault);
        Assert.True(Check.Check(_queue, history).IsLinearizable);
        Assert.Throws<ArgumentException>(() => history.Invoke(0, Q.Put(2)).ReturnNoEffect(" "));
    }

    [Fact]
    public void HistoryJson_KeepsTheFault()
    {
        var calls = new Calls<Q, R>().Faulted(0, Q.Put(1), "interrupted", 1, 2);

        var read = HistoryJson.Deserialize<Q, R>(HistoryJson.Serialize<Q, R>(calls));

        Assert.Equal("interrupted", read[0].Fault);
    }
}
