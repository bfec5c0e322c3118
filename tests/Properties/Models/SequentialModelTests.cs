using Weave.Harness;
using Weave.PropertiesTests.Specs;

namespace Weave.PropertiesTests.Models;

/// <summary>Each primitive, one thread, against its sequential spec (FsCheck generates and shrinks the operation lists).</summary>
public sealed class SequentialModelTests
{
    private const int Runs = 60;

    [Fact]
    public void FifoQueue_Unbounded_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(QueueSpecs.Fifo()), Runs);

    [Fact]
    public void FifoQueue_Bounded_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(QueueSpecs.Fifo(maxSize: 2)), Runs);

    [Fact]
    public void LifoQueue_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(QueueSpecs.Lifo(maxSize: 3)), Runs);

    [Fact]
    public void MinPriorityQueue_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(QueueSpecs.Priority()), Runs);

    [Fact]
    public void SimpleQueue_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(QueueSpecs.Simple()), Runs);

    [Fact]
    public void PrimitiveLock_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(LockSpecs.Primitive()), Runs);

    [Fact]
    public void ReentrantLock_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(LockSpecs.Reentrant()), Runs);

    [Fact]
    public void CountingSemaphore_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(LockSpecs.Semaphore(1)), Runs);

    [Fact]
    public void BoundedSemaphore_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(LockSpecs.Semaphore(2, bounded: true)), Runs);

    [Fact]
    public void Event_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(LockSpecs.Event()), Runs);

    [Fact]
    public void Future_FollowsTheModel() => Property.Check(Scenarios.SequentialProperty(FutureSpecs.Future()), Runs);

    [Fact]
    public void SequentialProperty_OnAQueueThatBreaksTheModel_FailsWithTheSteps()
    {
        // A LIFO queue described as FIFO: the property must fail and say which step broke the model.
        var wrong = new ConcurrentSpec<Weave.Primitives.BlockingQueue<int>, QueueModelState<int>, QueueOp<int>, QueueResult<int>>(
            () => new Weave.Primitives.LifoQueue<int>(), new QueueSpec<int>(), QueueSpecs.Ops(bounded: false, withShutdown: false), QueueSpecs.Apply);

        var e = Assert.ThrowsAny<Exception>(() => Property.Check(Scenarios.SequentialProperty(wrong), 200));

        Assert.Contains("Sequential run broke the model", e.Message, StringComparison.Ordinal);
        Assert.Contains("WEAVE_TEST_SEED=", e.Message, StringComparison.Ordinal);
    }
}
