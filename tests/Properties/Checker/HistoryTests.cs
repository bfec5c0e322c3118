using Weave.Harness;

namespace Weave.PropertiesTests.Checker;

public sealed class HistoryTests
{
    [Fact]
    public void Invoke_FromManyThreads_RecordsEveryCallInOrderPerThread()
    {
        const int Threads = 4, CallsPerThread = 1_500; // 12,000 events: three storage segments.
        var history = new History<int, int>();
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            for (int i = 0; i < CallsPerThread; i++)
            {
                history.Invoke(t, i).Return(-i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var entries = history.Entries();

        Assert.Equal(Threads * CallsPerThread, entries.Count);
        Assert.Equal(Enumerable.Range(0, entries.Count), entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.False(e.IsPending));
        foreach (var perThread in entries.GroupBy(e => e.Thread))
        {
            var calls = perThread.ToList();
            Assert.Equal(Enumerable.Range(0, CallsPerThread), calls.Select(c => c.Op));
            Assert.All(calls, c => Assert.Equal(-c.Op, c.Result));
            Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.First.Returned < pair.Second.Invoked));
        }
    }

    [Fact]
    public void Entries_IsASnapshot_CallsReturningLaterStayPendingInIt()
    {
        var history = new History<string, int>();
        var call = history.Invoke(0, "op");

        var before = history.Entries();
        call.Return(1);
        var after = history.Entries();

        Assert.True(Assert.Single(before).IsPending);
        Assert.Equal(1, Assert.Single(after).Result);
        Assert.True(after[0].Returned > after[0].Invoked);
    }

    [Fact]
    public void Invoke_WithoutAThreadNumber_UsesTheManagedThreadId()
    {
        var history = new History<string, int>();

        history.Invoke("op").Return(0);

        Assert.Equal(Environment.CurrentManagedThreadId, history.Entries()[0].Thread);
    }

    [Fact]
    public void Return_Twice_Throws()
    {
        var call = new History<string, int>().Invoke(0, "op");
        call.Return(1);

        Assert.Throws<InvalidOperationException>(() => call.Return(2));
    }

    [Fact]
    public void Return_OnADefaultCall_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => default(HistoryCall<string, int>).Return(1));
    }

    [Fact]
    public void Invoke_NegativeThread_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new History<string, int>().Invoke(-1, "op"));
        Assert.Equal("thread", e.ParamName);
    }
}
