namespace Weave.SystematicTests.SeededBugs;

/// <summary>
/// The catalog's linearizability bugs caught with no bug-specific scenario at all: generated scenarios,
/// histories checked against the primitive's sequential spec — on real threads (stress) and under Coyote.
/// Each correct twin stays clean under both.
/// </summary>
public sealed class LinearizabilityBugTests(ITestOutputHelper output)
{
    /// <summary>The bugs stress + checker finds within its budget (the others need Coyote's control of timing).</summary>
    public static readonly TheoryData<string> FoundByStress = new(LinearizabilitySpecs.StressFinds);

    public static readonly TheoryData<string> All = new(LinearizabilitySpecs.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(All))]
    public void ScenarioUnderCoyote_FindsTheBug(string name)
    {
        var report = LinearizabilitySpecs.Named(name).Target(true).Explore(LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.CoyoteScenarios, LinearizabilitySpecs.ScenarioSeed);

        output.WriteLine(report?.ToString() ?? "no scenario");
        Assert.True(report?.BugFound, $"{name}: no generated scenario exposed it under Coyote.");
        Assert.Contains("Not linearizable", report!.Bug, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FoundByStress))]
    public void StressAndChecker_FindTheBug(string name)
    {
        var report = LinearizabilitySpecs.Named(name).Target(true).Stress(LinearizabilitySpecs.StressOptions with { Rounds = 3_000, Seed = null });

        output.WriteLine(report.Message);
        Assert.True(report.ViolationFound, $"{name}: {report.Message}");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void CorrectTwin_IsLinearizableUnderCoyoteAndStress(string name)
    {
        var twin = LinearizabilitySpecs.Named(name).Target(false);

        var systematic = twin.Explore(LinearizabilitySpecs.CoyoteOptions, LinearizabilitySpecs.CoyoteScenarios, LinearizabilitySpecs.ScenarioSeed);
        var stress = twin.Stress(LinearizabilitySpecs.StressOptions with { Rounds = 100 });

        Assert.False(systematic?.BugFound, systematic?.ToString());
        Assert.False(stress.ViolationFound, stress.Message);
    }
}
