using Weave.Harness;
using Weave.Primitives;

namespace Weave.SystematicTests;

/// <summary>
/// FifoQueue's lock-free engine under Coyote. A queue created under the scheduler runs the locked twin, so these
/// tests ask for the lock-free engine explicitly: every interlocked and volatile access of its put, get, task
/// accounting and shutdown is a scheduling point here, so the races between its counters, the storage and the
/// waiter registrations (Dekker's argument in LockFreeFifo) are explored, not assumed.
/// </summary>
public sealed class LockFreeFifoInterleavingTests
{
    public static TheoryData<SystematicStrategy> Strategies => [SystematicStrategy.Random, SystematicStrategy.Prioritization];

    private static FifoQueue<int> Create(int maxSize = 0)
    {
        var queue = new FifoQueue<int>(maxSize, QueueEngine.LockFree);
        Assert.True(queue.IsLockFree);
        return queue;
    }

    [Fact]
    public void QueueCreatedUnderTheScheduler_RunsTheLockedTwin() =>
        Systematic.Check(() => Assert.False(new FifoQueue<int>(1).IsLockFree), Run.Options(iterations: 1));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ProducersAndConsumers_OnABoundedQueue_DeliverEveryItemOnce(SystematicStrategy strategy) =>
        QueueScenarios.ProducersAndConsumersDeliverEveryItemOnce(() => Create(maxSize: 1), strategy);

    [Theory]
    [MemberData(nameof(Strategies))]
    public void OneProducerOneConsumer_KeepOrder_AndNeverExceedMaxSize(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create(maxSize: 2);
            var seen = new List<int>();
            int maxSeen = 0;
            Run.Threads(
                () =>
                {
                    for (int i = 1; i <= 4; i++)
                    {
                        queue.Put(i);
                        maxSeen = Math.Max(maxSeen, queue.Count);
                    }
                },
                () =>
                {
                    for (int i = 0; i < 4; i++)
                    {
                        seen.Add(queue.Get());
                    }
                });
            Assert.Equal([1, 2, 3, 4], seen);
            Assert.InRange(maxSeen, 0, 2); // Never above maxsize, seen by the producer after each put.
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TaskDoneAndJoin_JoinReturnsOnlyAfterEveryItemIsDone(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create();
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
            Assert.Throws<InvalidOperationException>(queue.TaskDone);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Shutdown_RacingWithBlockedCallers_WakesEveryoneAndLosesNothing(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create(maxSize: 1);
            int put = 0;
            int got = 0;
            Run.Threads(
                () => Try(() => { queue.Put(1); Interlocked.Increment(ref put); }),
                () => Try(() => { queue.Put(2); Interlocked.Increment(ref put); }),
                () => Try(() => { queue.Get(); Interlocked.Increment(ref got); }),
                () => queue.Shutdown());
            Assert.Equal(put, got + queue.Count);
            Assert.Equal(put, queue.UnfinishedTasks);
            Assert.True(queue.IsShutDown);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ImmediateShutdown_RacingAPutAndAJoin_DiscardsEveryAcceptedItem(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create();
            queue.Put(1);
            bool accepted = false;
            Run.Threads(
                () => Try(() => { queue.Put(2); accepted = true; }),
                () => queue.Join(),
                () => queue.Shutdown(immediate: true));

            // A put accepted before the shutdown was stored, then discarded with its task: none is left half-done.
            Assert.Equal(0, queue.Count);
            Assert.Equal(0, queue.UnfinishedTasks);
            Assert.Throws<QueueShutDownException>(() => queue.GetNoWait());
            Assert.Throws<QueueShutDownException>(() => queue.Put(3));
            _ = accepted;
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void RaisingMaxSize_WakesEveryBlockedPutter(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create(maxSize: 1);
            queue.Put(0);
            Run.Threads(
                () => queue.Put(1),
                () => queue.Put(2),
                () => queue.MaxSize = 3);
            Assert.Equal(3, queue.Count);
            Assert.True(queue.IsFull);
        }, Run.Options(strategy));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TimedAndCancelledGets_NeverLoseOrDuplicateAnItem(SystematicStrategy strategy) =>
        QueueScenarios.TimedAndCancelledGetsNeverLoseOrDuplicateAnItem(() => Create(), strategy);

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TimedPutsOnAFullQueue_EitherPutOrHaveNoEffect(SystematicStrategy strategy) =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create(maxSize: 1);
            queue.Put(0);
            bool put = false;
            var got = new List<int>();
            Run.Threads(
                () => put = queue.TryPut(1, TimeSpan.FromSeconds(1)),
                () => got.Add(queue.Get()));
            while (queue.TryGet(out int rest))
            {
                got.Add(rest);
            }

            Assert.Equal(put ? [0, 1] : [0], got);
            Assert.Equal(put ? 2 : 1, queue.UnfinishedTasks);
        }, Run.Options(strategy));

    [Fact]
    public void AnInterruptedPut_HasNoEffect() =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create(maxSize: 1);
            queue.Put(0);
            bool put = false;
            int first = -1;
            Run.Threads(
                () => Interruptible(() => { queue.Put(1); put = true; }), // Blocks until the getter makes room.
                () => first = UntilNotInterrupted(queue.Get));
            Assert.Equal(0, first);
            Assert.Equal(put ? 1 : 0, queue.Count);
            Assert.Equal(put ? 2 : 1, queue.UnfinishedTasks);
        }, Run.Options(iterations: 300) with { ExploreInterrupts = true, ExploreTimeouts = false });

    [Fact]
    public void AnInterruptedGet_TakesNothing() =>
        Systematic.Check(() =>
        {
            FifoQueue<int> queue = Create();
            int got = 0;
            Run.Threads(
                () => { queue.Put(1); queue.Put(2); },
                () => Interruptible(() => { queue.Get(); Interlocked.Increment(ref got); }),
                () => Interruptible(() => { queue.Get(); Interlocked.Increment(ref got); }));
            Assert.Equal(2, got + queue.Count);
            Assert.Equal(2, queue.UnfinishedTasks);
        }, Run.Options(iterations: 300) with { ExploreInterrupts = true, ExploreTimeouts = false });

    private static T UntilNotInterrupted<T>(Func<T> body)
    {
        while (true)
        {
            try
            {
                return body();
            }
            catch (ThreadInterruptedException)
            {
            }
        }
    }

    // A caller that may be interrupted while it waits (ExploreInterrupts): then its operation had no effect.
    private static void Interruptible(Action body)
    {
        try
        {
            body();
        }
        catch (ThreadInterruptedException)
        {
        }
    }

    private static void Try(Action body)
    {
        try
        {
            body();
        }
        catch (QueueShutDownException)
        {
        }
    }
}
