using FsCheck;
using Weave.Harness;
using Weave.PropertiesTests.Specs;

namespace Weave.PropertiesTests.Concurrent;

/// <summary>
/// Generated scenarios with faults: calls interrupted or cancelled (by Coyote's choices, or by the real-thread
/// injector) are recorded as having had no effect, and Weave's primitives must keep that promise in every
/// history. (That the same machinery convicts a primitive that breaks it is shown by the seeded fault bugs in
/// tests/Systematic.)
/// </summary>
public sealed class FaultScenarioTests(ITestOutputHelper output)
{
    private static SystematicOptions Options => new()
    {
        Iterations = 60, Seed = 20261125, ExploreInterrupts = true, ExploreCancellation = true, FaultsPerIteration = 2,
    };

    private static StressOptions StressOptions => new()
    {
        Rounds = 60, RoundsPerScenario = 5, Threads = 3, OpsPerThread = 4, Seed = 20261125,
        InterruptRate = 0.25, CancellationRate = 0.25, RoundTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void FifoQueue_WithInterruptsAndCancellations_IsLinearizableInEveryInterleaving() => ExploreSome(FaultSpecs.Fifo(maxSize: 1));

    [Fact]
    public void CountingSemaphore_WithInterruptsAndCancellations_IsLinearizableInEveryInterleaving() => ExploreSome(FaultSpecs.Semaphore(0));

    [Fact]
    public void FifoQueue_UnderInjectedFaultsOnRealThreads_IsLinearizable()
    {
        var report = Stress.Check(FaultSpecs.Fifo(maxSize: 2), StressOptions);
        output.WriteLine($"{report.Message} Faults delivered: {report.FaultsInjected}.");
    }

    [Fact]
    public void CountingSemaphore_UnderInjectedFaultsOnRealThreads_IsLinearizable()
    {
        var report = Stress.Check(FaultSpecs.Semaphore(1), StressOptions);
        output.WriteLine($"{report.Message} Faults delivered: {report.FaultsInjected}.");
    }

    [Fact]
    public void StressOptions_FaultRatesOutsideZeroToOne_AreRefusedNamingTheRate()
    {
        var interrupt = Assert.Throws<ArgumentOutOfRangeException>(() => Stress.Run(FaultSpecs.Semaphore(1), StressOptions with { InterruptRate = 1.5 }));
        var both = Assert.Throws<ArgumentOutOfRangeException>(() => Stress.Run(FaultSpecs.Semaphore(1), StressOptions with { InterruptRate = 0.6, CancellationRate = 0.6 }));

        Assert.Equal("InterruptRate", interrupt.ParamName);
        Assert.Equal("CancellationRate", both.ParamName);
    }

    private static void ExploreSome<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec)
    {
        var scenarios = FsCheck.Fluent.Gen.Sample(Weave.Harness.Scenarios.Gen(spec, threads: 2, opsPerThread: 3), 4, new Rnd(20261125), 3);
        foreach (var scenario in scenarios)
        {
            var report = Systematic.ExploreScenario(spec, scenario, Options);
            Assert.False(report.BugFound, $"Scenario {scenario}:{Environment.NewLine}{report}");
        }
    }
}
