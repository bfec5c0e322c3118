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
        QueueScenarios.ProducersAndConsumersDeliverEveryItemOnce(() => Create(kind, maxSize: 1), strategy);

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
        QueueScenarios.TimedAndCancelledGetsNeverLoseOrDuplicateAnItem(() => new FifoQueue<int>(), strategy);

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
