using System.Collections.Concurrent;

namespace Weave.Primitives.Tests;

public sealed class FuturesTests
{
    private static Future<int> Done(int value)
    {
        var future = new Future<int>();
        future.SetResult(value);
        return future;
    }

    private static Future<int> Failed()
    {
        var future = new Future<int>();
        future.SetException(new FormatException());
        return future;
    }

    [Fact]
    public void Wait_AllCompleted_ReturnsWhenEveryFutureIsDone()
    {
        var pending = new Future<int>();
        Future<int> done = Done(1);
        WaitResult? result = null;
        var waiting = new Bunch(1, _ => result = Futures.Wait([done, pending]));
        Eventually.True(() => waiting.Threads[0].ThreadState.HasFlag(ThreadState.WaitSleepJoin), "Wait blocks");
        Assert.Null(result);
        pending.SetResult(2);
        waiting.WaitForFinished();
        (IReadOnlySet<Future> doneSet, IReadOnlySet<Future> notDone) = result!;
        Assert.Equal(2, doneSet.Count);
        Assert.Empty(notDone);
    }

    [Fact]
    public void Wait_FirstCompleted_CountsFuturesAlreadyDone()
    {
        Future<int> done = Done(1);
        var pending = new Future<int>();
        (IReadOnlySet<Future> doneSet, IReadOnlySet<Future> notDone) = Futures.Wait([pending, done], TimeSpan.FromSeconds(30), ReturnWhen.FirstCompleted);
        Assert.Equal([done], doneSet);
        Assert.Equal([pending], notDone);
    }

    [Fact]
    public void Wait_FirstCompleted_ReturnsWhenOneFinishes()
    {
        var a = new Future<int>();
        var b = new Future<int>();
        WaitResult? result = null;
        var waiting = new Bunch(1, _ => result = Futures.Wait([a, b], returnWhen: ReturnWhen.FirstCompleted));
        Eventually.True(() => waiting.Threads[0].ThreadState.HasFlag(ThreadState.WaitSleepJoin), "Wait blocks");
        b.SetResult(2);
        waiting.WaitForFinished();
        Assert.Equal([b], result!.Done);
        Assert.Equal([a], result.NotDone);
    }

    [Fact]
    public void Wait_FirstException_ReturnsAtTheFirstFailure_AndCancellationIsNotAnException()
    {
        var cancelled = new Future<int>();
        cancelled.Cancel();
        var pending = new Future<int>();
        Future<int> failed = Failed();
        WaitResult result = Futures.Wait([cancelled, pending, failed], TimeSpan.FromSeconds(30), ReturnWhen.FirstException);
        Assert.Contains(failed, result.Done);
        Assert.Contains(cancelled, result.Done);
        Assert.Equal([pending], result.NotDone);

        // Without any exception it behaves like AllCompleted: here it times out with the partial sets.
        WaitResult noFailure = Futures.Wait([cancelled, pending], TimeSpan.FromMilliseconds(50), ReturnWhen.FirstException);
        Assert.Equal([pending], noFailure.NotDone);
    }

    [Fact]
    public void Wait_OnTimeout_ReturnsThePartialSetsWithoutThrowing()
    {
        Future<int> done = Done(1);
        var pending = new Future<int>();
        WaitResult result = null!;
        TimeSpan elapsed = Timing.Measure(() => result = Futures.Wait([done, pending], TimeSpan.FromMilliseconds(100)));
        Timing.AssertAbout(TimeSpan.FromMilliseconds(100), elapsed);
        Assert.Equal([done], result.Done);
        Assert.Equal([pending], result.NotDone);
    }

    [Fact]
    public void Wait_RemovesDuplicates()
    {
        Future<int> done = Done(1);
        WaitResult result = Futures.Wait([done, done, done]);
        Assert.Single(result.Done);
    }

    [Fact]
    public void Wait_CancelledFuture_CountsAsDone()
    {
        // CPython puts a cancelled, never-notified future in not_done and can hang on it (gh-92001);
        // here a cancelled future is done, as IsDone says.
        var cancelled = new Future<int>();
        cancelled.Cancel();
        WaitResult result = Futures.Wait([cancelled], TimeSpan.FromSeconds(30));
        Assert.Equal([cancelled], result.Done);
    }

