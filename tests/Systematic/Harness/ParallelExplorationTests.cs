using System.Text.Json;
using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>
/// SystematicOptions.Parallelism: several Coyote engines explore contiguous slices of one run's iterations; the first
/// bug in iteration order is the one reported, so the result never depends on which engine is faster.
/// </summary>
public sealed class ParallelExplorationTests
{
    // Under Random with seed 1 the reversed order first occurs in iteration 58 of one engine's run (Coyote seeds
    // iteration i with seed + i), so with 100 iterations it lies in engine 1's slice of 3 and engine 2's slice of 4.
    private const uint Seed = 1;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Explore_OnSeveralEngines_FindsTheBugOneEngineFinds_AtTheSameIteration_WithTheSameSchedule(int engines)
    {
        SystematicReport alone = Explore(ThreeThreadsReversed, engines: 1, "alone");
        Assert.True(alone.BugFound);
        Assert.True(alone.IterationOfFirstBug > 50, $"the bug should lie past the first slices (iteration {alone.IterationOfFirstBug})");

        SystematicReport parallel = Explore(ThreeThreadsReversed, engines, $"parallel-{engines}");
        Assert.True(parallel.BugFound);
        Assert.Equal(engines, parallel.Engines);
        Assert.Equal(alone.IterationOfFirstBug, parallel.IterationOfFirstBug);
        Assert.Equal(alone.Bug, parallel.Bug);
        Assert.Equal(alone.Seed, parallel.Seed);
        Assert.Equal(ScheduleSteps(alone.ScheduleFile!), ScheduleSteps(parallel.ScheduleFile!));
    }

    [Fact]
    public void Replay_OfAScheduleALaterEngineFound_ReproducesTheBugAlone()
    {
        SystematicReport found = Explore(ThreeThreadsReversed, engines: 3, "replay");
        Assert.True(found.BugFound);
        Assert.True(found.IterationOfFirstBug > 34, "engine 1 or 2 found it");

        SystematicReport replay = Systematic.Replay(found.ScheduleFile!, ThreeThreadsReversed);
        Assert.True(replay.BugFound, replay.ToString());
        Assert.Equal(1, replay.Engines);
        Assert.Contains("reversed", replay.Bug);
    }

    [Fact]
    public void Explore_WhenEveryEngineFindsABug_TheFirstIterationsBugIsReported_EveryRun()
    {
        // Engines 1–3 find theirs at once and may finish before engine 0: the report must still be iteration 1's.
        for (int run = 0; run < 5; run++)
        {
            int iteration = 0;
            SystematicReport report = Systematic.Explore(
                () => throw new InvalidOperationException($"always, iteration {Interlocked.Increment(ref iteration)}"),
                new SystematicOptions { Iterations = 400, Seed = Seed, Parallelism = 4, SuggestFieldRaces = false, TraceDirectory = Folder($"always-{run}") });
            Assert.True(report.BugFound);
            Assert.Equal(1, report.IterationOfFirstBug);
        }
    }

    [Fact]
    public void Explore_OnSeveralEngines_RunsEveryIterationExactlyOnce()
    {
        int ran = 0;
        SystematicReport report = Systematic.Explore(
            () => Interlocked.Increment(ref ran),
            new SystematicOptions { Iterations = 101, Seed = Seed, Parallelism = 3, SuggestFieldRaces = false });
        Assert.False(report.BugFound);
        Assert.Equal(3, report.Engines);
        Assert.Equal(101, report.Iterations);
        Assert.Equal(101, ran);
        Assert.Contains("3 engines", report.ToString());
    }

    [Fact]
    public void Explore_WithMoreEnginesThanIterations_RunsOneEnginePerIteration()
    {
        SystematicReport report = Systematic.Explore(() => { }, new SystematicOptions { Iterations = 2, Seed = Seed, Parallelism = 8, SuggestFieldRaces = false });
        Assert.Equal(2, report.Engines);
        Assert.Equal(2, report.Iterations);
    }

    [Fact]
    public void Explore_WithPrioritization_OnSeveralEngines_GivesTheSameResultEveryRun()
    {
        var options = new SystematicOptions { Iterations = 100, Seed = Seed, Parallelism = 3, Strategy = SystematicStrategy.Prioritization, SuggestFieldRaces = false };
        SystematicReport first = Systematic.Explore(ThreeThreadsReversed, options with { TraceDirectory = Folder("prioritization-1") });
        SystematicReport second = Systematic.Explore(ThreeThreadsReversed, options with { TraceDirectory = Folder("prioritization-2") });
        Assert.True(first.BugFound);
        Assert.Equal(first.IterationOfFirstBug, second.IterationOfFirstBug);
        Assert.Equal(ScheduleSteps(first.ScheduleFile!), ScheduleSteps(second.ScheduleFile!));
    }

    [Fact]
    public void Explore_WhenAParallelFindDoesNotReplayAlone_RepeatsTheRunOnOneEngine_AndSaysWhy()
    {
        // Engines that share state interfere (a lock on a static object in the code under test is the common case):
        // simulated here by a body that fails only beside another engine, which its replay alone cannot reproduce.
        SystematicReport report = Systematic.Explore(
            () =>
            {
                if (ParallelExploration.CurrentEngine is > 0)
                {
                    throw new InvalidOperationException("only beside another engine");
                }
            },
            new SystematicOptions { Iterations = 40, Seed = Seed, Parallelism = 2, SuggestFieldRaces = false, TraceDirectory = Folder("interference") });

        Assert.False(report.BugFound, report.ToString());
        Assert.Equal(1, report.Engines);
        Assert.Equal(40, report.Iterations);
        Assert.Contains("The 2 engines interfered", report.Hint);
        Assert.Contains("did not come back when its schedule was replayed alone", report.Hint);
        Assert.Contains("WEAVE_PARALLELISM=1", report.Hint);
        Assert.False(Directory.Exists(Folder("interference")) && Directory.EnumerateFiles(Folder("interference")).Any(), "no schedule is kept for it");
    }

    [Fact]
    public void Parallelism_BelowOne_IsRefusedNamingIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Systematic.Explore(() => { }, new SystematicOptions { Parallelism = 0 }));
        Assert.Equal("Parallelism", error.ParamName);
    }

    private static SystematicReport Explore(Action test, int engines, string folder) =>
        Systematic.Explore(test, new SystematicOptions
        {
            Iterations = 100,
            Seed = Seed,
            Parallelism = engines,
            SuggestFieldRaces = false,
            TraceDirectory = Folder(folder),
        });

    private static string Folder(string name) =>
        Path.Combine(AppContext.BaseDirectory, "artifacts", "parallel-exploration", name);

    // The scheduling decisions of the schedule (its settings name the seed the finding engine started from).
    private static string ScheduleSteps(string scheduleFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(scheduleFile));
        string steps = document.RootElement.GetProperty("coyoteTrace").GetProperty("Steps").ToString();
        Assert.Contains("sp(", steps);
        return steps;
    }

    // Three threads append their index under a lock; the bug is the one order 2, 1, 0.
    private static void ThreeThreadsReversed()
    {
        var order = new List<int>();
        var threads = Enumerable.Range(0, 3).Select(i => new Thread(() =>
        {
            lock (order)
            {
                order.Add(i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (order.SequenceEqual([2, 1, 0]))
        {
            throw new InvalidOperationException("reversed");
        }
    }
}
