namespace Weave.Primitives.Tests;

/// <summary>
/// The whole queue contract on FifoQueue's locked twin: what a FifoQueue created under the systematic scheduler (or a
/// subclass) runs on, so real threads check it too, not only the lock-free engine an exact FifoQueue gets.
/// </summary>
public sealed class LockedFifoQueueTests : BlockingQueueContractTests
{
    protected override BlockingQueue<int> CreateQueue(int maxSize = 0) => new FifoQueue<int>(maxSize, QueueEngine.Locked);

    protected override int[] ExpectedOrderOf111_333_222 => [111, 333, 222];

    [Fact]
    public void Constructor_WithTheLockedEngine_IsNotLockFree() =>
        Assert.False(new FifoQueue<int>(1, QueueEngine.Locked).IsLockFree);
}
