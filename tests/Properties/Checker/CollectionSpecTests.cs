using Weave.Harness;
using Check = Weave.Harness.Linearizability;

namespace Weave.PropertiesTests.Checker;

/// <summary>The register/key-value, set and stack models on small histories whose verdict is known.</summary>
public sealed class CollectionSpecTests
{
    [Fact]
    public void Register_CasAgainstAbsentValue_AndAStaleReadAfterIt()
    {
        var ok = new Calls<KvOp, KvResult>()
            .Add(0, KvOp.Cas(null, "1"), KvResult.Done, 1, 2)
            .Add(1, KvOp.Cas(null, "2"), KvResult.Failed, 3, 4)
            .Add(1, KvOp.Read(), KvResult.Of("1"), 5, 6);
        var stale = new Calls<KvOp, KvResult>()
            .Add(0, KvOp.Write("1"), KvResult.Done, 1, 2)
            .Add(1, KvOp.Read(), KvResult.Of(null), 3, 4);

        Assert.True(Check.Check(new KeyValueSpec(), ok).IsLinearizable);
        Assert.True(Check.Check(new KeyValueSpec(), stale).IsViolation);
    }

    [Fact]
    public void KeyValue_KeysArePartitions_AppendsConcatenate()
    {
        var calls = new Calls<KvOp, KvResult>()
            .Add(0, KvOp.Append("x", "a"), KvResult.Done, 1, 2)
            .Add(1, KvOp.Append("y", "a"), KvResult.Done, 3, 4)
            .Add(2, KvOp.Write("1", "b"), KvResult.Done, 1, 4)
            .Add(0, KvOp.Read("a"), KvResult.Of("xy"), 5, 6)
            .Add(1, KvOp.Read("b"), KvResult.Of("1"), 5, 6);

        var result = Check.Check(new KeyValueSpec(), calls);

        Assert.True(result.IsLinearizable);
        Assert.Equal(2, result.PartitionCount);
        Assert.All(result.Partitions, p => Assert.Equal("linearizable", p.Verdict));
    }

    [Fact]
    public void Set_ReadMustSeeEveryAcknowledgedAdd()
    {
        var lost = new Calls<CollectionOp, CollectionResult>()
            .Add(0, new(CollectionOpKind.Add, "1"), new(), 1, 2)
            .Add(1, new(CollectionOpKind.Add, "2"), new(), 1, 3)
            .Add(2, new(CollectionOpKind.Read), new(Values: ["1"]), 4, 5);
        var seen = new Calls<CollectionOp, CollectionResult>()
            .Add(0, new(CollectionOpKind.Add, "1"), new(), 1, 2)
            .Add(1, new(CollectionOpKind.Add, "2"), new(), 1, 3)
            .Add(2, new(CollectionOpKind.Read), new(Values: ["2", "1"]), 4, 5);

        Assert.True(Check.Check(new SetSpec(), lost).IsViolation);
        Assert.True(Check.Check(new SetSpec(), seen).IsLinearizable);
    }

    [Fact]
    public void Stack_PopsInLifoOrder()
    {
        var fifo = new Calls<CollectionOp, CollectionResult>()
            .Add(0, new(CollectionOpKind.Push, "1"), new(), 1, 2)
            .Add(0, new(CollectionOpKind.Push, "2"), new(), 3, 4)
            .Add(1, new(CollectionOpKind.Pop), new(Value: "1"), 5, 6);
        var empty = new Calls<CollectionOp, CollectionResult>()
            .Add(1, new(CollectionOpKind.Pop), new(Ok: false), 1, 2)
            .Add(0, new(CollectionOpKind.Push, "1"), new(), 3, 4)
            .Add(1, new(CollectionOpKind.Size), new(Count: 1), 5, 6);

        Assert.True(Check.Check(new StackSpec(), fifo).IsViolation);
        Assert.True(Check.Check(new StackSpec(), empty).IsLinearizable);
    }
}
