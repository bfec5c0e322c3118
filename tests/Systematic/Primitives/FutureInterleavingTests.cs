using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Futures and ThreadPoolExecutor under Coyote.</summary>
public sealed class FutureInterleavingTests
{
    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CompletionRacingCancel_ExactlyOneOutcomeWins(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var future = new Future<int>();
            bool cancelled = false;
            bool ran = false;
            int callbacks = 0;
            future.AddDoneCallback(_ => Interlocked.Increment(ref callbacks));
            Run.Threads(
                () => cancelled = future.Cancel(),
                () =>
                {
                    if (future.SetRunningOrNotifyCancel())
                    {
                        ran = true;
                        future.SetResult(1);
                    }
                });
            Assert.True(cancelled != ran, $"cancelled={cancelled}, ran={ran}");
            Assert.Equal(cancelled ? FutureState.Cancelled : FutureState.Finished, future.State);
            Assert.Equal(1, callbacks);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CallbackAddedWhileCompleting_RunsExactlyOnce(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var future = new Future<int>();
            int calls = 0;
            Run.Threads(
                () => future.AddDoneCallback(_ => Interlocked.Increment(ref calls)),
                () => future.SetResult(1));
            Assert.Equal(1, calls);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Wait_RacingWithCompletions_ReturnsTheRightSets(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var a = new Future<int>();
            var b = new Future<int>();
            WaitResult? all = null;
            WaitResult? first = null;
            Run.Threads(
                () => all = Futures.Wait([a, b]),
                () => first = Futures.Wait([a, b], returnWhen: ReturnWhen.FirstCompleted),
                () => a.SetResult(1),
                () => b.Cancel());
            Assert.Equal(2, all!.Done.Count);
            Assert.NotEmpty(first!.Done);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void AsCompleted_RacingWithCompletions_YieldsEachFutureOnce(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var futures = new[] { new Future<int>(), new Future<int>(), new Future<int>() };
            futures[0].SetResult(0);
            var seen = new List<int>();
            Run.Threads(
                () => seen.AddRange(Futures.AsCompleted(futures).Select(f => f.Result())),
                () => futures[1].SetResult(1),
                () => futures[2].SetResult(2));
            Assert.Equal([0, 1, 2], seen.Order());
            Assert.Equal(0, seen[0]); // The one already done comes first.
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void AsCompleted_WithATimeout_EitherYieldsOrReportsTheUnfinished(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var future = new Future<int>();
            int yielded = 0;
            string? timeout = null;
            Run.Threads(
                () =>
                {
                    try
                    {
                        yielded = Futures.AsCompleted([future], TimeSpan.FromSeconds(1)).Count();
                    }
                    catch (TimeoutException e)
                    {
                        timeout = e.Message;
                    }
                },
                () => future.SetResult(1));
            Assert.True(yielded == 1 || timeout == "1 (of 1) futures unfinished", $"yielded {yielded}, timeout '{timeout}'");
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Executor_ShutdownRacingWithSubmit_EverySubmittedFutureCompletes(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var executor = new ThreadPoolExecutor(2);
            var futures = new List<Future<int>>();
            int refused = 0;
            Run.Threads(
                () =>
                {
                    for (int i = 0; i < 2; i++)
                    {
                        try
                        {
                            Future<int> f = executor.Submit(() => 1);
                            lock (futures)
                            {
                                futures.Add(f);
                            }
                        }
                        catch (InvalidOperationException)
                        {
                            Interlocked.Increment(ref refused);
                        }
                    }
                },
                () => executor.Shutdown(wait: true));
            executor.Shutdown(wait: true);
            Assert.Equal(2, futures.Count + refused);
            Assert.All(futures, f => Assert.Equal(1, f.Result()));
        }, Run.Options(strategy, iterations: 150));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Executor_MapWithTimeout_YieldsInOrderOrTimesOutAndCancelsTheRest(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var executor = new ThreadPoolExecutor(2);
            var results = new List<int>();
            IEnumerable<int> mapped = executor.Map(x => x * 10, [1, 2, 3], TimeSpan.FromSeconds(1));
            try
            {
                results.AddRange(mapped);
                Assert.Equal([10, 20, 30], results);
            }
            catch (TimeoutException)
            {
                Assert.Equal(new[] { 10, 20, 30 }[..results.Count], results); // The prefix that arrived, in order.
            }

            executor.Shutdown(wait: true);
        }, Run.Options(strategy, iterations: 150));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Executor_MapRacingShutdownCancellingFutures_YieldsAPrefixThenCancellation(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var executor = new ThreadPoolExecutor(2);
            IEnumerable<int> mapped = executor.Map(x => x * 10, [1, 2, 3, 4]);
            executor.Shutdown(wait: false, cancelFutures: true);
            var results = new List<int>();
            try
            {
                results.AddRange(mapped);
            }
            catch (OperationCanceledException)
            {
                // The calls not started when the shutdown came were cancelled.
            }

            executor.Shutdown(wait: true);
            Assert.Equal(new[] { 10, 20, 30, 40 }[..results.Count], results); // Every result that came is right, in order.
        }, Run.Options(strategy, iterations: 150));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Executor_CancelFuturesRacingWithWorkers_EachFutureEndsDone(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var executor = new ThreadPoolExecutor(1);
            var futures = new[] { executor.Submit(() => 1), executor.Submit(() => 2) };
            executor.Shutdown(wait: true, cancelFutures: true);
            Assert.All(futures, f => Assert.True(f.IsDone));
            Assert.All(futures.Where(f => !f.IsCancelled), f => Assert.InRange(f.Result(), 1, 2));
        }, Run.Options(strategy, iterations: 150));
}
