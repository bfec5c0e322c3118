namespace Weave.Primitives.Tests;

public sealed class LifoQueueTests : BlockingQueueContractTests
{
    protected override BlockingQueue<int> CreateQueue(int maxSize = 0) => new LifoQueue<int>(maxSize);

    protected override int[] ExpectedOrderOf111_333_222 => [222, 333, 111];
}
