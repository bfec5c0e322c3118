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

    [Theory]
    [InlineData("WEAVE_ITERATIONS", "zero")]
    [InlineData("WEAVE_ITERATIONS", "-3")]
    [InlineData("WEAVE_SEED", "-1")]
    [InlineData("WEAVE_STRATEGY", "fastest")]
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
