using FsCheck;
using Weave.Harness;
using Weave.PropertiesTests.Specs;

namespace Weave.PropertiesTests.Concurrent;

/// <summary>
/// Scenarios with a sequential init part (before the threads start) and a post part (after they join, at
/// quiescence), and operations a spec marks as meaningful only at quiescence: the only shape that shows a bug in
/// an eventually consistent size without a false alarm on the correct version.
/// </summary>
public sealed class ScenarioPhasesTests
{
    private static readonly SystematicOptions s_options = new() { Iterations = 200, Seed = 20261126 };

    // Set-up adds key 0; two threads remove it at once; the size is read after both joined.
    private static readonly Scenario<CacheOp> s_doubleRemove = new(
        [CacheOp.Add(0)],
        [[CacheOp.Remove(0)], [CacheOp.Remove(0)]],
        [CacheOp.Count]);

    [Fact]
    public void PostPartObservation_FindsTheSizeDecrementedTwice_AndReplays()
    {
        var report = Systematic.ExploreScenario(CountedCache.Spec(racy: true), s_doubleRemove, s_options);

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Not linearizable", report.Bug, StringComparison.Ordinal);
        Assert.Contains("Count -> -1", report.Bug, StringComparison.Ordinal);
        Assert.Contains("init: Add(0)  ||  T0: Remove(0) | T1: Remove(0)  ||  post: Count", report.Bug, StringComparison.Ordinal);
        Assert.True(Systematic.ReplayScenario(report.ScheduleFile!, CountedCache.Spec(racy: true), s_doubleRemove).BugFound);
    }

    [Fact]
    public void PostPartObservation_OnTheFixedCache_FindsNothing()
    {
        var report = Systematic.ExploreScenario(CountedCache.Spec(racy: false), s_doubleRemove, s_options);

        Assert.False(report.BugFound, report.ToString());
    }

    [Fact]
    public void ReadingAnEventuallyConsistentSizeWhileThreadsRun_FlagsEvenTheFixedCache()
    {
        // Why QuiescentOnly exists: the size lags the entries until the bookkeeping task has run.
        var scenario = new Scenario<CacheOp>([[CacheOp.Add(0), CacheOp.Count]]);

        var report = Systematic.ExploreScenario(CountedCache.SpecReadingCountAnyTime(), scenario, s_options);

        Assert.True(report.BugFound, report.ToString());
        Assert.Contains("Count -> 0", report.Bug, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedScenarios_WithPhases_FindTheRacyCache_AndLeaveTheFixedOneClean()
    {
        // Generated, not hand-written: 2 threads of up to 2 ops, an init part of up to 2 adds, a post part reading
        // the size. The fixed seed makes the same scenarios every run; each is explored under Coyote until one
        // finds the bug; the fixed cache must pass every one of them.
        var scenarios = FsCheck.Fluent.Gen.Sample(
            Weave.Harness.Scenarios.Gen(CountedCache.Spec(racy: true), threads: 2, opsPerThread: 2, initOps: 2, postOps: 1), 12, new Rnd(7), 2);
        var options = s_options with { Iterations = 30 };

        var finding = scenarios.FirstOrDefault(s => Systematic.ExploreScenario(CountedCache.Spec(racy: true), s, options).BugFound);
        var falseAlarm = scenarios.FirstOrDefault(s => Systematic.ExploreScenario(CountedCache.Spec(racy: false), s, options).BugFound);

        Assert.NotNull(finding);
        Assert.Null(falseAlarm);
    }

    [Fact]
    public void Gen_WithPhases_PutsQuiescentOnlyOpsInThePartsOnly()
    {
        var spec = CountedCache.Spec(racy: false);
        var scenarios = FsCheck.Fluent.Gen.Sample(Weave.Harness.Scenarios.Gen(spec, 3, 3, initOps: 2, postOps: 2), 200, new Rnd(11), 3);

        Assert.All(scenarios, s =>
        {
            Assert.InRange(s.Init.Count, 1, 2);
            Assert.InRange(s.Post.Count, 1, 2);
            Assert.All(s.Init, op => Assert.Equal("Add", op.Kind));
            Assert.All(s.Post, op => Assert.Equal("Count", op.Kind));
            Assert.DoesNotContain(s.Threads.SelectMany(t => t), op => op.Kind == "Count");
        });
    }

    [Fact]
    public void Gen_WithoutPhases_HasEmptyParts()
    {
        var scenarios = FsCheck.Fluent.Gen.Sample(Weave.Harness.Scenarios.Gen(CountedCache.Spec(racy: false), 2, 2), 50, new Rnd(3), 2);

        Assert.All(scenarios, s => Assert.Empty(s.Init));
        Assert.All(scenarios, s => Assert.Empty(s.Post));
    }

    [Fact]
    public void Shrink_DropsThreadsFirst_ThenOperations_IncludingTheParts()
    {
        var candidates = s_doubleRemove.Shrink().Select(s => s.ToString()).ToList();

        Assert.Equal(
        [
            "init: Add(0)  ||  T0: Remove(0)  ||  post: Count",
            "init: Add(0)  ||  T0: Remove(0)  ||  post: Count",
            "init: Add(0)  ||  T0: Remove(0)  ||  post: Count",
            "init: Add(0)  ||  T0: Remove(0)  ||  post: Count",
            "T0: Remove(0) | T1: Remove(0)  ||  post: Count",
            "init: Add(0)  ||  T0: Remove(0) | T1: Remove(0)",
        ], candidates);
    }

    [Fact]
    public void Stress_RunsThePartsOnRealThreads_AndTheFixedCacheStaysLinearizable()
    {
        // Real threads, the fixed cache: the post part waits for the bookkeeping (OnQuiesce), so its size is exact.
        var report = Stress.Run(CountedCache.Spec(racy: false), new StressOptions
        {
            Rounds = 100, Threads = 2, OpsPerThread = 3, InitOps = 2, PostOps = 1, Seed = 5,
        });

        Assert.False(report.ViolationFound, report.ToString());
        Assert.Equal(100, report.Rounds);
    }

    [Fact]
    public void Options_WithNegativePartSizes_AreRefusedNamingThem()
    {
        var init = Assert.Throws<ArgumentOutOfRangeException>(() => new StressOptions { InitOps = -1 }.Validate());
        var post = Assert.Throws<ArgumentOutOfRangeException>(() => new StressOptions { PostOps = -1 }.Validate());

        Assert.Equal("InitOps", init.ParamName);
        Assert.Equal("PostOps", post.ParamName);
        Assert.Throws<ArgumentNullException>(() => new Scenario<CacheOp>(null!, [[CacheOp.Count]], []));
    }
}
