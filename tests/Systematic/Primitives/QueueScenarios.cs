using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Queue scenarios run under Coyote on more than one queue (each engine, each kind): one body, several tests.</summary>
internal static class QueueScenarios
{
    /// <summary>Two producers and two consumers through a queue of maxsize 1: each item is taken exactly once.</summary>
    public static void ProducersAndConsumersDeliverEveryItemOnce(Func<BlockingQueue<int>> create, SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            BlockingQueue<int> queue = create();
            var consumed = new int[4];
            Run.Threads(
                () => { queue.Put(0); queue.Put(1); },
                () => { queue.Put(2); queue.Put(3); },
                () => { consumed[queue.Get()]++; consumed[queue.Get()]++; },
                () => { consumed[queue.Get()]++; consumed[queue.Get()]++; });
            Assert.Equal([1, 1, 1, 1], consumed);
            Assert.True(queue.IsEmpty);
            Assert.Equal(4, queue.UnfinishedTasks);
        }, Run.Options(strategy, iterations: 150));

    /// <summary>A timed get and a cancelled get racing two puts: every item is taken once, by a get or afterwards.</summary>
    public static void TimedAndCancelledGetsNeverLoseOrDuplicateAnItem(Func<BlockingQueue<int>> create, SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            BlockingQueue<int> queue = create();
            using var cts = new CancellationTokenSource();
            var taken = new List<int>();
            Run.Threads(
                () =>
                {
                    if (queue.TryGet(out int item, TimeSpan.FromSeconds(1)))
                    {
                        taken.Add(item);
                    }
                },
                () =>
                {
                    try
                    {
                        taken.Add(queue.Get(cts.Token));
                    }
                    catch (OperationCanceledException)
                    {
                    }
                },
                () => cts.Cancel(),
                () => { queue.Put(10); queue.Put(20); });
            while (queue.TryGet(out int rest))
            {
                taken.Add(rest);
            }

            Assert.Equal([10, 20], taken.Order());
        }, Run.Options(strategy));
}
