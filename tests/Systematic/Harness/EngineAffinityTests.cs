using System.Collections.Concurrent;
using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>
/// Engines of a parallel exploration each keep to a CPU of their own (Linux, when there are at least as many CPUs as
/// engines): the test's threads, Coyote's reused ones and the ones the test creates, run on their engine's CPU, and
/// one engine's run is not pinned at all.
/// </summary>
public sealed class EngineAffinityTests
{
    private static readonly int[] s_cpus = EngineAffinity.CurrentCpus();

    [Fact]
    public void Plan_OneEngine_PinsNothing()
    {
        Assert.Null(EngineAffinity.Plan(1));
    }

    [Fact]
    public void Plan_AsManyEnginesAsCpus_GivesEachItsOwnCpu()
    {
        int[]? plan = EngineAffinity.Plan(s_cpus.Length);

        if (!OperatingSystem.IsLinux() || s_cpus.Length < 2 || Environment.GetEnvironmentVariable("WEAVE_ENGINE_AFFINITY") == "off")
        {
            Assert.Null(plan);
            return;
        }

        Assert.Equal(s_cpus, plan!.Order()); // One CPU each, every CPU used.
        Assert.Null(EngineAffinity.Plan(s_cpus.Length + 1)); // More engines than CPUs: left to the scheduler.
    }

    [Theory]
    [InlineData(0, new[] { 0, 1 })]
    [InlineData(3, new[] { 3, 0 })]
    [InlineData(6, new[] { 2, 3 })]
    public void Plan_FewerEnginesThanCpus_ConsecutiveCpusFromARotatingStart(int start, int[] expected)
    {
        Assert.Equal(expected, EngineAffinity.Plan(2, new[] { 0, 1, 2, 3 }, start));
    }

    [Fact]
    public void Plan_UsesTheCpusTheProcessMayUse_NotCpuNumbers()
    {
        // Arrays, not span literals: in this (rewritten) assembly a ReadOnlySpan<int> literal here failed with "The field
        // is invalid for initializing array or span" (the static data behind it, after Mono.Cecil rewrote the file).
        int[] cpus = new[] { 5, 9 };
        Assert.Equal(new[] { 5, 9 }, EngineAffinity.Plan(2, cpus, 0));
        Assert.Equal(new[] { 9, 5 }, EngineAffinity.Plan(2, cpus, -1)); // Any start, even a negative hash.
        Assert.Null(EngineAffinity.Plan(3, cpus, 0));
        Assert.Null(EngineAffinity.Plan(1, cpus, 0));
    }

    [Fact]
    public void ParallelExploration_EveryThreadOfAnEngine_RunsOnThatEnginesCpu()
    {
        int engines = 2;
        bool pinned = EngineAffinity.Plan(engines) is not null;
        var seen = new ConcurrentBag<(int? Engine, string Where, int[] Cpus)>();

        SystematicReport report = Systematic.Explore(() =>
        {
            int? engine = ParallelExploration.CurrentEngine;
            seen.Add((engine, "test", EngineAffinity.CurrentCpus()));
            var thread = new Thread(() => seen.Add((engine, "new Thread", EngineAffinity.CurrentCpus())));
            thread.Start();
            Task.Run(() => seen.Add((engine, "Task.Run", EngineAffinity.CurrentCpus()))).Wait();
            thread.Join();
        }, new SystematicOptions { Iterations = 40, Seed = 5, Parallelism = engines, SuggestFieldRaces = false });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(engines, report.Engines);
        Assert.Equal(3 * 40, seen.Count);
        Assert.All(seen, s => Assert.NotNull(s.Engine));
        var cpusByEngine = seen.GroupBy(s => s.Engine!.Value).ToDictionary(
            g => g.Key,
            g => g.Select(s => string.Join(",", s.Cpus)).Distinct().ToList());
        if (pinned)
        {
            // Every thread of an engine on one and the same CPU, a different one for each engine.
            Assert.All(cpusByEngine, e => Assert.True(
                e.Value.Count == 1 && !e.Value[0].Contains(','),
                $"engine {e.Key}'s threads ran on CPUs [{string.Join("] [", e.Value)}]"));
            Assert.Equal(cpusByEngine.Count, cpusByEngine.Values.Select(v => v[0]).Distinct().Count());
        }
        else
        {
            Assert.All(seen, s => Assert.Equal(s_cpus, s.Cpus));
        }

        Assert.Equal(s_cpus, EngineAffinity.CurrentCpus()); // The caller's thread (engine 0) is given its CPUs back.
    }

    [Fact]
    public void OneEngine_ThreadsKeepEveryCpu()
    {
        var seen = new ConcurrentBag<int[]>();

        SystematicReport report = Systematic.Explore(() =>
        {
            seen.Add(EngineAffinity.CurrentCpus());
            var thread = new Thread(() => seen.Add(EngineAffinity.CurrentCpus()));
            thread.Start();
            thread.Join();
        }, new SystematicOptions { Iterations = 10, Seed = 5, Parallelism = 1 });

        Assert.False(report.BugFound, report.ToString());
        Assert.All(seen, cpus => Assert.Equal(s_cpus, cpus));
    }
}
