using Weave.Harness;
using Weave.PropertiesTests.Specs;

namespace Weave.PropertiesTests.Concurrent;

/// <summary>Generated scenarios on real threads, every round's history checked for linearizability.</summary>
public sealed class StressScenarioTests
{
    private static StressOptions Options => new()
    {
        Rounds = 60,
        RoundsPerScenario = 5,
        Threads = 3,
        OpsPerThread = 4,
        Seed = Property.Seed(),
        RoundTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void FifoQueue_Bounded_IsLinearizable() => Stress.Check(QueueSpecs.Fifo(maxSize: 2), Options);

    [Fact]
    public void FifoQueue_Unbounded_IsLinearizable() => Stress.Check(QueueSpecs.Fifo(), Options);

    [Fact]
    public void LifoQueue_IsLinearizable() => Stress.Check(QueueSpecs.Lifo(maxSize: 2), Options);

    [Fact]
    public void MinPriorityQueue_IsLinearizable() => Stress.Check(QueueSpecs.Priority(), Options);

    [Fact]
    public void SimpleQueue_IsLinearizable() => Stress.Check(QueueSpecs.Simple(), Options);

    [Fact]
    public void PrimitiveLock_IsLinearizable() => Stress.Check(LockSpecs.Primitive(), Options);

    [Fact]
    public void ReentrantLock_IsLinearizable() => Stress.Check(LockSpecs.Reentrant(), Options);

    [Fact]
    public void CountingSemaphore_IsLinearizable() => Stress.Check(LockSpecs.Semaphore(1), Options);

    [Fact]
    public void BoundedSemaphore_IsLinearizable() => Stress.Check(LockSpecs.Semaphore(2, bounded: true), Options);

    [Fact]
    public void Event_IsLinearizable() => Stress.Check(LockSpecs.Event(), Options);

    [Fact]
    public void Future_IsLinearizable() => Stress.Check(FutureSpecs.Future(), Options);

    [Fact]
    public void StressProperty_FifoQueue_Holds() =>
        Property.Check(Weave.Harness.Scenarios.StressProperty(QueueSpecs.Fifo(maxSize: 2), Options with { RoundsPerScenario = 3 }), maxTest: 15);

    [Fact]
    public void Run_SkippingCounter_FindsShrinksAndReportsTheViolation()
    {
        // A bug every interleaving shows, and a fixed seed: the outcome does not depend on real threads' timing.
        var report = Stress.Run(SkippingCounter.Spec(), Options with { Rounds = 40, Threads = 3, OpsPerThread = 4, Seed = 42 });

        Assert.True(report.ViolationFound, report.Message);
        var result = Assert.IsType<LinearizabilityResult<CounterOp, int>>(report.Result);
        Assert.True(result.IsViolation);
        Assert.True(report.Scenario!.Length <= report.OriginalScenario!.Length, "Shrinking never grows the scenario.");
        Assert.Contains("Increment", report.Scenario, StringComparison.Ordinal);
        Assert.Contains("WEAVE_STRESS_SEED=", report.Message, StringComparison.Ordinal);
        Assert.Contains("| T", report.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(report.HtmlFile), report.HtmlFile);
    }

    [Fact]
    public void Check_SkippingCounter_ThrowsWithTheTable()
    {
        var e = Assert.Throws<LinearizabilityViolationException>(() => Stress.Check(SkippingCounter.Spec(), Options with { Rounds = 40, Seed = 42 }));

        Assert.Contains("Not linearizable", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Result);
        Assert.NotNull(e.Scenario);
    }

    [Fact]
    public void Gen_SameSeed_GeneratesTheSameScenarios_AndStressReportsItsSeed()
    {
        var gen = Weave.Harness.Scenarios.Gen(QueueSpecs.Fifo(), threads: 3, opsPerThread: 4);
        string Sample() => string.Join("; ", FsCheck.Fluent.Gen.Sample(gen, 4, new FsCheck.Rnd(42), 5).Select(s => s.ToString()));

        var report = Stress.Run(QueueSpecs.Fifo(), Options with { Rounds = 2, Seed = 42 });

        Assert.Equal(Sample(), Sample());
        Assert.Equal(42UL, report.Seed);
        Assert.Contains("seed 42", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ApplyThatThrows_FailsNamingTheSpec()
    {
        var spec = new ConcurrentSpec<object, int, RegisterOp<int>, int>(
            () => new object(), new RegisterSpec<int>(0), FsCheck.Fluent.Gen.Constant(RegisterOp<int>.Read()), (_, _) => throw new FormatException("boom"));

        var e = Assert.Throws<InvalidOperationException>(() => Stress.Run(spec, Options with { Rounds = 1 }));

        Assert.Contains("Apply threw FormatException: boom", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Invalid_AreRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Stress.Run(RacyCounter.Spec(), Options with { Threads = 0 }));
        Assert.Equal("Threads", e.ParamName);
    }
}
