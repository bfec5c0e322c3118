using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>Queues under Coyote: producers and consumers on bounded queues, task_done/join, shutdown, timeouts, cancellation.</summary>
public sealed class QueueInterleavingTests
{
    public static TheoryData<string, SystematicStrategy> KindsAndStrategies => new()
    {
        { "fifo", SystematicStrategy.Random },
        { "fifo", SystematicStrategy.Prioritization },
        { "lifo", SystematicStrategy.Random },
        { "lifo", SystematicStrategy.Prioritization },
        { "priority", SystematicStrategy.Random },
        { "priority", SystematicStrategy.Prioritization },
    };

    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    private static BlockingQueue<int> Create(string kind, int maxSize) => kind switch
    {
        "fifo" => new FifoQueue<int>(maxSize),
        "lifo" => new LifoQueue<int>(maxSize),
        _ => new MinPriorityQueue<int>(maxSize),
    };

    [Theory]
    [MemberData(nameof(KindsAndStrategies))]
    public void ProducersAndConsumers_OnABoundedQueue_DeliverEveryItemOnce(string kind, SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            BlockingQueue<int> queue = Create(kind, maxSize: 1);
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

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Fifo_PreservesEachProducersOrder(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>(maxSize: 2);
            var seen = new List<int>();
            Run.Threads(
                () => { queue.Put(1); queue.Put(2); queue.Put(3); },
                () =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        seen.Add(queue.Get());
                    }
                });
            Assert.Equal([1, 2, 3], seen);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TaskDoneAndJoin_JoinReturnsOnlyAfterEveryItemIsDone(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>();
            int processed = 0;
            Run.Threads(
                () =>
                {
                    queue.Put(1);
                    queue.Put(2);
                    queue.Join();
                    Assert.Equal(2, Volatile.Read(ref processed));
                },
                () =>
                {
                    for (int i = 0; i < 2; i++)
                    {
                        queue.Get();
                        Interlocked.Increment(ref processed);
                        queue.TaskDone();
                    }
                });
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Shutdown_RacingWithBlockedCallers_WakesEveryoneAndLosesNothing(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>(maxSize: 1);
            int put = 0;
            int got = 0;
            Run.Threads(
                () => Try(() => { queue.Put(1); Interlocked.Increment(ref put); }),
                () => Try(() => { queue.Put(2); Interlocked.Increment(ref put); }),
                () => Try(() => { queue.Get(); Interlocked.Increment(ref got); }),
                () => queue.Shutdown());
            // Graceful shutdown: every item put is either taken or still queued; nobody hangs.
            Assert.Equal(put, got + queue.Count);
            Assert.True(queue.IsShutDown);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ImmediateShutdown_WakesJoin(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>();
            queue.Put(1);
            queue.Put(2);
            Run.Threads(() => queue.Join(), () => queue.Shutdown(immediate: true));
            Assert.Equal(0, queue.UnfinishedTasks);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TimedAndCancelledGets_NeverLoseOrDuplicateAnItem(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new FifoQueue<int>();
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

    [Theory]
    [MemberData(nameof(Strategies))]
    public void SimpleQueue_ConcurrentPutsAndGets_DeliverEveryItemOnce(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            var queue = new SimpleQueue<int>();
            var got = new List<int>();
            Run.Threads(
                () => queue.Put(1),
                () => queue.Put(2),
                () => got.Add(queue.Get()),
                () => got.Add(queue.Get()));
            Assert.Equal([1, 2], got.Order());
        }, Run.Options(strategy));

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (QueueShutDownException)
        {
        }
    }
}
