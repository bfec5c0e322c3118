using Weave.Harness;

namespace Weave.SystematicTests;

/// <summary>
/// WEAVE_* variables are process-wide, so these tests run alone (after the parallel ones), and
/// restore the environment.
/// </summary>
[Collection(nameof(EnvironmentOverrideTests))]
[CollectionDefinition(nameof(EnvironmentOverrideTests), DisableParallelization = true)]
public sealed class EnvironmentOverrideTests
{
    [Fact]
    public void Variables_OverrideIterationsSeedAndStrategy()
    {
        using (Set(("WEAVE_ITERATIONS", "7"), ("WEAVE_SEED", "99"), ("WEAVE_STRATEGY", "prioritization")))
        {
            SystematicOptions options = new SystematicOptions { Iterations = 1000, Seed = 1 }.WithEnvironmentOverrides();
            Assert.Equal(7, options.Iterations);
            Assert.Equal(99u, options.Seed);
            Assert.Equal(SystematicStrategy.Prioritization, options.Strategy);

            SystematicReport report = Systematic.Explore(() => Run.Threads(() => { }), new SystematicOptions { Iterations = 1000 });
            Assert.Equal(7, report.Iterations);
            Assert.Equal(99u, report.Seed);
        }
    }

    [Fact]
    public void Parallelism_DefaultsToTheCoreCount_AndWeaveParallelismOverridesIt()
    {
        Assert.Equal(Environment.ProcessorCount, new SystematicOptions().Parallelism);
        using (Set(("WEAVE_PARALLELISM", "3")))
        {
            Assert.Equal(3, new SystematicOptions { Parallelism = 1 }.WithEnvironmentOverrides().Parallelism);
            SystematicReport report = Systematic.Explore(() => Run.Threads(() => { }), new SystematicOptions { Iterations = 30, Seed = 5 });
            Assert.Equal(3, report.Engines);
            Assert.Equal(30, report.Iterations);
        }
    }

    [Theory]
    [InlineData("WEAVE_ITERATIONS", "zero")]
    [InlineData("WEAVE_ITERATIONS", "-3")]
    [InlineData("WEAVE_SEED", "-1")]
    [InlineData("WEAVE_STRATEGY", "fastest")]
    [InlineData("WEAVE_PARALLELISM", "0")]
    [InlineData("WEAVE_PARALLELISM", "all")]
    public void Variables_WithBadValues_AreRefusedNamingTheVariable(string variable, string value)
    {
        using (Set((variable, value)))
        {
            var error = Assert.Throws<ArgumentException>(() => new SystematicOptions().WithEnvironmentOverrides());
            Assert.Contains(variable, error.Message);
            Assert.Contains(value, error.Message);
        }
    }

    [Fact]
    public void WeaveReplay_ReplaysTheScheduleInsteadOfExploring()
    {
        // The printed replay command sets WEAVE_REPLAY; Check then replays and throws the same bug.
        SystematicReport found = Systematic.Explore(SystematicTests.LostUpdate, new SystematicOptions { Iterations = 100, Seed = 3 });
        using (Set(("WEAVE_REPLAY", found.ScheduleFile!)))
        {
            var error = Assert.Throws<SystematicBugException>(() => Systematic.Check(SystematicTests.LostUpdate));
            Assert.True(error.Report.IsReplay);
            Assert.Equal(1, error.Report.Iterations);
            Assert.Contains("reproduced the bug", error.Message);
            Assert.Contains("Interleaving", error.Message);
        }
    }

    [Fact]
    public void WeaveReplay_OfAnotherTestsSchedule_IsRefused()
    {
        SystematicReport found = Systematic.Explore(SystematicTests.LostUpdate, new SystematicOptions { Iterations = 100, Seed = 3 });
        using (Set(("WEAVE_REPLAY", ScheduleFileTests.FromAnotherTest(found.ScheduleFile!))))
        {
            Assert.Throws<ScheduleFileException>(() => Systematic.Check(SystematicTests.LostUpdate));
        }
    }