    [Fact]
    public void Wait_WithBadArguments_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Futures.Wait(null!));
        Assert.Throws<ArgumentException>(() => Futures.Wait([Done(1), null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Futures.Wait([Done(1)], returnWhen: (ReturnWhen)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => Futures.Wait([Done(1)], TimeSpan.FromSeconds(-2)));
        Assert.Empty(Futures.Wait([]).Done);
    }

    [Fact]
    public void Wait_HundredsOfFuturesCompletingAtOnce_LosesNoWakeUp()
    {
        // bpo-14406: wait(ALL_COMPLETED) could hang when many futures completed together.
        for (int run = 0; run < 5; run++)
        {
            var futures = Enumerable.Range(0, 200).Select(_ => new Future<int>()).ToList();
            var start = new Event();
            var completers = new Bunch(4, t =>
            {
                start.Wait();
                for (int i = t; i < futures.Count; i += 4)
                {
                    futures[i].SetResult(i);
                }
            });
            WaitResult? result = null;
            var waiting = new Bunch(1, _ => result = Futures.Wait(futures));
            start.Set();
            completers.WaitForFinished();
            waiting.WaitForFinished();
            Assert.Equal(200, result!.Done.Count);
        }
    }

    [Fact]
    public void AsCompleted_YieldsDoneFuturesFirst_ThenTheOthersAsTheyFinish_EachOnce()
    {
        Future<int> done = Done(0);
        var first = new Future<int>();
        var second = new Future<int>();
        var order = new BlockingCollection<Future<int>>();
        var reader = new Bunch(1, _ =>
        {
            foreach (Future<int> f in Futures.AsCompleted([second, done, first, done]))
            {
                order.Add(f);
            }
        });
        Assert.Same(done, order.Take());
        first.SetResult(1);
        Assert.Same(first, order.Take());
        second.SetResult(2);
        Assert.Same(second, order.Take());
        reader.WaitForFinished();
        Assert.Empty(order);
    }

    [Fact]
    public void AsCompleted_PastTheDeadline_ThrowsSayingHowManyAreUnfinished()
    {
        var futures = new List<Future<int>> { Done(1), Done(2), new(), new() };
        var seen = new List<Future<int>>();
        var error = Assert.Throws<TimeoutException>(() =>
        {
            foreach (Future<int> f in Futures.AsCompleted(futures, TimeSpan.FromMilliseconds(100)))
            {
                seen.Add(f);
            }
        });
        Assert.Equal("2 (of 4) futures unfinished", error.Message);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void AsCompleted_TimeoutIsOneDeadlineFromTheCall()
    {
        var pending = new Future<int>();
        IEnumerable<Future<int>> iteration = Futures.AsCompleted([pending], TimeSpan.FromMilliseconds(100));
        var deadlinePassed = System.Diagnostics.Stopwatch.StartNew();
        Eventually.True(() => deadlinePassed.Elapsed > TimeSpan.FromMilliseconds(150), "the deadline has passed on the clock");
        TimeSpan elapsed = Timing.Measure(() => Assert.Throws<TimeoutException>(() => iteration.First()));
        Timing.AssertImmediate(elapsed);
    }

    [Fact]
    public void AsCompleted_GenericOverload_KeepsTheResultType()
    {
        var results = Futures.AsCompleted([Done(3), Done(4)]).Select(f => f.Result()).Order().ToList();
        Assert.Equal([3, 4], results);
        Assert.Throws<ArgumentNullException>(() => Futures.AsCompleted((IEnumerable<Future>)null!));
    }

    [Fact]
    public void Wait_ManyWaitersOnTheSameFutures_AllWake()
    {
        var future = new Future<int>();
        var results = new ConcurrentBag<int>();
        var waiters = new Bunch(5, _ => results.Add(Futures.Wait([future]).Done.Count));
        Eventually.True(() => waiters.Threads.All(t => t.ThreadState.HasFlag(ThreadState.WaitSleepJoin)), "the waiters block");
        future.SetResult(1);
        waiters.WaitForFinished();
        Assert.Equal([1, 1, 1, 1, 1], results);
    }
}
