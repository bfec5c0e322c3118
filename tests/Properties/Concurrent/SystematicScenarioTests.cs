using FsCheck;
using Weave.Harness;
using Weave.PropertiesTests.Specs;

namespace Weave.PropertiesTests.Concurrent;

/// <summary>The same generated scenarios under Coyote: every explored interleaving's history must be linearizable.</summary>
public sealed class SystematicScenarioTests
{
    private const ulong ScenarioSeed = 20261125;

    private static SystematicOptions Options => new() { Iterations = 60, Seed = 20261125, Strategy = SystematicStrategy.Random };

    [Fact]
    public void FifoQueue_Bounded_IsLinearizableInEveryInterleaving() => ExploreSome(QueueSpecs.Fifo(maxSize: 1));

    [Fact]
    public void LifoQueue_IsLinearizableInEveryInterleaving() => ExploreSome(QueueSpecs.Lifo(maxSize: 2));

    [Fact]
    public void MinPriorityQueue_IsLinearizableInEveryInterleaving() => ExploreSome(QueueSpecs.Priority());

    [Fact]
    public void SimpleQueue_IsLinearizableInEveryInterleaving() => ExploreSome(QueueSpecs.Simple());

    [Fact]
    public void PrimitiveLock_IsLinearizableInEveryInterleaving() => ExploreSome(LockSpecs.Primitive());

    [Fact]
    public void ReentrantLock_IsLinearizableInEveryInterleaving() => ExploreSome(LockSpecs.Reentrant());

    [Fact]
    public void BoundedSemaphore_IsLinearizableInEveryInterleaving() => ExploreSome(LockSpecs.Semaphore(2, bounded: true));

    [Fact]
    public void Event_IsLinearizableInEveryInterleaving() => ExploreSome(LockSpecs.Event());

    [Fact]
    public void Future_IsLinearizableInEveryInterleaving() => ExploreSome(FutureSpecs.Future());

    [Fact]
    public void RacyCounter_ViolationIsFoundWithTableAndReplaysFromItsSchedule()
    {
        var spec = RacyCounter.Spec();
        var scenario = new Scenario<CounterOp>([[CounterOp.Increment], [CounterOp.Increment]]);

        var report = Systematic.ExploreScenario(spec, scenario, Options);

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Not linearizable", report.Bug, StringComparison.Ordinal);
        Assert.Contains("Increment -> 1", report.Bug, StringComparison.Ordinal);
        Assert.Contains("Time line:", report.Bug, StringComparison.Ordinal);
        Assert.NotNull(report.ScheduleFile);
        Assert.Contains("WEAVE_REPLAY=", report.ReplayCommand, StringComparison.Ordinal);

        var replay = Systematic.ReplayScenario(report.ScheduleFile, spec, scenario);

        Assert.True(replay.BugFound, replay.ToString());
        Assert.Contains("Increment -> 1", replay.Bug, StringComparison.Ordinal);
        Assert.Contains("RacyCounter.cs", replay.Interleaving, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckScenario_RacyCounter_Throws()
    {
        var scenario = new Scenario<CounterOp>([[CounterOp.Increment], [CounterOp.Increment, CounterOp.Read]]);

        var e = Assert.Throws<SystematicBugException>(() => Systematic.CheckScenario(RacyCounter.Spec(), scenario, Options));

        Assert.Contains("Not linearizable", e.Message, StringComparison.Ordinal);
    }

    private static void ExploreSome<TSystem, TState, TOp, TResult>(ConcurrentSpec<TSystem, TState, TOp, TResult> spec)
    {
        // A few generated scenarios of 2-3 threads; each explored under Coyote.
        var scenarios = FsCheck.Fluent.Gen.Sample(Weave.Harness.Scenarios.Gen(spec, threads: 3, opsPerThread: 3), 4, new Rnd(ScenarioSeed), 3); // 4 scenarios of size 3
        foreach (var scenario in scenarios)
        {
            var report = Systematic.ExploreScenario(spec, scenario, Options);
            Assert.False(report.BugFound, $"Scenario {scenario}:{Environment.NewLine}{report}");
        }
    }
}