    [Fact]
    public void Shards_SplitTheIterations_DeriveDistinctSeedsFromOneBase_AndEachWritesAResult()
    {
        string artifacts = Directory.CreateTempSubdirectory("weave-shards-").FullName;
        var reports = new List<SystematicReport>();
        for (int i = 1; i <= 3; i++)
        {
            using (Set(("WEAVE_SHARD", $"{i}/3"), ("WEAVE_ARTIFACTS", artifacts)))
            {
                reports.Add(Systematic.Explore(() => Run.Threads(() => { }, () => { }), new SystematicOptions { Iterations = 100, Seed = 77 }));
            }
        }

        var results = Directory.GetFiles(Path.Combine(artifacts, "shards"), "*.json").Order(StringComparer.Ordinal).Select(ShardResult.Read).ToList();

        Assert.Equal([34, 33, 33], reports.Select(r => r.Iterations));
        Assert.Equal(3, reports.Select(r => r.Seed).Distinct().Count());
        Assert.All(reports, r => Assert.Equal(77u, r.BaseSeed));
        Assert.Equal(["1/3", "2/3", "3/3"], reports.Select(r => r.Shard));
        Assert.Contains("shard 2/3 of base seed 77", reports[1].ToString(), StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], results.Select(r => r.Shard));
        Assert.All(results, r => Assert.Equal(3, r.Shards));
        Assert.All(results, r => Assert.False(r.BugFound));
        Assert.Equal(reports.Select(r => r.Seed), results.Select(r => r.Seed));
        Assert.EndsWith("EnvironmentOverrideTests.Shards_SplitTheIterations_DeriveDistinctSeedsFromOneBase_AndEachWritesAResult", results[0].Test, StringComparison.Ordinal);
    }

    [Fact]
    public void Shard_ThatFindsABug_RecordsItsScheduleInItsResult_AndTheScheduleReplaysUnsharded()
    {
        string artifacts = Directory.CreateTempSubdirectory("weave-shards-").FullName;
        SystematicReport found;
        using (Set(("WEAVE_SHARD", "2/3"), ("WEAVE_ARTIFACTS", artifacts)))
        {
            found = Systematic.Explore(SystematicTests.LostUpdate, new SystematicOptions { Iterations = 300, Seed = 5 });
        }

        var result = ShardResult.Read(Directory.GetFiles(Path.Combine(artifacts, "shards")).Single());

        Assert.True(found.BugFound, found.ToString());
        Assert.True(result.BugFound);
        Assert.Equal(found.ScheduleFile, result.ScheduleFile);
        Assert.Equal(found.IterationOfFirstBug, result.IterationOfFirstBug);
        Assert.Contains("WEAVE_REPLAY=", result.ReplayCommand, StringComparison.Ordinal);
        Assert.True(Systematic.Replay(found.ScheduleFile!, SystematicTests.LostUpdate).BugFound);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("2/0")]
    [InlineData("two/3")]
    [InlineData("1/2/3")]
    public void Shard_WithABadValue_IsRefusedNamingTheVariable(string value)
    {
        using (Set(("WEAVE_SHARD", value)))
        {
            var error = Assert.Throws<ArgumentException>(() => Systematic.Explore(() => { }, new SystematicOptions { Iterations = 1 }));
            Assert.Contains($"WEAVE_SHARD must be i/n with 1 <= i <= n (for example 2/3); it is '{value}'", error.Message, StringComparison.Ordinal);
        }
    }

    // Here, not in FaultExplorationTests: environment variables are process-wide, and this collection runs alone
    // (a loaded run once caught another test reading WEAVE_EXPLORE_INTERRUPTS=sometimes set by this one).
    [Fact]
    public void FaultOptions_AreReadFromTheEnvironment()
    {
        using (Set(("WEAVE_EXPLORE_INTERRUPTS", "1"), ("WEAVE_EXPLORE_CANCELLATION", "true")))
        {
            var options = new SystematicOptions().WithEnvironmentOverrides();
            Assert.True(options.ExploreInterrupts);
            Assert.True(options.ExploreCancellation);
        }

        using (Set(("WEAVE_EXPLORE_INTERRUPTS", "sometimes")))
        {
            var error = Assert.Throws<ArgumentException>(() => new SystematicOptions().WithEnvironmentOverrides());
            Assert.Contains("WEAVE_EXPLORE_INTERRUPTS must be 1, 0, true or false; it is 'sometimes'", error.Message, StringComparison.Ordinal);
        }
    }

    private static Restore Set(params (string Name, string Value)[] variables)
    {
        var previous = variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToArray();
        foreach ((string name, string value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(previous);
    }

    private sealed class Restore((string Name, string? Value)[] previous) : IDisposable
    {
        public void Dispose()
        {
            foreach ((string name, string? value) in previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
