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

        Assert.Equal(s_cpus, plan);
        Assert.Null(EngineAffinity.Plan(s_cpus.Length + 1)); // More engines than CPUs: left to the scheduler.
    }

    [Fact]
    public void ParallelExploration_EveryThreadOfAnEngine_RunsOnThatEnginesCpu()
    {
        int engines = 2;
        int[]? plan = EngineAffinity.Plan(engines);
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
        foreach (var (engine, where, cpus) in seen)
        {
            Assert.NotNull(engine);
            int[] expected = plan is null ? s_cpus : [plan[engine.Value]];
            Assert.True(expected.SequenceEqual(cpus), $"{where} on engine {engine}: CPUs [{string.Join(",", cpus)}], expected [{string.Join(",", expected)}]");
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
